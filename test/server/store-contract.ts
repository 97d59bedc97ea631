// The store's contract: SYNC.md's push and pull rules as a store must keep them, checked through the
// Store interface alone. Every store runs it (store-contract-sqlite.test.ts; a PostgreSQL store beside
// it), so this is the one place a new store is checked against the protocol. The authorisation matrix
// (test/unit/sync-authorization-matrix.test.ts) and the HTTP tests go deeper on rights and answers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReferenceData } from '../../src/server/reference-data/seed.ts';
import type { Store, SyncUser } from '../../src/server/store/store.ts';
import type { EntityName } from '../../src/shared/entities.ts';
import { SCHEMA_VERSION, type Change, type Mutation, type PushResponse, type PushResult } from '../../src/shared/protocol.ts';

/** What of the Store interface the contract uses: the sync, and what it needs to set up. */
export type ContractStore = Pick<Store, 'createUser' | 'seedRecords' | 'getRecord' | 'listRecords' | 'currentVersion' | 'push' | 'pull' | 'close'>;

/** A fresh, empty store of the kind under test, and what only the store itself can do. */
export type ContractSubject = {
  store: ContractStore;
  /** Sets the version below which tombstones are no longer kept (what a tombstone purge does). */
  setTombstoneFloor(version: number): Promise<void>;
  /** Gives the database a new identity, as `admin restore` does. */
  renewDatabaseId(): Promise<void>;
  /** Closes the store and removes what it made. */
  dispose(): Promise<void>;
};

type Fields = Record<string, unknown>;
/** A mutation before its seq is given (each kind of mutation without its seq). */
type Unsent = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'seq'> : never) : never;
type Device = { user: SyncUser; clientId: string; seq: number };

const user = (role: SyncUser['role'], regionIds: string[]): SyncUser => ({ userId: randomUUID(), role, regionIds });

