// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { municipalityFieldsSchema, regionFieldsSchema, templateFieldsSchema } from '../../src/shared/reference.ts';
import { loadReferenceData } from '../../src/server/reference-data/reference-data.ts';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import { openSqliteStore, type SqliteStore } from '../../src/server/store/sqlite-store.ts';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tillsyn-seed-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reference data', () => {
  it('is the project copy, with its provenance beside it', () => {
    const provenance = readFileSync(new URL('../../src/server/reference-data/PROVENANCE.md', import.meta.url), 'utf8');
    expect(provenance).toContain('CC BY 4.0');
    expect(provenance).toContain('Åland');
    expect(provenance).toContain("current year's classification");
  });

  it('parses: 7 regions, 309 municipalities, 7 templates (4 current, 3 superseded) whose items are required by default', () => {
    const records = loadReferenceData();
    const of = (entity: string) => records.filter((r) => r.entity === entity);
    expect(of('region')).toHaveLength(7);
    expect(of('municipality')).toHaveLength(309);
    expect(of('template').map((t) => t.id).sort()).toEqual(['ept-v1', 'ept-v2', 'hyte-v1', 'hyte-v2', 'plan-v1', 'vio-v1', 'vio-v2']);
    expect(of('template').filter((t) => t.data.superseded).map((t) => t.id).sort()).toEqual(['ept-v1', 'hyte-v1', 'vio-v1']);
    // Format 2: the legal basis in each language, the maintainers' notes left behind.
    const ept2 = of('template').find((t) => t.id === 'ept-v2')!.data as { items: Record<string, unknown>[] };
    expect(ept2.items[0]).toMatchObject({ id: 'EPT-01', statutory: true, basis: { fi: expect.stringContaining('523/2015') } });
    expect(ept2.items[0]).not.toHaveProperty('source');
    for (const r of of('region')) regionFieldsSchema.parse(r.data);
    for (const m of of('municipality')) municipalityFieldsSchema.parse(m.data);
    for (const t of of('template')) {
      const fields = templateFieldsSchema.parse(t.data);
      expect(fields.items.every((i) => typeof i.required === 'boolean')).toBe(true);
    }
    expect(records.every((r) => r.regionId === null)).toBe(true);
    expect(of('municipality').find((m) => m.id === '091')?.data).toMatchObject({ name: { fi: 'Helsinki', sv: 'Helsingfors' }, regionId: 'avi-1' });
  });
});

describe('seeding', () => {
  it('writes every record under one version, visible to all regions', async () => {
    const result = await seedReferenceData(store);
    expect(result).toEqual({ version: 1, written: 7 + 309 + 7 });
    expect(await store.currentVersion()).toBe(1);
    expect(await store.listRecords('region')).toHaveLength(7);
    expect(await store.listRecords('municipality')).toHaveLength(309);
    const templates = await store.listRecords('template');
    expect(templates).toHaveLength(7);
    const versions = store.db.prepare('SELECT DISTINCT version, region_id FROM records').all();
    expect(versions).toEqual([{ version: 1, region_id: null }]);
    const ept = (await store.getRecord('template', 'ept-v1'))!;
    expect(ept.fieldMeta.items).toEqual([1, 'seed']);
    expect((ept.data.items as { required: boolean }[])[0]!.required).toBe(true);
  });

  it('changes nothing the second time: no record written, no new version', async () => {
    await seedReferenceData(store);
    const before = store.db.prepare('SELECT * FROM records ORDER BY entity, id').all();
    expect(await seedReferenceData(store)).toEqual({ version: null, written: 0 });
    expect(await store.currentVersion()).toBe(1);
    expect(store.db.prepare('SELECT * FROM records ORDER BY entity, id').all()).toEqual(before);
  });

  it('rewrites a record the seed owns that differs, under one new version, and only the changed field', async () => {
    await seedReferenceData(store);
    const stored = (await store.getRecord('region', 'avi-1'))!;
    store.db
      .prepare(`UPDATE records SET data = ? WHERE entity = 'region' AND id = 'avi-1'`)
      .run(JSON.stringify({ ...stored.data, abbr: 'OLD' }));
    expect(await seedReferenceData(store)).toEqual({ version: 2, written: 1 });
    const fixed = (await store.getRecord('region', 'avi-1'))!;
    expect(fixed.data).toEqual(stored.data);
    expect(fixed.version).toBe(2);
    expect(fixed.fieldMeta.abbr).toEqual([2, 'seed']);
    expect(fixed.fieldMeta.name).toEqual([1, 'seed']);
  });

  it('leaves a record an admin has edited as the admin wrote it', async () => {
    await seedReferenceData(store);
    store.db.prepare(`UPDATE records SET data = '{"name":{"fi":"x","sv":"x","en":"x"}}', updated_by = 'some-admin' WHERE entity = 'region' AND id = 'avi-2'`).run();
    expect(await seedReferenceData(store)).toEqual({ version: null, written: 0 });
    expect((await store.getRecord('region', 'avi-2'))!.data).toEqual({ name: { fi: 'x', sv: 'x', en: 'x' } });
  });
});
