import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { deleteUserDb, listUserDbNames, openUserDb, schemaV1, schemaV2, userDbName } from '../../src/db/database.ts';
import { loadUnsentSummary } from '../../src/db/sync-queries.ts';
import { listMunicipalities } from '../../src/db/queries.ts';
import { listVisitCards } from '../../src/db/visit-queries.ts';

const helsinki = {
  id: '091',
  name: { fi: 'Helsinki', sv: 'Helsingfors' },
  regionId: 'avi-1',
  province: { code: '01', fi: 'Uusimaa', sv: 'Nyland' },
};
const espoo = { ...helsinki, id: '049', name: { fi: 'Espoo', sv: 'Esbo' } };
const porvoo = { ...helsinki, id: '638', name: { fi: 'Porvoo', sv: 'Borgå' } };
const mariehamn = {
  id: '478',
  name: { fi: 'Maarianhamina', sv: 'Mariehamn' },
  regionId: 'avi-7',
  province: { code: '21', fi: 'Ahvenanmaa', sv: 'Åland' },
};

describe('one local database per user', () => {
  it('is named after the user', () => {
    expect(userDbName('u-1')).toBe('tillsyn-u-1');
    expect(() => userDbName('')).toThrow(/user id/);
  });

  it('keeps two users’ records apart', async () => {
    const a = openUserDb('alice');
    const b = openUserDb('bob');
    expect(a.name).toBe('tillsyn-alice');
    expect(b.name).toBe('tillsyn-bob');
    await a.municipality.put(helsinki);
    await a.outbox.add({ entity: 'contact', id: 'c-1', op: 'delete', baseVersion: 3, queuedAt: '2025-01-01T00:00:00.000Z' });
    expect(await a.municipality.count()).toBe(1);
    expect(await b.municipality.count()).toBe(0);
    expect(await a.outbox.count()).toBe(1);
    expect(await b.outbox.count()).toBe(0);
    expect(await listUserDbNames()).toEqual(expect.arrayContaining(['tillsyn-alice', 'tillsyn-bob']));
  });

  it('deleteUserDb removes that user’s database only', async () => {
    const a = openUserDb('carol');
    const b = openUserDb('dave');
    await a.municipality.put(helsinki);
    await b.municipality.put(espoo);
    await deleteUserDb('carol');
    const names = await listUserDbNames();
    expect(names).not.toContain('tillsyn-carol');
    expect(names).toContain('tillsyn-dave');
    expect(await openUserDb('carol').municipality.count()).toBe(0);
    expect(await openUserDb('dave').municipality.get('049')).toEqual(espoo);
  });

  it('gives the outbox rising sequence numbers', async () => {
    const db = openUserDb('erin');
    const first = await db.outbox.add({ entity: 'visit', id: 'v', op: 'upsert', baseVersion: null, fields: { summary: 'x' }, queuedAt: 't' });
    const second = await db.outbox.add({ entity: 'visit', id: 'v', op: 'upsert', baseVersion: null, fields: { summary: 'y' }, queuedAt: 't' });
    expect(Number(second)).toBeGreaterThan(Number(first));
  });
});

describe('the queries the pages show', () => {
  it('lists the municipalities of the user’s regions by name, without Åland unless asked', async () => {
    const db = openUserDb('frank');
    await db.municipality.bulkPut([helsinki, porvoo, espoo, mariehamn, { ...espoo, id: '999', regionId: 'avi-2' }]);
    const names = async (includeAland: boolean, lang: 'fi' | 'sv') =>
      (await listMunicipalities(db, { regionIds: ['avi-1', 'avi-7'], includeAland, lang })).map((m) => m.id);
    // Espoo, Helsinki, Porvoo (and Maarianhamina when asked).
    expect(await names(false, 'fi')).toEqual(['049', '091', '638']);
    expect(await names(true, 'fi')).toEqual(['049', '091', '478', '638']);
    // Swedish sorts by the Swedish names: Borgå, Esbo, Helsingfors, Mariehamn.
    expect(await names(true, 'sv')).toEqual(['638', '049', '091', '478']);
  });

  it('lists visits by planned date with their municipality’s name', async () => {
    const db = openUserDb('gina');
    await db.municipality.put(helsinki);
    const visit = {
      municipalityId: '091',
      templateIds: ['ept-v2'],
      mode: 'on_site' as const,
      inspectorId: 'gina',
      status: 'planned' as const,
      attendees: [],
    };
    await db.visit.bulkPut([
      { ...visit, id: 'v2', plannedDate: '2025-05-02' },
      { ...visit, id: 'v1', plannedDate: '2025-04-01', municipalityId: '404' },
    ]);
    // The list groups and orders them itself (visit-groups); by date here, to compare.
    const rows = (await listVisitCards(db)).sort((x, y) => x.plannedDate.localeCompare(y.plannedDate));
    expect(rows.map((r) => [r.id, r.municipalityName?.fi ?? null])).toEqual([
      ['v1', null],
      ['v2', 'Helsinki'],
    ]);
  });
});

