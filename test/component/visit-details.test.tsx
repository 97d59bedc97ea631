// The visit's details after planning: date, agenda and attendees editable while the inspector may edit the
// visit, read-only otherwise; and the conflict marks next to the fields a sync conflict can hit.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { answerId, saveAnswer } from '../../src/db/answers.ts';
import { saveObservation } from '../../src/db/observations.ts';
import type { VisitStatus } from '../../src/shared/workflow.ts';
import { visitOnPage } from './visit-fixtures.tsx';

async function setUp(status: VisitStatus = 'in_progress') {
  const { db, session, visit, render } = await visitOnPage({
    agenda: 'Working group',
    attendees: [{ name: 'Maija Meikäläinen', role: 'Welfare coordinator' }],
  });
  // As if the server had acknowledged it: the outbox is empty and the visit has the server's version.
  await db.outbox.clear();
  await db.visit.update(visit.id, { version: 7, status });
  return { db, session, visit, render };
}

describe('editing the visit’s details', () => {
  it('saves the date, agenda and attendees of a visit in progress, with one outbox row', async () => {
    const { db, visit, render } = await setUp('in_progress');
    render();
    const toggle = await screen.findByRole('button', { name: 'Edit details' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const editor = within(screen.getByRole('region', { name: 'Details of the visit' }));

    fireEvent.input(editor.getByLabelText('Planned date'), { target: { value: '2025-03-20' } });
    fireEvent.input(editor.getByLabelText('Agenda (optional)'), { target: { value: 'Working group, annual plan' } });
    fireEvent.click(editor.getByRole('button', { name: 'Add an attendee' }));
    const row = within(editor.getByRole('group', { name: 'Attendee 2' }));
    fireEvent.input(row.getByLabelText('Name'), { target: { value: 'Kalle Korhonen' } });
    fireEvent.input(row.getByLabelText('Organisation (optional)'), { target: { value: 'City of Helsinki' } });

    const expected = {
      plannedDate: '2025-03-20',
      agenda: 'Working group, annual plan',
      attendees: [
        { name: 'Maija Meikäläinen', role: 'Welfare coordinator' },
        { name: 'Kalle Korhonen', organisation: 'City of Helsinki' },
      ],
    };
    await waitFor(async () => expect(await db.visit.get(visit.id)).toMatchObject(expected));
    const rows = await db.outbox.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'visit', id: visit.id, op: 'upsert', baseVersion: 7, fields: expected });

    fireEvent.click(editor.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(screen.queryByRole('region', { name: 'Details of the visit' })).toBeNull();
    const facts = document.querySelector('.visit-facts') as HTMLElement;
    await waitFor(() => expect(facts.textContent).toContain('Kalle Korhonen, City of Helsinki'));
    expect(facts.textContent).toContain('Working group, annual plan');
    expect(facts.textContent).toContain('20 March 2025');
  });

  it('keeps an attendee row without a name on screen, unsaved, and says why', async () => {
    const { db, visit, render } = await setUp('planned');
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit details' }));
    const editor = within(screen.getByRole('region', { name: 'Details of the visit' }));
    fireEvent.click(editor.getByRole('button', { name: 'Add an attendee' }));
    const row = within(editor.getByRole('group', { name: 'Attendee 2' }));
    fireEvent.input(row.getByLabelText('Role (optional)'), { target: { value: 'Chair' } });
    await row.findByText('Enter the name of attendee 2. The row is saved once it has a name.');
    expect(await db.outbox.count()).toBe(0);
    fireEvent.input(row.getByLabelText('Name'), { target: { value: 'Liisa Laine' } });
    await waitFor(async () => expect((await db.visit.get(visit.id))?.attendees).toHaveLength(2));
    expect(row.queryByText(/Enter the name of attendee 2/)).toBeNull();
  });

  it.each(['planned', 'in_progress', 'returned'] as const)('offers them for editing while the visit is %s', async (status) => {
    const { render } = await setUp(status);
    render();
    expect(await screen.findByRole('button', { name: 'Edit details' })).toBeTruthy();
  });

  it.each(['submitted', 'approved', 'cancelled'] as const)('shows them read-only once the visit is %s', async (status) => {
    const { render } = await setUp(status);
    render();
    await screen.findByRole('region', { name: 'Progress' });
    const facts = document.querySelector('.visit-facts') as HTMLElement;
    expect(facts.textContent).toContain('Working group');
    expect(facts.textContent).toContain('Maija Meikäläinen, Welfare coordinator');
    expect(screen.queryByRole('button', { name: 'Edit details' })).toBeNull();
    expect(screen.queryByLabelText('Agenda (optional)')).toBeNull();
    expect(screen.queryByLabelText('Planned date')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add an attendee' })).toBeNull();
  });
});

describe('conflict marks', () => {
  it('shows a lost value next to the field it belongs to, and nowhere else', async () => {
    const { db, session, visit, render } = await setUp('in_progress');
    const template = (await db.template.get('ept-v1'))!;
    await saveAnswer(db, visit.id, template.items[0]!, { value: 'yes', comment: 'Their comment' }, session.user);
    const observation = await saveObservation(db, { visitId: visit.id, kind: 'note', text: 'Their text' }, undefined, session.user);
    // Values this device sent that lost to another device's: the server kept theirs.
    const at = new Date().toISOString();
    await db.conflicts.bulkAdd([
      { field: 'summary', yours: 'My summary of the visit', kept: 'Their summary', seq: 5, entity: 'visit', id: visit.id, at },
      { field: 'comment', yours: 'My comment', kept: 'Their comment', seq: 6, entity: 'answer', id: answerId(visit.id, 'EPT-01'), at },
      { field: 'text', yours: 'My observation', kept: 'Their text', seq: 7, entity: 'observation', id: observation.id, at },
    ]);
    render();

    await waitFor(() => expect(document.querySelectorAll('.field-conflict')).toHaveLength(3));
    const marks = [...document.querySelectorAll<HTMLElement>('.field-conflict')];
    const summary = marks.find((m) => m.textContent?.includes('My summary of the visit'))!;
    expect(summary.closest('section')?.querySelector('h2')?.textContent).toBe('Summary');
    expect(summary.previousElementSibling?.querySelector('textarea')).toBe(screen.getByLabelText('Summary of the visit'));
    expect(within(summary).getByRole('button', { name: 'Take mine back' })).toBeTruthy();

    const comment = marks.find((m) => m.textContent?.includes('My comment'))!;
    expect(comment.closest('article')?.id).toBe('item-EPT-01');
    expect(comment.previousElementSibling?.querySelector('textarea')).toBe(within(comment.closest('article')!).getByLabelText('Comment'));

    const text = marks.find((m) => m.textContent?.includes('My observation'))!;
    expect(text.closest('section')?.querySelector('h2')?.textContent).toMatch(/^Observations/);

    fireEvent.click(within(summary).getByRole('button', { name: 'Take mine back' }));
    await waitFor(() => expect(document.querySelectorAll('.field-conflict')).toHaveLength(2));
    expect((await db.visit.get(visit.id))?.summary).toBe('My summary of the visit');
  });
});
