import { clear, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearSession,
  loadLanguage,
  loadSession,
  loadSignInRecord,
  saveLanguage,
  saveSession,
  saveSignInRecord,
  type Session,
} from '../../src/db/session.ts';

const session: Session = {
  token: 'opaque-token',
  user: { id: 'u-1', username: 'inspector', name: 'Ilona Inspector', role: 'inspector', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

beforeEach(async () => {
  await clear();
});

describe('the stored session', () => {
  it('is null when nothing is stored', async () => {
    expect(await loadSession()).toBeNull();
  });

  it('comes back as it was saved, under the key "session"', async () => {
    await saveSession(session);
    expect(await loadSession()).toEqual(session);
    expect(await get('session')).toEqual(session);
  });

  it('is gone after clearSession', async () => {
    await saveSession(session);
    await clearSession();
    expect(await loadSession()).toBeNull();
    expect(await get('session')).toBeUndefined();
  });

  it.each([
    ['a string', 'not a session'],
    ['a session without a token', { user: session.user, expiresAt: session.expiresAt }],
    ['an unknown role', { ...session, user: { ...session.user, role: 'superuser' } }],
    ['a bad expiry', { ...session, expiresAt: 'tomorrow' }],
    ['null', null],
  ])('counts as signed out when the stored value is %s', async (_label, value) => {
    await set('session', value);
    await expect(loadSession()).resolves.toBeNull();
  });

  it('refuses to save a session that does not fit the schema', async () => {
    await expect(saveSession({ ...session, token: 42 } as unknown as Session)).rejects.toThrow();
    expect(await get('session')).toBeUndefined();
  });
});

describe('the remembered language', () => {
  it('keeps the sign-in page language and each user’s own apart', async () => {
    await saveLanguage('sv');
    await saveLanguage('en', 'u-1');
    expect(await loadLanguage()).toBe('en');
    expect(await loadLanguage('u-1')).toBe('en');
    expect(await get('lang:u-1')).toBe('en');
    expect(await loadLanguage('u-2')).toBeNull();
    await saveLanguage('fi', 'u-2');
    expect(await loadLanguage('u-1')).toBe('en');
    expect(await loadLanguage('u-2')).toBe('fi');
  });

  it('ignores a stored value that is not one of our languages', async () => {
    await set('lang', 'de');
    expect(await loadLanguage()).toBeNull();
  });
});

describe('the sign-in record', () => {
  it('remembers when and whether persistent storage was granted', async () => {
    await saveSignInRecord('u-1', { at: '2025-03-04T10:00:00.000Z', persistGranted: true });
    expect(await loadSignInRecord('u-1')).toEqual({ at: '2025-03-04T10:00:00.000Z', persistGranted: true });
    expect(await loadSignInRecord('u-2')).toBeNull();
  });
});
