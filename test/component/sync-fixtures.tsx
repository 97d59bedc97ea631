// Fixtures for the sync UI's tests: a user database with one visit, a fake sync runner whose state a
// test sets, and a render that provides what the signed-in components read (language, session, runner).
import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { vi } from 'vitest';
import { deleteUserDb, openUserDb, type UserDb } from '../../src/db/database.ts';
import type { LoginResponse } from '../../src/shared/auth.ts';
import { initialSyncState, type SyncListener, type SyncRunner, type SyncState } from '../../src/sync/state.ts';
import { I18nContext } from '../../src/ui/i18n/index.ts';
import { testI18n } from '../i18n-packs.ts';
import { SyncRunnerContext } from '../../src/ui/common/use-sync.ts';
import { SignedInContext, type SignOut } from '../../src/ui/app/session-context.ts';

export const session: LoginResponse = {
  token: 'tok-i',
  user: { id: 'u-sync', username: 'inspector', name: 'Ilona Inspector', role: 'inspector', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

export const VISIT_ID = '0193a0c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b';
export const stamps = (version: number) => ({ version, deleted: false, updatedAt: '2025-03-04T10:00:00.000Z', updatedBy: 'u-sync' });

/** A fresh database with Espoo, a two-item checklist and a visit there on 12 Dec 2025 (version 3). */
export async function freshDb(): Promise<UserDb> {
  await deleteUserDb(session.user.id);
  const db = openUserDb(session.user.id);
  await db.municipality.put({
    id: '049',
    name: { fi: 'Espoo', sv: 'Esbo' },
    regionId: 'avi-1',
    province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' },
    ...stamps(1),
  });
  const question = (en: string) => ({ fi: en, sv: en, en });
  await db.template.put({
    id: 'ept-v1',
    key: 'ept',
    revision: 1,
    area: 'substance',
    title: question('Substance abuse prevention'),
    sections: [{ id: 's1', title: question('Structures') }],
    items: [
      { id: 'EPT-01', sectionId: 's1', question: question('Is there a prevention plan?'), answerType: 'yes_partly_no_na', required: true, statutory: false, basis: 'Act 523/2015' },
      { id: 'EPT-02', sectionId: 's1', question: question('Is there a working group?'), answerType: 'yes_partly_no_na', required: true, statutory: false, basis: 'Act 523/2015' },
    ],
    ...stamps(1),
  });
  await db.visit.put({
    id: VISIT_ID,
    municipalityId: '049',
    templateIds: ['ept-v1'],
    mode: 'on_site',
    inspectorId: 'u-sync',
    plannedDate: '2025-12-12',
    status: 'in_progress',
    attendees: [],
    summary: 'Working group meets twice a year.',
    ...stamps(3),
  });
  return db;
}

export type FakeRunner = SyncRunner & { set: (patch: Partial<SyncState>) => void; syncNow: ReturnType<typeof vi.fn<() => void>> };

/** A runner that does nothing but hold the state a test gives it. */
export function fakeRunner(patch: Partial<SyncState> = {}): FakeRunner {
  let state: SyncState = { ...initialSyncState, ...patch };
  const listeners = new Set<SyncListener>();
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    syncNow: vi.fn<() => void>(),
    stop: vi.fn<() => void>(),
    set(next) {
      state = { ...state, ...next };
      for (const l of listeners) l(state);
    },
  };
}

export function renderSignedIn(
  ui: ComponentChildren,
  options: { db: UserDb; runner?: SyncRunner | null; signOut?: SignOut },
): ReturnType<typeof render> {
  const i18n = testI18n('en');
  return render(
    <I18nContext.Provider value={i18n}>
      <SignedInContext.Provider value={{ db: options.db, session, signOut: options.signOut ?? (async () => true) }}>
        <SyncRunnerContext.Provider value={options.runner ?? null}>{ui}</SyncRunnerContext.Provider>
      </SignedInContext.Provider>
    </I18nContext.Provider>,
  );
}

const minutes = (n: number) => n * 60_000;

/** An ISO time `n` minutes before now: ages are computed against the real clock, never asserted as timings. */
export function minutesAgo(n: number): string {
  return new Date(Date.now() - minutes(n)).toISOString();
}
