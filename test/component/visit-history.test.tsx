// A visit's review history (the timeline, the changes since its return side by side) and a record's
// history disclosure, from server answers the test gives fetch: named in the page's words, and kept on
// screen when a later read fails offline.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalRecord } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import type { RecordChange, RecordHistoryResponse, VisitHistoryResponse, VisitTransition } from '../../src/shared/history.ts';
import { ChangesSinceReturn } from '../../src/ui/features/history/ChangesSinceReturn.tsx';
import { HistoryTimeline } from '../../src/ui/features/history/HistoryTimeline.tsx';
import { RecordHistory } from '../../src/ui/features/history/RecordHistory.tsx';
import { VisitHistory } from '../../src/ui/features/history/VisitHistory.tsx';
import { freshDb, renderAs, user } from './review-seed.ts';

const coordinator = user('coordinator');
const VISIT = '0193a0c4-5b6d-7e8f-9a0b-00000000aaaa';
const OBSERVATION = '0193a0c4-5b6d-7e8f-9a0b-00000000bbbb';
const INSPECTOR = 'u-insp';
const COORD = 'u-coord-x';

afterEach(() => {
  vi.unstubAllGlobals();
});

const step = (version: number, from: VisitTransition['from'], to: VisitTransition['to'], userId: string, extra: Partial<VisitTransition> = {}): VisitTransition => ({
  version,
  at: `2025-03-0${Math.min(version, 9)}T10:00:00.000Z`,
  from,
  to,
  userId,
  userName: userId === INSPECTOR ? 'Ilona Virtanen' : 'Kaisa Korhonen',
  clientId: userId === INSPECTOR ? '11111111-aaaa-4bbb-8ccc-000000000001' : '22222222-aaaa-4bbb-8ccc-000000000002',
  reason: null,
  note: null,
  ...extra,
});

const transitions: VisitTransition[] = [
  step(1, null, 'in_progress', INSPECTOR),
  step(2, 'in_progress', 'submitted', INSPECTOR),
  step(3, 'submitted', 'returned', COORD, { reason: 'Check EPT-02, please.' }),
  // The one-button resubmission: both steps in one push.
  step(4, 'returned', 'in_progress', INSPECTOR),
  step(4, 'in_progress', 'submitted', INSPECTOR),
  step(5, 'submitted', 'approved', COORD, { note: 'Thank you.' }),
];

const changes: RecordChange[] = [
  { entity: 'visit', id: VISIT, change: 'changed', fields: [{ field: 'summary', atReturn: 'First draft.', now: 'Corrected after the review.' }] },
  {
    entity: 'answer',
    id: `${VISIT}:EPT-02`,
    change: 'changed',
    fields: [
      { field: 'comment', atReturn: null, now: 'The group was disbanded in 2025.' },
      { field: 'value', atReturn: 'yes', now: 'no' },
    ],
  },
  { entity: 'observation', id: OBSERVATION, change: 'created', fields: [{ field: 'kind', atReturn: null, now: 'concern' }, { field: 'text', atReturn: null, now: 'No working group.' }] },
];

async function seeded() {
  const db = await freshDb(coordinator);
  const template = (await db.template.get('ept-v2'))!;
  const visit = {
    id: VISIT,
    municipalityId: '016',
    templateIds: ['ept-v2'],
    mode: 'on_site',
    inspectorId: INSPECTOR,
    plannedDate: '2025-03-04',
    status: 'approved',
    attendees: [],
    version: 5,
  } as unknown as LocalRecord<'visit'>;
  const detail = { visit, templates: [template], observations: [], followUps: [] };
  return { db, template, detail };
}

