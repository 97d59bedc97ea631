// The visit page's checklist: each answer control saves to the local database, progress counts, and
// Submit names and focuses the required items still unanswered.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { answerId, saveAnswer } from '../../src/db/answers.ts';
import { VisitPage } from '../../src/ui/features/visit/VisitPage.tsx';
import { renderSignedIn, visitOnPage } from './visit-fixtures.tsx';

/** A visit on revision 1 by default: visits made before format 2 still open and are filled as they were. */
async function setUp(templateIds = ['ept-v1']) {
  return visitOnPage({ templateIds, attendees: [{ name: 'Maija Meikäläinen', role: 'welfare coordinator' }] });
}

function item(id: string): HTMLElement {
  const el = document.getElementById(`item-${id}`);
  if (!el) throw new Error(`no item ${id} on the page`);
  return el;
}

async function storedValue(db: UserDb, visitId: string, itemId: string) {
  return (await db.answer.get(answerId(visitId, itemId)))?.value;
}

describe('answer controls', () => {
  it('saves yes / partly / no / not assessed from the large buttons, and starts a planned visit', async () => {
    const { db, session, visit } = await setUp();
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const first = within(await waitFor(() => item('EPT-01')));
    const group = first.getByRole('group', { name: /designated, by decision, a body responsible/ });
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['Yes', 'Partly', 'No', 'Not assessed']);

    fireEvent.click(first.getByRole('button', { name: 'Partly' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-01')).toBe('partly'));
    await waitFor(() => expect(first.getByRole('button', { name: 'Partly' }).getAttribute('aria-pressed')).toBe('true'));
    expect(first.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('false');
    // The first answer starts the visit.
    await waitFor(async () => expect((await db.visit.get(visit.id))?.status).toBe('in_progress'));

    fireEvent.click(first.getByRole('button', { name: 'Not assessed' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-01')).toBe('not_assessed'));
    expect(await screen.findByText('Saved on this device')).toBeTruthy();
  });

  it('saves a 1–5 rating and "not assessed" for a scale item', async () => {
    const { db, session, visit } = await setUp();
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const scale = within(await waitFor(() => item('EPT-14')));
    expect(scale.getAllByRole('button', { pressed: false }).map((b) => b.textContent)).toEqual(
      expect.arrayContaining(['1', '2', '3', '4', '5', 'Not assessed']),
    );
    fireEvent.click(scale.getByRole('button', { name: '4' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-14')).toBe(4));
    fireEvent.click(scale.getByRole('button', { name: 'Not assessed' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-14')).toBe('not_assessed'));
  });

  it('takes a number of zero or more as Finns write it, and refuses a negative one with a message', async () => {
    const { db, session, visit } = await setUp();
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const numberItem = within(await waitFor(() => item('EPT-03')));
    const input = numberItem.getByLabelText(/Answer \(a number\)/) as HTMLInputElement;

    fireEvent.input(input, { target: { value: '-2' } });
    fireEvent.blur(input);
    const message = await numberItem.findByText('The number must be at least 0.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(message.closest('p')!.id);
    // A save made after the refusal is stored after any save the refusal could have made (IndexedDB
    // runs writes to the same stores in order): once it is there, a wrong save would be too.
    fireEvent.click(within(item('EPT-01')).getByRole('button', { name: 'Yes' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-01')).toBe('yes'));
    expect(await storedValue(db, visit.id, 'EPT-03')).toBeUndefined();

    fireEvent.input(input, { target: { value: '1,5' } });
    fireEvent.blur(input);
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-03')).toBe(1.5));
    expect(numberItem.queryByText('The number must be at least 0.')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBeNull();

    fireEvent.click(numberItem.getByRole('button', { name: 'Not assessed' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-03')).toBe('not_assessed'));
    await waitFor(() => expect(input.value).toBe(''));
  });

  it('saves a date, and a comment as it is typed', async () => {
    const { db, session, visit } = await setUp(['hyte-v1']);
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const dateItem = within(await waitFor(() => item('HYT-05')));
    fireEvent.change(dateItem.getByLabelText('Answer (date)'), { target: { value: '2024-11-30' } });
    await waitFor(async () => expect(await storedValue(db, visit.id, 'HYT-05')).toBe('2024-11-30'));

    fireEvent.input(dateItem.getByLabelText('Comment'), { target: { value: 'Report went to the council in November' } });
    await waitFor(async () => expect((await db.answer.get(answerId(visit.id, 'HYT-05')))?.comment).toBe('Report went to the council in November'));
  });

  it('shows the legal basis only on demand, from a button', async () => {
    const { db, session, visit } = await setUp();
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const first = within(await waitFor(() => item('EPT-01')));
    const toggle = first.getByRole('button', { name: 'Legal basis' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(first.getByText('Act 523/2015 §5(1)').closest('[hidden]')).toBeTruthy();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(first.getByText('Act 523/2015 §5(1)').closest('[hidden]')).toBeNull();
  });
});

describe('progress', () => {
  it('counts answered items of all, and the required ones still missing', async () => {
    const { db, session, visit } = await setUp();
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const panel = within(await screen.findByRole('region', { name: 'Progress' }));
    expect(panel.getByText('0 of 14 items answered')).toBeTruthy();
    expect(panel.getByText('14 required items still unanswered.')).toBeTruthy();

    fireEvent.click(within(item('EPT-02')).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(panel.getByText('1 of 14 items answered')).toBeTruthy());
    expect(panel.getByText('13 required items still unanswered.')).toBeTruthy();

    fireEvent.click(panel.getByRole('button', { name: 'Go to the first unanswered item' }));
    await waitFor(() => expect(item('EPT-01').contains(document.activeElement)).toBe(true));
  });
});

describe('submitting', () => {
  it('names and focuses the required items still missing, and submits once none is', async () => {
    const { db, session, visit } = await setUp();
    const template = (await db.template.get('ept-v1'))!;
    const missing = ['EPT-04', 'EPT-12'];
    for (const i of template.items) {
      if (missing.includes(i.id)) continue;
      await saveAnswer(db, visit.id, i, { value: i.answerType === 'yes_partly_no_na' ? 'yes' : i.answerType === 'scale_1_5' ? 3 : 2 }, session.user);
    }
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    fireEvent.click(await screen.findByRole('button', { name: 'Submit for review' }));

    const alert = await screen.findByText('2 required items are unanswered. Answer them before submitting:');
    const list = within(alert.closest('[role="alert"]') as HTMLElement);
    expect(list.getAllByRole('link').map((a) => a.textContent)).toEqual(missing);
    await waitFor(() => expect(document.activeElement).toBe(within(item('EPT-04')).getByRole('button', { name: 'Yes' })));
    expect((await db.visit.get(visit.id))?.status).toBe('in_progress');

    fireEvent.click(within(item('EPT-04')).getByRole('button', { name: 'No' }));
    fireEvent.input(within(item('EPT-12')).getByLabelText(/Answer \(a number\)/), { target: { value: '12000' } });
    await waitFor(() => expect(screen.getByText('All required items are answered.')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Submit for review' }));
    await waitFor(async () => expect((await db.visit.get(visit.id))?.status).toBe('submitted'));
    // Submitted: read-only, and Recall is offered.
    await screen.findByRole('button', { name: 'Recall for editing' });
    expect((within(item('EPT-01')).getByRole('button', { name: 'Yes' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(item('EPT-01')).getByLabelText('Comment') as HTMLTextAreaElement).readOnly).toBe(true);
  });

  it('submits at once after a comment typed just before pressing Submit, once the comment is stored', async () => {
    const { db, session, visit } = await setUp(['ept-v2']);
    const template = (await db.template.get('ept-v2'))!;
    for (const i of template.items) {
      if (i.id !== 'EPT-02') await saveAnswer(db, visit.id, i, { value: i.answerType === 'yes_partly_no_na' ? 'yes' : 3 }, session.user);
    }
    renderSignedIn(<VisitPage params={{ id: visit.id }} />, { db, session });
    const ept02 = await waitFor(() => item('EPT-02'));
    fireEvent.click(await within(ept02).findByRole('button', { name: 'No' }));
    await waitFor(async () => expect(await storedValue(db, visit.id, 'EPT-02')).toBe('no'));
    // "No" asks for a comment; it is typed, and Submit pressed as the field is left, before the comment is stored.
    const comment = within(ept02).getByLabelText('Comment');
    fireEvent.input(comment, { target: { value: 'The working group was disbanded in 2025.' } });
    fireEvent.blur(comment);
    fireEvent.click(await screen.findByRole('button', { name: 'Submit for review' }));
    await waitFor(async () => expect((await db.visit.get(visit.id))?.status).toBe('submitted'));
    expect(screen.queryByText(/required items? (is|are) unanswered/)).toBeNull();
    expect((await db.answer.get(answerId(visit.id, 'EPT-02')))?.comment).toBe('The working group was disbanded in 2025.');
  });
});
