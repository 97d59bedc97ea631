// Who a user id is, in words. The device knows only the signed-in user's name: the server sends no
// directory of colleagues yet, so others are named by role and a short form of their id.
import type { User } from '../shared/auth.ts';
import type { MessageKey, Params } from './i18n/index.ts';

export function inspectorLabel(inspectorId: string, me: Pick<User, 'id' | 'name'>, t: (key: MessageKey, params?: Params) => string): string {
  return inspectorId === me.id ? me.name : t('people.inspector', { id: inspectorId.slice(0, 8) });
}