function answering(...bodies: unknown[]) {
  const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const body = bodies.shift();
    if (body instanceof Error) throw body;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the review timeline', () => {
  it('lists each step with who and when, the return with its reason, the resubmission as one step', async () => {
    const { db } = await seeded();
    renderAs(db, coordinator, (
      <>
        <h2 id="tl">Timeline</h2>
        <HistoryTimeline transitions={transitions} nameOf={() => undefined} ownClientId="22222222-aaaa-4bbb-8ccc-000000000002" labelledBy="tl" />
      </>
    ));
    const list = screen.getByRole('list', { name: 'Timeline' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Started',
      'Submitted for review',
      'Returned to the senior inspector',
      'Submitted again after corrections',
      'Approved',
    ]);
    expect(items[2]!.textContent).toContain('Kaisa Korhonen');
    expect(items[2]!.textContent).toContain('this device');
    expect(items[2]!.textContent).toContain('Reason for returning');
    expect(items[2]!.textContent).toContain('Check EPT-02, please.');
    expect(items[1]!.textContent).toContain('Ilona Virtanen');
    expect(items[1]!.textContent).toContain('device 11111111');
    expect(items[1]!.textContent).not.toContain('Reason for returning');
    expect(items[4]!.textContent).toContain('Thank you.');
    expect(items[1]!.querySelector('time')?.getAttribute('datetime')).toBe(transitions[1]!.at);
  });
});

