// A record's sync state in words (never colour alone); `subtle` for items, observations and follow-ups.
import type { SyncState } from '../../db/sync-state.ts';
import { useI18n } from '../i18n/index.ts';

export function SyncBadge({ state, subtle }: { state: SyncState; subtle?: boolean }) {
  const { t } = useI18n();
  return (
    <span class={`sync-badge sync-${state}${subtle ? ' sync-subtle' : ''}`}>
      <span class="visually-hidden">{t('syncState.label')} </span>
      {t(`syncState.${state}`)}
    </span>
  );
}