describe('upgrading a device’s database', () => {
  it('keeps the changes queued under version 1, and finds the oldest by its time', async () => {
    const name = userDbName('u-upgrade');
    const v1 = new Dexie(name);
    v1.version(1).stores(schemaV1);
    await v1.table('outbox').bulkAdd([
      { entity: 'visit', id: 'a', op: 'upsert', baseVersion: null, fields: { summary: 'later' }, queuedAt: '2026-11-02T10:00:00.000Z' },
      // An imported row: a higher seq, made earlier.
      { entity: 'visit', id: 'b', op: 'upsert', baseVersion: 3, fields: { summary: 'earlier' }, queuedAt: '2026-11-01T08:00:00.000Z' },
    ]);
    v1.close();

    const db = openUserDb('u-upgrade');
    expect(db.verno).toBe(6);
    expect(await db.outbox.count()).toBe(2);
    expect((await loadUnsentSummary(db)).oldestQueuedAt).toBe('2026-11-01T08:00:00.000Z');
    await deleteUserDb('u-upgrade');
  });

  it('carries protocol-1 visits, queued creates and rejected ones to `templateIds`, losing no queued change', async () => {
    const name = userDbName('u-protocol2');
    const v2 = new Dexie(name);
    v2.version(1).stores(schemaV1);
    v2.version(2).stores(schemaV2);
    const old = { municipalityId: '091', templateId: 'ept-v1', inspectorId: 'u-protocol2', plannedDate: '2026-11-03', status: 'in_progress', attendees: [] };
    await v2.table('visit').bulkPut([
      { ...old, id: 'synced', version: 7 },
      { ...old, id: 'offline' },
    ]);
    await v2.table('answer').put({ id: 'offline:EPT-03', visitId: 'offline', itemId: 'EPT-03', value: 2 });
    // Queued offline before the update: a create, an edit of the synced visit, an answer; and a rejected create.
    await v2.table('outbox').bulkAdd([
      { entity: 'visit', id: 'offline', op: 'upsert', baseVersion: null, fields: { ...old }, queuedAt: '2026-11-03T08:00:00.000Z', create: true },
      { entity: 'visit', id: 'synced', op: 'upsert', baseVersion: 7, fields: { summary: 'Kokous pidettiin.' }, queuedAt: '2026-11-03T08:01:00.000Z' },
      { entity: 'answer', id: 'offline:EPT-03', op: 'upsert', baseVersion: null, fields: { visitId: 'offline', itemId: 'EPT-03', value: 2 }, queuedAt: '2026-11-03T08:02:00.000Z' },
      { entity: 'visit', id: 'synced', op: 'delete', baseVersion: 7, queuedAt: '2026-11-03T08:03:00.000Z' },
    ]);
    await v2.table('rejections').put({
      seq: 1,
      entity: 'visit',
      id: 'gone',
      op: 'upsert',
      baseVersion: null,
      fields: { ...old },
      queuedAt: '2026-11-02T08:00:00.000Z',
      error: { code: 'INVALID', message: 'x' },
      rejectedAt: '2026-11-02T09:00:00.000Z',
      serverRecord: { ...old, id: 'gone', version: 3 },
    });
    const before = (await v2.table('outbox').toArray()) as { seq: number }[];
    v2.close();

    const db = openUserDb('u-protocol2');
    const visits = await db.visit.toArray();
    expect(visits.map((v) => [v.id, v.templateIds, 'templateId' in v])).toEqual([
      ['offline', ['ept-v1'], false],
      ['synced', ['ept-v1'], false],
    ]);
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((r) => r.seq)).toEqual(before.map((r) => r.seq));
    expect(outbox[0]).toMatchObject({ op: 'upsert', fields: { templateIds: ['ept-v1'], municipalityId: '091' } });
    expect(outbox[0]!.op === 'upsert' && 'templateId' in outbox[0]!.fields).toBe(false);
    expect(outbox[1]).toMatchObject({ fields: { summary: 'Kokous pidettiin.' } });
    expect(outbox[2]).toMatchObject({ entity: 'answer', fields: { value: 2 } });
    expect(outbox[3]).toMatchObject({ op: 'delete', id: 'synced' });
    const [rejection] = await db.rejections.toArray();
    expect(rejection).toMatchObject({ fields: { templateIds: ['ept-v1'] }, serverRecord: { templateIds: ['ept-v1'] } });
    await deleteUserDb('u-protocol2');
  });
});