export function storeContract(name: string, makeSubject: () => Promise<ContractSubject>): void {
  describe(`the store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: ContractStore;
    const ilona = user('inspector', ['avi-1']);
    const kaisa = user('coordinator', ['avi-1']);
    const outi = user('coordinator', ['avi-1']);
    const mikko = user('inspector', ['avi-2']);
    const admin = user('admin', []);
    let otherMunicipality = '';

    beforeAll(async () => {
      subject = await makeSubject();
      store = subject.store;
      await seedReferenceData(store);
      for (const [username, u] of Object.entries({ ilona, kaisa, outi, mikko, admin })) {
        await store.createUser({ id: u.userId, username, name: username, role: u.role, regionIds: [...u.regionIds], passwordHash: 'unused', createdAt: new Date().toISOString() });
      }
      otherMunicipality = (await store.listRecords('municipality')).find((m) => m.data.regionId === 'avi-2')!.id;
    });
    afterAll(async () => {
      await subject.dispose();
    });

    const device = (u: SyncUser): Device => ({ user: u, clientId: randomUUID(), seq: 0 });
    const upsert = (entity: EntityName, id: string, fields: Fields, baseVersion: number | null = null): Unsent => ({ entity, id, op: 'upsert', baseVersion, fields });
    const remove = (entity: EntityName, id: string, baseVersion: number): Unsent => ({ entity, id, op: 'delete', baseVersion });
    const contact = (municipalityId = '091', name = 'Aino Laine'): Fields => ({ municipalityId, name, areas: ['welfare'], active: true });
    const visit = (inspectorId: string): Fields => ({ municipalityId: '091', templateIds: ['ept-v2'], inspectorId, plannedDate: '2027-02-01', status: 'planned', attendees: [] });

    /** Pushes with the next seqs of the device, or the seqs given (a resend). */
    async function push(d: Device, mutations: Unsent[], seqs?: number[]): Promise<PushResponse> {
      const used = seqs ?? mutations.map(() => ++d.seq);
      return store.push(d.user, { clientId: d.clientId, schemaVersion: SCHEMA_VERSION, mutations: mutations.map((m, i) => ({ ...m, seq: used[i]! }) as Mutation) });
    }

    /** Every page from the cursor on, `limit` a page. */
    async function pullAll(u: SyncUser, cursor: string | undefined, limit = 1000): Promise<{ changes: Change[]; cursor: string; pages: number }> {
      const changes: Change[] = [];
      let pages = 0;
      for (;;) {
        const page = await store.pull(u, cursor, limit);
        pages++;
        expect(page.changes.length).toBeLessThanOrEqual(limit);
        changes.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return { changes, cursor, pages };
      }
    }

    const statusOf = (r: PushResult) => (r.status === 'rejected' ? r.error.code : r.status);
    const versionOf = (r: PushResult | undefined) => (r as { version: number }).version;

    describe('push', () => {
      it('applies a new mutation once: a resent seq is a duplicate with the record, and lastSeq is the highest seq', async () => {
        const d = device(ilona);
        const id = randomUUID();
        const first = await push(d, [upsert('contact', id, contact())]);
        expect(first.results).toEqual([{ seq: 1, status: 'applied', version: first.version }]);
        expect(first.lastSeq).toBe(1);
        const again = await push(d, [upsert('contact', id, contact('091', 'Changed on resend'))], [1]);
        expect(again.results[0]).toMatchObject({ seq: 1, status: 'duplicate', record: { id, name: 'Aino Laine', version: first.version } });
        expect((await store.getRecord('contact', id))!.data.name).toBe('Aino Laine');
      });

      it('stores a rejection and repeats it for the resent seq; a rejection stops none of the others', async () => {
        const d = device(ilona);
        const good = randomUUID();
        const res = await push(d, [upsert('contact', randomUUID(), { ...contact(), areas: [] }), upsert('contact', good, contact()), upsert('contact', randomUUID(), contact(otherMunicipality))]);
        expect(res.results.map(statusOf)).toEqual(['INVALID', 'applied', 'FORBIDDEN']);
        expect(res.lastSeq).toBe(3);
        const again = await push(d, [upsert('contact', randomUUID(), contact()), upsert('contact', good, contact()), upsert('contact', randomUUID(), contact())], [1, 2, 3]);
        expect(again.results.map(statusOf)).toEqual(['INVALID', 'duplicate', 'FORBIDDEN']);
        expect(again.results[0]).toEqual(res.results[0]);
      });

      it('answers unchanged, without a new version, when the values sent are stored already', async () => {
        const d = device(ilona);
        const id = randomUUID();
        const made = await push(d, [upsert('contact', id, contact())]);
        const same = await push(d, [upsert('contact', id, { name: 'Aino Laine' }, made.version)]);
        expect(same.results[0]).toEqual({ seq: 2, status: 'applied', version: made.version, unchanged: true });
        expect(await store.currentVersion()).toBe(same.version);
      });

      it('keeps a field another client changed after the base version, logs the loser and applies the other fields (merged)', async () => {
        const tablet = device(ilona);
        const laptop = device(ilona);
        const id = randomUUID();
        const made = await push(tablet, [upsert('visit', id, visit(ilona.userId))]);
        await push(laptop, [upsert('visit', id, { agenda: 'From the laptop' }, made.version)]);
        const res = await push(tablet, [upsert('visit', id, { agenda: 'From the tablet', summary: 'Summary' }, made.version)]);
        expect(res.results[0]).toMatchObject({
          status: 'merged',
          conflicts: [{ field: 'agenda', yours: 'From the tablet', kept: 'From the laptop' }],
          record: { agenda: 'From the laptop', summary: 'Summary' },
        });
        // A device's own earlier writes never conflict with it, whatever its base version.
        const own = await push(tablet, [upsert('visit', id, { summary: 'Summary, again' }, made.version)]);
        expect(own.results[0]).toMatchObject({ status: 'applied' });
      });

      it('takes one new version a push, greater than every before it, for all its writes', async () => {
        const d = device(ilona);
        let last = await store.currentVersion();
        for (let i = 0; i < 5; i++) {
          const res = await push(d, [upsert('contact', randomUUID(), contact()), upsert('contact', randomUUID(), contact())]);
          expect(res.version).toBe(last + 1);
          expect(res.results.map(versionOf)).toEqual([res.version, res.version]);
          expect(await store.currentVersion()).toBe(res.version);
          last = res.version;
        }
        // A push that writes nothing takes none.
        const nothing = await push(d, [upsert('contact', randomUUID(), { ...contact(), areas: [] })]);
        expect(nothing.version).toBe(last);
      });

      it('refuses a client id that belongs to another user, for the whole push', async () => {
        const d = device(ilona);
        await push(d, [upsert('contact', randomUUID(), contact())]);
        await expect(push({ ...d, user: kaisa }, [upsert('contact', randomUUID(), contact())])).rejects.toMatchObject({ name: 'SyncError', code: 'CLIENT_OF_ANOTHER_USER' });
      });
    });

    describe('pull', () => {
      it('pages through every change exactly once, in (version, entity, id) order, a page ending anywhere', async () => {
        const d = device(ilona);
        const made = new Set<string>();
        for (let i = 0; i < 6; i++) {
          const ids = [randomUUID(), randomUUID(), randomUUID()];
          await push(d, ids.map((id) => upsert('contact', id, contact())));
          ids.forEach((id) => made.add(id));
        }
        const whole = await pullAll(ilona, undefined);
        const paged = await pullAll(ilona, undefined, 7);
        expect(paged.pages).toBeGreaterThan(1);
        expect(paged.changes).toEqual(whole.changes);
        const keys = paged.changes.map((c) => `${c.entity}/${c.id}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (let i = 1; i < paged.changes.length; i++) {
          const [a, b] = [paged.changes[i - 1]!, paged.changes[i]!];
          expect(a.version < b.version || (a.version === b.version && (a.entity < b.entity || (a.entity === b.entity && a.id < b.id)))).toBe(true);
        }
        for (const id of made) expect(keys).toContain(`contact/${id}`);
        // Nothing new: an empty page, and the cursor still valid.
        const after = await store.pull(ilona, whole.cursor, 1000);
        expect(after).toMatchObject({ changes: [], hasMore: false });
      });

      it('hands each record once, at its latest version, to a puller that continues from its cursor', async () => {
        const d = device(ilona);
        const { cursor } = await pullAll(ilona, undefined);
        const id = randomUUID();
        const made = await push(d, [upsert('contact', id, contact())]);
        const edited = await push(d, [upsert('contact', id, { name: 'Aino Virtanen' }, made.version)]);
        const { changes } = await pullAll(ilona, cursor);
        expect(changes).toEqual([{ entity: 'contact', id, version: edited.version, deleted: false, record: expect.objectContaining({ name: 'Aino Virtanen', version: edited.version }) }]);
      });

      it("never pulls another region's records; reference data goes to everyone; an admin pulls all", async () => {
        const mine = randomUUID();
        const theirs = randomUUID();
        await push(device(ilona), [upsert('contact', mine, contact())]);
        await push(device(mikko), [upsert('contact', theirs, contact(otherMunicipality))]);
        const seenBy = async (u: SyncUser) => new Set((await pullAll(u, undefined)).changes.map((c) => c.id));
        const ilonas = await seenBy(ilona);
        const mikkos = await seenBy(mikko);
        const admins = await seenBy(admin);
        expect([ilonas.has(mine), ilonas.has(theirs)]).toEqual([true, false]);
        expect([mikkos.has(mine), mikkos.has(theirs)]).toEqual([false, true]);
        expect([admins.has(mine), admins.has(theirs)]).toEqual([true, true]);
        for (const seen of [ilonas, mikkos, admins]) expect([seen.has('avi-1'), seen.has('avi-2'), seen.has('091')]).toEqual([true, true, true]);
      });

      it('pulls a deleted record as a tombstone, without its fields', async () => {
        const d = device(ilona);
        const id = randomUUID();
        const made = await push(d, [upsert('contact', id, contact())]);
        const { cursor } = await pullAll(ilona, undefined);
        const gone = await push(d, [remove('contact', id, made.version)]);
        const { changes } = await pullAll(ilona, cursor);
        expect(changes).toEqual([{ entity: 'contact', id, version: gone.version, deleted: true }]);
      });
    });

    describe('pushes at once', () => {
      it('take one version each, and a puller that follows them all the while skips none', async () => {
        const { cursor: start } = await pullAll(kaisa, undefined);
        const devices = Array.from({ length: 12 }, () => device(ilona));
        const made = devices.map(() => [randomUUID(), randomUUID()]);
        let pushing = true;
        const seen = new Set<string>();
        // The follower pulls continuously, a small page at a time, while the pushes commit.
        const follower = (async () => {
          let cursor = start;
          for (let lastRound = false; !lastRound; ) {
            lastRound = !pushing;
            const page = await pullAll(kaisa, cursor, 3);
            page.changes.forEach((c) => seen.add(c.id));
            cursor = page.cursor;
            // A turn of the event loop between rounds, as between HTTP requests: a store's answers may all
            // be microtasks, and a loop of them alone would starve the pushes waiting for their commit.
            await new Promise((resolve) => setImmediate(resolve));
          }
        })();
        const answers = await Promise.all(devices.map((d, i) => push(d, made[i]!.map((id) => upsert('contact', id, contact())))));
        pushing = false;
        await follower;
        const versions = answers.map((a) => a.version).sort((a, b) => a - b);
        expect(new Set(versions).size).toBe(devices.length);
        expect(versions.at(-1)! - versions[0]!).toBe(devices.length - 1);
        for (const id of made.flat()) expect(seen.has(id), id).toBe(true);
      });

      it('one refused among them fails alone: the others are applied, one version each, and it writes nothing', async () => {
        const taken = device(ilona);
        await push(taken, [upsert('contact', randomUUID(), contact())]);
        const before = await store.currentVersion();
        const devices = Array.from({ length: 6 }, () => device(ilona));
        const made = devices.map(() => randomUUID());
        const refusedId = randomUUID();
        // Sent together, so that most of them are committed in one group, the refused one in the middle.
        const outcomes = await Promise.allSettled([
          ...devices.slice(0, 3).map((d, i) => push(d, [upsert('contact', made[i]!, contact())])),
          push({ ...taken, user: kaisa }, [upsert('contact', refusedId, contact())]),
          ...devices.slice(3).map((d, i) => push(d, [upsert('contact', made[i + 3]!, contact())])),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
        expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ name: 'SyncError', code: 'CLIENT_OF_ANOTHER_USER' });
        const versions = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.version] : [])).sort((a, b) => a - b);
        expect(versions).toEqual(Array.from({ length: devices.length }, (_, i) => before + 1 + i));
        expect(await store.currentVersion()).toBe(before + devices.length);
        for (const id of made) expect(await store.getRecord('contact', id)).toBeDefined();
        expect(await store.getRecord('contact', refusedId)).toBeUndefined();
        // The refused push changed nothing of the client it named: its next seq is still the next.
        expect((await push(taken, [upsert('contact', randomUUID(), contact())])).lastSeq).toBe(2);
      });

      it("one among them whose device report names another user's client fails alone, its writes undone", async () => {
        const report = (clientId: string) => ({ clientId, appVersion: '0.1.0', browser: null, os: null, pending: 1, oldestAgeSeconds: null, rejected: 0 });
        const kaisas = device(kaisa);
        await store.push(kaisa, { clientId: kaisas.clientId, schemaVersion: SCHEMA_VERSION, mutations: [] }, report(kaisas.clientId));
        const devices = Array.from({ length: 5 }, () => device(ilona));
        const ids = devices.map(() => randomUUID());
        const send = (d: Device, id: string, reported: string) =>
          store.push(d.user, { clientId: d.clientId, schemaVersion: SCHEMA_VERSION, mutations: [{ ...upsert('contact', id, contact()), seq: ++d.seq } as Mutation] }, report(reported));
        const outcomes = await Promise.allSettled(devices.map((d, i) => send(d, ids[i]!, i === 2 ? kaisas.clientId : d.clientId)));
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'SyncError', code: 'CLIENT_OF_ANOTHER_USER' });
        expect(await store.getRecord('contact', ids[2]!)).toBeUndefined();
        for (const i of [0, 1, 3, 4]) expect(await store.getRecord('contact', ids[i]!)).toBeDefined();
      });
    });

    describe('RESET', () => {
      const reset = { name: 'SyncError', code: 'RESET' };
      /** The cursor with one of its parts changed: its format is the service's, the same for every store. */
      const forged = (cursor: string, change: Record<string, unknown>) =>
        Buffer.from(JSON.stringify({ ...(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as object), ...change })).toString('base64url');

      it('for a cursor that cannot be read', async () => {
        await expect(store.pull(ilona, 'not a cursor', 10)).rejects.toMatchObject(reset);
      });

      it('for a cursor made for other regions than the user has now', async () => {
        const { cursor } = await pullAll(ilona, undefined);
        await expect(store.pull({ ...ilona, regionIds: ['avi-1', 'avi-2'] }, cursor, 10)).rejects.toMatchObject(reset);
        await expect(store.pull(mikko, cursor, 10)).rejects.toMatchObject(reset);
      });

      it('for a cursor from the future', async () => {
        const { cursor } = await pullAll(ilona, undefined);
        await expect(store.pull(ilona, forged(cursor, { v: (await store.currentVersion()) + 1 }), 10)).rejects.toMatchObject(reset);
      });

      it('for a cursor below the kept tombstones', async () => {
        const { cursor } = await pullAll(ilona, undefined);
        await push(device(ilona), [upsert('contact', randomUUID(), contact())]);
        await subject.setTombstoneFloor(await store.currentVersion());
        try {
          await expect(store.pull(ilona, cursor, 10)).rejects.toMatchObject(reset);
        } finally {
          await subject.setTombstoneFloor(0);
        }
        await expect(store.pull(ilona, cursor, 10)).resolves.toMatchObject({ hasMore: false });
      });

      it('for a cursor made before the database was restored, also once the versions have passed it', async () => {
        const { cursor } = await pullAll(ilona, undefined);
        await subject.renewDatabaseId();
        await push(device(ilona), [upsert('contact', randomUUID(), contact())]);
        await expect(store.pull(ilona, cursor, 10)).rejects.toMatchObject(reset);
        // A cursor of the same database whose record is older here than it was: a copy put back by hand.
        const fresh = await pullAll(ilona, undefined);
        const rolledBack = forged(fresh.cursor, { d: undefined, v: await store.currentVersion(), e: 'contact', i: randomUUID() });
        await expect(store.pull(ilona, rolledBack, 10)).rejects.toMatchObject(reset);
      });
    });

    describe('readiness: the blind rule', () => {
      it("pulls a sheet to its scorer alone until every scorer's is done, then to the region past each cursor", async () => {
        const ilonas = device(ilona);
        const kaisas = device(kaisa);
        const assessment = randomUUID();
        const interview = randomUUID();
        const scores = { A: 3, B: 4, C: 5, D: 3, E: 4, F: 2 };
        await push(ilonas, [
          upsert('assessment', assessment, { municipalityId: '091', area: 'substance', issue: 'Alcohol and young people', scorerIds: [ilona.userId, kaisa.userId], status: 'draft' }),
          upsert('interview', interview, { assessmentId: assessment, role: 'Youth worker', sector: 'youth_work', date: '2027-02-03' }),
        ]);
        const ilonaSheet = `${interview}:${ilona.userId}`;
        const kaisaSheet = `${interview}:${kaisa.userId}`;
        const sheet = (scorerId: string) => ({ assessmentId: assessment, interviewId: interview, scorerId, scores, done: true });
        const ids = (changes: Change[]) => changes.filter((c) => c.entity === 'readinessScore').map((c) => c.id);

        await push(ilonas, [upsert('readinessScore', ilonaSheet, sheet(ilona.userId))]);
        const before = { ilona: await pullAll(ilona, undefined), kaisa: await pullAll(kaisa, undefined), outi: await pullAll(outi, undefined) };
        expect(ids(before.ilona.changes)).toContain(ilonaSheet);
        expect(ids(before.kaisa.changes)).not.toContain(ilonaSheet);
        expect(ids(before.outi.changes)).not.toContain(ilonaSheet);

        const shown = await push(kaisas, [upsert('readinessScore', kaisaSheet, sheet(kaisa.userId))]);
        for (const [who, u] of [['ilona', ilona], ['kaisa', kaisa], ['outi', outi]] as const) {
          const { changes } = await pullAll(u, before[who].cursor);
          const sheets = changes.filter((c) => c.entity === 'readinessScore');
          expect(sheets.map((c) => c.id).sort(), who).toEqual([ilonaSheet, kaisaSheet].sort());
          expect(sheets.map((c) => c.version), who).toEqual([shown.version, shown.version]);
        }
        // Shown, a sheet no longer changes.
        const locked = await push(ilonas, [upsert('readinessScore', ilonaSheet, { scores: { ...scores, A: 9 } }, shown.version)]);
        expect(statusOf(locked.results[0]!)).toBe('LOCKED');
      });
    });
  });
}
