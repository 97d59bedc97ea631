// Test fixtures for the visit pages: a user database seeded with the project's reference data (read here,
// in test code, from the server's JSON files; the app itself gets them by sync), and the providers the
// signed-in pages need.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentChildren } from 'preact';
import { render } from '@testing-library/preact';
import { deleteUserDb, openUserDb, type UserDb } from '../../src/db/database.ts';
import type { Session } from '../../src/db/session.ts';
import { createVisit, type NewVisit } from '../../src/db/visits.ts';
import { municipalityFieldsSchema, regionFieldsSchema, templateFieldsSchema, type Language } from '../../src/shared/reference.ts';
import { I18nContext } from '../../src/ui/i18n/index.ts';
import { testI18n } from '../i18n-packs.ts';
import { VisitPage } from '../../src/ui/features/visit/VisitPage.tsx';
import { SignedInContext } from '../../src/ui/app/session-context.ts';

// Under happy-dom import.meta.url is not a file URL; vitest runs from the project root.
const referenceDir = join(process.cwd(), 'src/server/reference-data');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(referenceDir, file), 'utf8'));

type WithId = { id: string } & Record<string, unknown>;

/** Reference records as the server would send them: parsed by the shared schemas (defaults filled in), version 1. */
export function referenceRecords() {
  const stamp = { version: 1, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'seed' };
  const parse = <T,>(list: WithId[], schema: { parse: (v: unknown) => T }) =>
    list.map(({ id, ...rest }) => ({ ...(schema.parse(rest) as object), id, ...stamp }));
  return {
    regions: parse(readJson('regions.json') as WithId[], regionFieldsSchema),
    municipalities: parse(readJson('municipalities.json') as WithId[], municipalityFieldsSchema),
    templates: parse((readJson('templates.json') as { templates: WithId[] }).templates, templateFieldsSchema),
  };
}

let n = 0;

/** A fresh user database with the regions, municipalities and templates in it. */
export async function seededDb(userId = `u-${++n}-${Date.now()}`): Promise<UserDb> {
  await deleteUserDb(userId);
  const db = openUserDb(userId);
  const ref = referenceRecords();
  await db.region.bulkPut(ref.regions as never);
  await db.municipality.bulkPut(ref.municipalities as never);
  await db.template.bulkPut(ref.templates as never);
  return db;
}

export function inspectorSession(userId: string, regionIds: string[] = ['avi-1']): Session {
  return {
    token: 'tok',
    user: { id: userId, username: 'inspector', name: 'Ilona Virtanen', role: 'inspector', regionIds },
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
}

/** Renders a signed-in page with its database and session, in English unless told otherwise. */
export function renderSignedIn(ui: ComponentChildren, { db, session, lang = 'en' }: { db: UserDb; session: Session; lang?: Language }) {
  const signedIn = { session, db, signOut: async () => true };
  return render(
    <I18nContext.Provider value={testI18n(lang)}>
      <SignedInContext.Provider value={signedIn}>{ui}</SignedInContext.Provider>
    </I18nContext.Provider>,
  );
}

/**
 * A seeded database, its inspector signed in, and a visit of theirs planned for Helsinki (the rest of it
 * from `fields`); `render` shows the visit's page.
 */
export async function visitOnPage(fields: Partial<NewVisit> = {}, lang: Language = 'en') {
  const db = await seededDb();
  const session = inspectorSession(db.name.replace('tillsyn-', ''));
  const visit = await createVisit(
    db,
    { municipalityId: '091', templateIds: ['ept-v2'], inspectorId: session.user.id, plannedDate: '2025-03-14', attendees: [], ...fields },
    session.user,
  );
  const render = () => renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session, lang });
  return { db, session, visit, render };
}
