// The municipality page's plans: every kind's state in words with no plans recorded, a plan recorded on the
// device (its record and outbox row) turning its kind current, a plan past its next revision shown overdue
// with why, an edit that sends only what changed, and a user of another region offered nothing to change.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { MunicipalityPage } from '../../src/ui/features/municipality/MunicipalityPage.tsx';
import { freshDb, MUNICIPALITY_ID, outbox, renderAs, seedVisit, user, VISIT_ID } from './review-seed.ts';

const inspector = user('inspector');
const PLAN_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000e1';

function renderPage(db: UserDb, session = inspector) {
  return renderAs(db, session, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
}

async function seedPlan(db: UserDb, extra: Partial<LocalRecord<'plan'>> = {}) {
  await db.plan.put({
    id: PLAN_ID,
    municipalityId: MUNICIPALITY_ID,
    kind: 'safety',
    title: 'Asikkalan turvallisuussuunnitelma',
    adoptedOn: '2022-05-10',
    adoptedBy: 'Kunnanvaltuusto',
    validFrom: '2022-06-01',
    validTo: null,
    nextRevisionDue: '2024-05-31',
    documentUrl: 'https://www.asikkala.fi/turvallisuus.pdf',
    reviewVisitId: null,
    notes: null,
    version: 2,
    deleted: false,
    updatedAt: '2022-05-10T10:00:00.000Z',
    updatedBy: 'u-coordinator',
    ...extra,
  });
}

const section = async () => (await screen.findByRole('heading', { level: 2, name: 'Plans' })).closest('section')!;
const kindCard = async (kind: string) => (await within(await section()).findByRole('heading', { level: 3, name: kind })).closest('li')!;
const stateOf = async (kind: string) => (await kindCard(kind)).querySelector('.plan-state')?.textContent;

describe('plans on the municipality page', () => {
  it('shows the welfare report and plan and the yearly report as missing, the other kinds as none recorded', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    expect(await stateOf('Welfare report and plan')).toBe('Missing');
    expect(await stateOf('Yearly welfare report')).toBe('Missing');
    expect(await stateOf('Substance-abuse policy programme')).toBe('None recorded');
    expect(await stateOf('Plan for preventing violence in close relationships')).toBe('None recorded');
    expect(await stateOf('Safety plan')).toBe('None recorded');
    expect(within(await section()).getAllByRole('heading', { level: 3 })).toHaveLength(5);
  });

  it('records a plan on the device: its record and one outbox row, and its kind turns current', async () => {
    const db = await freshDb(inspector);
    await seedVisit(db, 'approved', { templateIds: ['plan-v1'], plannedDate: '2026-02-03' });
    renderPage(db);
    fireEvent.click(await within(await section()).findByRole('button', { name: 'Record a plan' }));
    const form = await screen.findByRole('form', { name: 'Record a plan' });
    const kind = within(form).getByLabelText(/^Kind/) as HTMLSelectElement;
    expect(document.activeElement).toBe(kind);
    const today = format(new Date(), 'yyyy-MM-dd');
    fireEvent.change(kind, { target: { value: 'welfare_report_yearly' } });
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: ' Hyvinvointikertomus 2025 ' } });
    fireEvent.input(within(form).getByLabelText('Adopted on'), { target: { value: today } });
    fireEvent.input(within(form).getByLabelText('Adopted by'), { target: { value: 'Kunnanvaltuusto' } });
    fireEvent.input(within(form).getByLabelText('Link to the document'), { target: { value: 'ftp://example.fi/plan.pdf' } });
    // The municipality's plan-v1 visits are offered as the review, by date.
    expect(await within(form).findByRole('option', { name: '3 Feb 2026' })).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Review visit'), { target: { value: VISIT_ID } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the plan' }));

    // The schema refuses the link; the message stands next to it and nothing is written.
    const link = within(form).getByLabelText('Link to the document');
    expect(await within(form).findByText(/Enter a web address beginning with https:\/\//)).toBeTruthy();
    expect(link.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect(await db.plan.count()).toBe(0);
    fireEvent.input(link, { target: { value: 'https://www.asikkala.fi/hyvinvointikertomus-2025.pdf' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the plan' }));

    await waitFor(async () => expect(await db.plan.count()).toBe(1));
    const [plan] = await db.plan.toArray();
    expect(plan).toMatchObject({
      municipalityId: MUNICIPALITY_ID,
      kind: 'welfare_report_yearly',
      title: 'Hyvinvointikertomus 2025',
      adoptedOn: today,
      adoptedBy: 'Kunnanvaltuusto',
      documentUrl: 'https://www.asikkala.fi/hyvinvointikertomus-2025.pdf',
      reviewVisitId: VISIT_ID,
      validTo: null,
    });
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'plan', id: plan!.id, op: 'upsert', baseVersion: null, create: true });

    expect(await screen.findByText('Plan recorded: Hyvinvointikertomus 2025')).toBeTruthy();
    expect(screen.getByText('Plan recorded: Hyvinvointikertomus 2025').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Plans' }));
    expect(screen.queryByRole('form')).toBeNull();
    await waitFor(async () => expect(await stateOf('Yearly welfare report')).toBe('Current'));
    const card = await kindCard('Yearly welfare report');
    expect(card.textContent).toContain('Hyvinvointikertomus 2025');
    expect(within(card).getByRole('link', { name: 'Open the document' }).getAttribute('href')).toBe('https://www.asikkala.fi/hyvinvointikertomus-2025.pdf');
    expect(within(card).getByRole('link', { name: 'Visit of 3 Feb 2026' }).getAttribute('href')).toBe(`/visits/${VISIT_ID}`);
    expect(await stateOf('Welfare report and plan')).toBe('Missing');
  });

  it('shows a plan past its next revision as overdue, with why', async () => {
    const db = await freshDb(inspector);
    await seedPlan(db);
    renderPage(db);
    await waitFor(async () => expect(await stateOf('Safety plan')).toBe('Overdue'));
    const card = await kindCard('Safety plan');
    expect(card.querySelector('.plan-why')?.textContent).toBe('Why: the next revision was due 31 May 2024');
    expect(card.textContent).toContain('Asikkalan turvallisuussuunnitelma');
    expect(card.textContent).toContain('by Kunnanvaltuusto');
  });

  it('edits a plan, sending only what changed', async () => {
    const db = await freshDb(inspector);
    await seedPlan(db);
    renderPage(db);
    const card = await kindCard('Safety plan');
    fireEvent.click(await within(card).findByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit the plan “Asikkalan turvallisuussuunnitelma”' });
    expect((within(form).getByLabelText('Adopted by') as HTMLInputElement).value).toBe('Kunnanvaltuusto');
    fireEvent.input(within(form).getByLabelText('Next revision due'), { target: { value: '2030-05-31' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(async () => expect((await db.plan.get(PLAN_ID))?.nextRevisionDue).toBe('2030-05-31'));
    const rows = await outbox(db);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ entity: 'plan', id: PLAN_ID, op: 'upsert', baseVersion: 2 });
    expect(row.op === 'upsert' && row.fields).toEqual({ nextRevisionDue: '2030-05-31' });
    expect(await screen.findByText('Plan saved: Asikkalan turvallisuussuunnitelma')).toBeTruthy();
    await waitFor(async () => expect(await stateOf('Safety plan')).toBe('Current'));
  });

  it('deletes a plan after asking', async () => {
    const db = await freshDb(inspector);
    await seedPlan(db);
    renderPage(db);
    fireEvent.click(await within(await kindCard('Safety plan')).findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the plan “Asikkalan turvallisuussuunnitelma”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await db.plan.get(PLAN_ID)).toBeUndefined());
    expect((await outbox(db))[0]).toMatchObject({ entity: 'plan', id: PLAN_ID, op: 'delete', baseVersion: 2 });
    expect(await screen.findByText('Plan deleted: Asikkalan turvallisuussuunnitelma')).toBeTruthy();
    await waitFor(async () => expect(await stateOf('Safety plan')).toBe('None recorded'));
  });

  it('judges the latest plan of a kind and keeps the earlier ones in a disclosure', async () => {
    const db = await freshDb(inspector);
    await seedPlan(db, { title: 'Turvallisuussuunnitelma 2018', adoptedOn: '2018-03-01', nextRevisionDue: '2022-03-01' });
    await seedPlan(db, { id: '0193a0c4-5b6d-7e8f-9a0b-0000000000e2', title: 'Turvallisuussuunnitelma 2026', adoptedOn: '2026-03-01', nextRevisionDue: '2030-03-01', validTo: '2029-12-31' });
    renderPage(db);
    await waitFor(async () => expect(await stateOf('Safety plan')).toBe('Current'));
    const card = await kindCard('Safety plan');
    expect(card.querySelector('.plan-latest')?.textContent).toContain('Turvallisuussuunnitelma 2026');
    const earlier = card.querySelector('details')!;
    expect(earlier.querySelector('summary')?.textContent).toBe('1 earlier plan');
    expect(earlier.textContent).toContain('Turvallisuussuunnitelma 2018');
  });

  it('refuses a validity that ends before it begins, next to the field, and writes nothing', async () => {
    const db = await freshDb(inspector);
    renderPage(db);
    fireEvent.click(await within(await section()).findByRole('button', { name: 'Record a plan' }));
    const form = await screen.findByRole('form', { name: 'Record a plan' });
    fireEvent.input(within(form).getByLabelText('Valid from'), { target: { value: '2026-01-01' } });
    const validTo = within(form).getByLabelText('Valid to');
    fireEvent.input(validTo, { target: { value: '2025-12-31' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Record the plan' }));
    expect(await within(form).findByText('The end of validity cannot be before its start.')).toBeTruthy();
    expect(document.getElementById(validTo.getAttribute('aria-describedby')!)?.textContent).toContain('The end of validity cannot be before its start.');
    expect(within(form).getByRole('alert').textContent).toContain('Check the marked field.');
    await waitFor(() => expect(document.activeElement).toBe(validTo));
    expect(await db.plan.count()).toBe(0);
    expect(await outbox(db)).toHaveLength(0);
  });

  it('offers an inspector of another region the plans to read, and nothing to change', async () => {
    const other = user('inspector', ['avi-2']);
    const db = await freshDb(other);
    await seedPlan(db);
    renderPage(db, other);
    const card = await kindCard('Safety plan');
    expect(await within(card).findByText('Asikkalan turvallisuussuunnitelma')).toBeTruthy();
    expect(within(card).queryAllByRole('button')).toHaveLength(0);
    expect(within(await section()).queryByRole('button', { name: 'Record a plan' })).toBeNull();
  });
});