describe('the changes since the return', () => {
  it('show each changed field’s value at the return beside its value now, items by their question, answers in words', async () => {
    const { db, template } = await seeded();
    const items = new Map(template.items.map((i) => [i.id, i]));
    renderAs(db, coordinator, <ChangesSinceReturn changes={changes} names={{ items, texts: new Map(), nameOf: () => undefined }} />);
    const records = screen.getAllByRole('heading', { level: 3 });
    expect(records.map((h) => h.textContent)).toEqual([
      'The visit’s details changed',
      'EPT-02 Has the body mandated a multisectoral working group to lead, monitor and evaluate substance abuse prevention? changed',
      'Observation: No working group. added',
    ]);
    const answer = records[1]!.closest('li')!;
    // The answer first, then its comment.
    expect([...answer.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Answer', 'Comment']);
    const value = within(answer).getByText('Answer').closest('div')!;
    expect(within(value).getByText('When returned').nextElementSibling?.textContent).toBe('Yes');
    expect(within(value).getByText('Now').nextElementSibling?.textContent).toBe('No');
    const comment = within(answer).getByText('Comment').closest('div')!;
    expect(within(comment).getByText('When returned').nextElementSibling?.textContent).toBe('(empty)');
    expect(within(comment).getByText('Now').nextElementSibling?.textContent).toBe('The group was disbanded in 2025.');
    const observation = records[2]!.closest('li')!;
    expect(within(observation).getByText('Concern')).toBeTruthy();
  });

  it('say so when nothing changed', async () => {
    const { db } = await seeded();
    renderAs(db, coordinator, <ChangesSinceReturn changes={[]} names={{ items: new Map(), texts: new Map(), nameOf: () => undefined }} />);
    expect(screen.getByText('Nothing has changed since the visit was returned.')).toBeTruthy();
  });
});

describe('a visit’s history from the server', () => {
  it('loads when shown, and offline keeps what it had and says that it needs a connection', async () => {
    const { db, detail } = await seeded();
    const answer: VisitHistoryResponse = { visitId: VISIT, transitions, lastReturn: { version: 3, at: transitions[2]!.at }, changes };
    const fetch = answering(answer, new TypeError('Failed to fetch'));
    renderAs(db, coordinator, <VisitHistory detail={detail} />);
    expect(await screen.findByText('Returned to the senior inspector')).toBeTruthy();
    expect(String(fetch.mock.calls[0]![0])).toBe(`/api/visits/${VISIT}/history`);
    expect(screen.getByRole('heading', { name: 'What changed since it was returned' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Refresh the history' }));
    expect(await screen.findByText(/connect to the internet to see it/)).toBeTruthy();
    expect(screen.getByText(/What is shown was loaded earlier/)).toBeTruthy();
    expect(screen.getByText('Check EPT-02, please.')).toBeTruthy();
  });
});

describe('a record’s history', () => {
  it('loads when opened, newest first, naming who, when, which device and each field before and after', async () => {
    const { db } = await seeded();
    await saveDirectory(db, [{ id: INSPECTOR, name: 'Ilona Virtanen', role: 'inspector', regionIds: ['avi-1'] }]);
    const history: RecordHistoryResponse = {
      entity: 'visit',
      id: VISIT,
      entries: [
        { version: 1, op: 'create', at: '2025-03-01T10:00:00.000Z', userId: INSPECTOR, userName: null, clientId: '11111111-aaaa-4bbb-8ccc-000000000001', before: null, after: { summary: 'First draft.', plannedDate: '2025-03-04', municipalityId: '016' } },
        // Started and submitted in one push: the status written twice keeps both steps.
        { version: 2, op: 'update', at: '2025-03-02T10:00:00.000Z', userId: INSPECTOR, userName: 'Ilona Virtanen', clientId: '11111111-aaaa-4bbb-8ccc-000000000001', before: { status: 'planned' }, after: { status: 'in_progress' } },
        { version: 2, op: 'update', at: '2025-03-02T10:00:00.000Z', userId: INSPECTOR, userName: 'Ilona Virtanen', clientId: '11111111-aaaa-4bbb-8ccc-000000000001', before: { status: 'in_progress' }, after: { status: 'submitted' } },
        // A return: its reason and its status, two mutations of one push, shown as one change.
        { version: 3, op: 'update', at: '2025-03-03T10:00:00.000Z', userId: COORD, userName: 'Kaisa Korhonen', clientId: '22222222-aaaa-4bbb-8ccc-000000000002', before: { returnReason: null }, after: { returnReason: 'Check EPT-02, please.' } },
        { version: 3, op: 'update', at: '2025-03-03T10:00:00.000Z', userId: COORD, userName: 'Kaisa Korhonen', clientId: '22222222-aaaa-4bbb-8ccc-000000000002', before: { status: 'submitted' }, after: { status: 'returned' } },
        { version: 4, op: 'update', at: '2025-03-04T10:00:00.000Z', userId: INSPECTOR, userName: 'Ilona Virtanen', clientId: '11111111-aaaa-4bbb-8ccc-000000000001', before: { summary: 'First draft.' }, after: { summary: 'Corrected after the review.' } },
      ],
    };
    const fetch = answering(history);
    renderAs(db, coordinator, <RecordHistory entity="visit" id={VISIT} label="History of the visit’s details" />);
    expect(fetch).not.toHaveBeenCalled();
    const details = screen.getByText('History of the visit’s details').closest('details')!;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const entries = await screen.findAllByText(/^(Created|Changed)$/);
    expect(entries.map((e) => e.textContent)).toEqual(['Changed', 'Changed', 'Changed', 'Changed', 'Created']);
    expect(String(fetch.mock.calls[0]![0])).toBe(`/api/history?entity=visit&id=${VISIT}`);
    const changed = entries[0]!.closest('li')!;
    expect(changed.textContent).toContain('Ilona Virtanen');
    expect(changed.textContent).toContain('device 11111111');
    expect(changed.textContent).toContain('Summary:');
    expect(changed.textContent).toMatch(/First draft\..*changed to.*Corrected after the review\./);
    const returned = entries[1]!.closest('li')!;
    expect(returned.textContent).toContain('Kaisa Korhonen');
    expect(returned.textContent).toMatch(/Reason for return:.*changed to.*Check EPT-02, please\./);
    expect(returned.textContent).toMatch(/Status:.*Submitted.*changed to.*Returned/);
    expect(entries[2]!.closest('li')!.textContent).toMatch(/Status:.*In progress.*changed to.*Submitted/);
    expect(entries[3]!.closest('li')!.textContent).toMatch(/Status:.*Planned.*changed to.*In progress/);
    const created = entries[4]!.closest('li')!;
    // The name the server did not give comes from the device's directory (a live query).
    await waitFor(() => expect(created.textContent).toContain('Ilona Virtanen'));
    expect(created.textContent).toContain('Planned date:');
    await waitFor(() => expect(created.textContent).toContain('Municipality: Asikkala (016)'));
  });
});
