// The checklist of format-2 templates: guidance on demand, details asked with certain answers, numbers
// with their unit and bounds, scales with their anchors, several choices, comments an answer calls for,
// a statutory "no" offering its recommendation, answers cleared; and a visit of two areas, a part each.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { answerId } from '../../src/db/answers.ts';
import { visitOnPage } from './visit-fixtures.tsx';

function item(id: string): HTMLElement {
  const el = document.getElementById(`item-${id}`);
  if (!el) throw new Error(`no item ${id} on the page`);
  return el;
}

async function stored(db: UserDb, visitId: string, itemId: string) {
  return db.answer.get(answerId(visitId, itemId));
}

describe('a format-2 checklist', () => {
  it('asks the details of a "yes" (the body and the decision date), and only then', async () => {
    const { db, visit, render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const first = within(await waitFor(() => item('EPT-01')));
    expect(first.queryByLabelText('Responsible body')).toBeNull();
    fireEvent.click(first.getByRole('button', { name: 'Yes' }));
    const body = (await first.findByLabelText('Responsible body')) as HTMLTextAreaElement;
    fireEvent.input(body, { target: { value: 'Hyvinvointilautakunta' } });
    fireEvent.blur(body);
    fireEvent.change(first.getByLabelText('Date of decision'), { target: { value: '2025-02-20' } });
    await waitFor(async () =>
      expect((await stored(db, visit.id, 'EPT-01'))?.details).toEqual({ body: 'Hyvinvointilautakunta', decisionDate: '2025-02-20' }),
    );
    // Not asked for a "no": hidden, though kept.
    fireEvent.click(first.getByRole('button', { name: 'No' }));
    await waitFor(() => expect(first.queryByLabelText('Responsible body')).toBeNull());
  });

  it('shows a number detail with its unit beside the field and refuses one out of bounds', async () => {
    const { db, visit, render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const contact = within(await waitFor(() => item('EPT-03')));
    fireEvent.click(contact.getByRole('button', { name: 'Partly' }));
    const fte = (await contact.findByLabelText(/Working time allocated to the task/)) as HTMLInputElement;
    expect(document.getElementById(fte.getAttribute('aria-describedby')!)?.textContent).toBe('FTE');
    fireEvent.input(fte, { target: { value: '25' } });
    fireEvent.blur(fte);
    expect(await contact.findByText('The number can be at most 20.')).toBeTruthy();
    fireEvent.input(fte, { target: { value: '0,5' } });
    fireEvent.blur(fte);
    await waitFor(async () => expect((await stored(db, visit.id, 'EPT-03'))?.details).toEqual({ fte: 0.5 }));
  });

  it('labels a scale with its anchors, and offers several choices as toggle buttons', async () => {
    const { db, visit, render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const scale = within(await waitFor(() => item('EPT-14')));
    const five = scale.getAllByRole('button').find((b) => b.textContent?.startsWith('5 – '));
    expect(five?.textContent?.length).toBeGreaterThan(4);
    fireEvent.click(five!);
    await waitFor(async () => expect((await stored(db, visit.id, 'EPT-14'))?.value).toBe(5));

    const group = within(item('EPT-02'));
    fireEvent.click(group.getByRole('button', { name: 'Yes' }));
    const members = await group.findByRole('group', { name: 'Represented in the group' });
    fireEvent.click(within(members).getByRole('button', { name: 'Youth work' }));
    await waitFor(async () => expect((await stored(db, visit.id, 'EPT-02'))?.details).toEqual({ members: ['youth'] }));
    fireEvent.click(within(members).getByRole('button', { name: 'Municipal management' }));
    await waitFor(async () => expect((await stored(db, visit.id, 'EPT-02'))?.details).toEqual({ members: ['municipal_management', 'youth'] }));
    expect(within(members).getByRole('button', { name: /Youth work/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('gives guidance and the legal basis in the user’s language on demand, with the link to the act', async () => {
    const { render } = await visitOnPage({ templateIds: ['ept-v2'] }, 'fi');
    render();
    const first = within(await waitFor(() => item('EPT-01')));
    const help = first.getByRole('button', { name: 'Ohje' });
    expect(help.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(help);
    expect(first.getByText(/Pyydä nähtäväksi päätös/).closest('[hidden]')).toBeNull();
    fireEvent.click(first.getByRole('button', { name: 'Säädösperusta' }));
    expect(first.getByText(/Laki ehkäisevän päihdetyön järjestämisestä \(523\/2015\)/)).toBeTruthy();
    expect(first.getByRole('link', { name: /Finlexissä/ }).getAttribute('href')).toMatch(/^https:\/\/www\.finlex\.fi\/fi\/laki\/ajantasa\/2015\/2015/);
    expect(first.getByText('Lakisääteinen velvoite')).toBeTruthy();
  });

  it('marks the comment a "no" needs, and counts it missing until it is written', async () => {
    const { render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const first = within(await waitFor(() => item('EPT-01')));
    fireEvent.click(first.getByRole('button', { name: 'No' }));
    const comment = (await first.findByLabelText('Comment (needed for this answer)')) as HTMLTextAreaElement;
    await waitFor(() => expect(comment.getAttribute('aria-invalid')).toBe('true'));
    const panel = within(screen.getByRole('region', { name: 'Progress' }));
    fireEvent.click(panel.getByText('Show which'));
    expect(panel.getByRole('link', { name: 'EPT-01 · a comment is needed' })).toBeTruthy();
    fireEvent.input(comment, { target: { value: 'No decision yet.' } });
    fireEvent.blur(comment);
    await waitFor(() => expect(panel.queryByRole('link', { name: /EPT-01/ })).toBeNull());
    expect(comment.getAttribute('aria-invalid')).toBeNull();
  });

  it('offers a recommendation flagged as an unmet legal duty after a statutory "no", prefilled', async () => {
    const { render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const first = within(await waitFor(() => item('EPT-01')));
    expect(first.queryByRole('button', { name: 'Add a recommendation for this duty' })).toBeNull();
    fireEvent.click(first.getByRole('button', { name: 'No' }));
    fireEvent.click(await first.findByRole('button', { name: 'Add a recommendation for this duty' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect((dialog.getAllByRole('textbox')[0] as HTMLTextAreaElement).value).toMatch(/^Has the municipality designated.*statutory duty is not met \(Act on/);
  });

  it('clears an answer and its details', async () => {
    const { db, visit, render } = await visitOnPage({ templateIds: ['ept-v2'] });
    render();
    const first = within(await waitFor(() => item('EPT-01')));
    expect(first.queryByRole('button', { name: 'Clear answer' })).toBeNull();
    fireEvent.click(first.getByRole('button', { name: 'Yes' }));
    fireEvent.change(await first.findByLabelText('Date of decision'), { target: { value: '2025-02-20' } });
    await waitFor(async () => expect((await stored(db, visit.id, 'EPT-01'))?.details).toEqual({ decisionDate: '2025-02-20' }));
    fireEvent.click(first.getByRole('button', { name: 'Clear answer' }));
    await waitFor(async () => expect(await stored(db, visit.id, 'EPT-01')).toMatchObject({ value: null, details: null }));
    await waitFor(() => expect(first.getByRole('button', { name: 'Yes' }).getAttribute('aria-pressed')).toBe('false'));
  });

  it('gives a visit of two areas a part each, with its own progress', async () => {
    const { render } = await visitOnPage({ templateIds: ['ept-v2', 'hyte-v2'] });
    render();
    const substance = within(await screen.findByRole('region', { name: /Part 1\..*substance abuse prevention/i }));
    const welfare = within(screen.getByRole('region', { name: /Part 2\..*welfare/i }));
    expect(substance.getByText('0 of 14 items answered')).toBeTruthy();
    expect(welfare.getByText('0 of 15 items answered')).toBeTruthy();
    fireEvent.click(within(item('HYT-01')).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(welfare.getByText('1 of 15 items answered')).toBeTruthy());
    expect(substance.getByText('0 of 14 items answered')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Progress' })).getByText('1 of 29 items answered')).toBeTruthy();
  });
});
