// Half-written observations and recommendations are kept as drafts on the device: they survive the page
// going away (a reload, a killed tab), are offered again, and go only when saved or discarded.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { draftKey } from '../../src/db/drafts.ts';
import { saveFollowUp } from '../../src/db/follow-ups.ts';
import { visitOnPage } from './visit-fixtures.tsx';

const halfWritten = 'The working group has not met since';

async function setUp() {
  const { db, session, visit, render } = await visitOnPage();
  const newObservationKey = draftKey({ type: 'observation', visitId: visit.id, recordId: null });
  return { db, session, visit, render, newObservationKey };
}

async function openNewObservation() {
  fireEvent.click((await screen.findAllByRole('button', { name: 'Add observation' }))[0]!);
  return within(await screen.findByRole('dialog', { name: 'New observation' }));
}

/** Lets IndexedDB work without any timer: setImmediate is left real while setTimeout is faked. */
async function untilStored(read: () => Promise<unknown>): Promise<unknown> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return undefined;
}

describe('observation drafts', () => {
  it('survives the page going away mid-sentence and is offered again after a reload', async () => {
    const { db, visit, render, newObservationKey } = await setUp();
    const first = render();
    let dialog = await openNewObservation();
    // The tab is killed before the debounced write: its timers never fire. Only the write on the way out counts.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.click(dialog.getByRole('radio', { name: 'Concern' }));
      fireEvent.input(dialog.getByLabelText('Observation'), { target: { value: halfWritten } });
      first.unmount();
      const stored = await untilStored(async () => (await db.meta.get(newObservationKey))?.value);
      expect(stored).toMatchObject({ type: 'observation', visitId: visit.id, recordId: null, fields: { kind: 'concern', text: halfWritten, itemId: '' } });
    } finally {
      // Dexie's own zero-delay timers must still run; the dialog's debounce finds nothing left to write.
      vi.runOnlyPendingTimers();
      vi.useRealTimers();
    }
    expect(await db.observation.count()).toBe(0);
    expect(await db.outbox.where('entity').equals('observation').count()).toBe(0);

    render();
    const notice = (await screen.findByText('Unsaved observation draft')).closest('li') as HTMLElement;
    expect(notice.textContent).toContain(halfWritten);
    fireEvent.click(within(notice).getByRole('button', { name: 'Continue' }));
    dialog = within(await screen.findByRole('dialog', { name: 'New observation' }));
    expect((dialog.getByLabelText('Observation') as HTMLTextAreaElement).value).toBe(halfWritten);
    expect((dialog.getByRole('radio', { name: 'Concern' }) as HTMLInputElement).checked).toBe(true);
    expect(dialog.getByText(/You are continuing an unsaved draft/)).toBeTruthy();
  });

  it('is cleared by Save, which makes the observation', async () => {
    const { db, visit, render, newObservationKey } = await setUp();
    render();
    const dialog = await openNewObservation();
    fireEvent.input(dialog.getByLabelText('Observation'), { target: { value: halfWritten } });
    await dialog.findByText('Draft kept on this device until you save or discard it.');
    expect(await db.meta.get(newObservationKey)).toBeTruthy();
    await screen.findByText('Unsaved observation draft');

    fireEvent.input(dialog.getByLabelText('Observation'), { target: { value: `${halfWritten} autumn 2023.` } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await db.observation.where('visitId').equals(visit.id).toArray()).map((o) => o.text)).toEqual([`${halfWritten} autumn 2023.`]);
    expect(await db.meta.get(newObservationKey)).toBeUndefined();
    await waitFor(() => expect(screen.queryByText('Unsaved observation draft')).toBeNull());

    // The next new observation starts empty.
    const next = await openNewObservation();
    expect((next.getByLabelText('Observation') as HTMLTextAreaElement).value).toBe('');
  });

  it('is cleared by Discard only once that is confirmed', async () => {
    const { db, render, newObservationKey } = await setUp();
    render();
    const dialog = await openNewObservation();
    fireEvent.input(dialog.getByLabelText('Observation'), { target: { value: halfWritten } });
    await dialog.findByText('Draft kept on this device until you save or discard it.');

    fireEvent.click(dialog.getByRole('button', { name: 'Discard draft' }));
    const question = within(dialog.getByRole('group', { name: /Discard this draft\?/ }));
    await waitFor(() => expect(document.activeElement).toBe(question.getByRole('button', { name: 'Keep writing' })));
    fireEvent.click(question.getByRole('button', { name: 'Keep writing' }));
    expect(dialog.queryByRole('group', { name: /Discard this draft\?/ })).toBeNull();
    expect(await db.meta.get(newObservationKey)).toBeTruthy();

    fireEvent.click(dialog.getByRole('button', { name: 'Discard draft' }));
    fireEvent.click(within(dialog.getByRole('group', { name: /Discard this draft\?/ })).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await db.meta.get(newObservationKey)).toBeUndefined();
    expect(await db.observation.count()).toBe(0);
    await waitFor(() => expect(screen.queryByText('Unsaved observation draft')).toBeNull());
    const again = await openNewObservation();
    expect((again.getByLabelText('Observation') as HTMLTextAreaElement).value).toBe('');
  });
});

describe('recommendation drafts', () => {
  it('keeps unsaved changes to an existing recommendation apart from it, until saved', async () => {
    const { db, session, visit, render } = await setUp();
    const followUp = await saveFollowUp(db, visit.id, { text: 'Agree the annual plan.', dueDate: null, legalShortcoming: false }, undefined, session.user);
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit recommendation' }));
    let dialog = within(await screen.findByRole('dialog', { name: 'Edit the recommendation' }));
    fireEvent.input(dialog.getByLabelText('Recommendation'), { target: { value: 'Agree the annual plan and its budget.' } });
    fireEvent.input(dialog.getByLabelText('Due date (optional)'), { target: { value: '2025-10-31' } });
    fireEvent.click(dialog.getByLabelText('A legal duty is not met'));
    await dialog.findByText('Draft kept on this device until you save or discard it.');
    fireEvent.click(dialog.getByRole('button', { name: 'Close' }));

    const notice = (await screen.findByText('Unsaved changes to a recommendation')).closest('li') as HTMLElement;
    expect((await db.followUp.get(followUp.id))?.text).toBe('Agree the annual plan.');
    expect(await db.meta.get(draftKey({ type: 'followUp', visitId: visit.id, recordId: followUp.id }))).toBeTruthy();

    fireEvent.click(within(notice).getByRole('button', { name: 'Continue' }));
    dialog = within(await screen.findByRole('dialog', { name: 'Edit the recommendation' }));
    expect((dialog.getByLabelText('Recommendation') as HTMLTextAreaElement).value).toBe('Agree the annual plan and its budget.');
    expect((dialog.getByLabelText('Due date (optional)') as HTMLInputElement).value).toBe('2025-10-31');
    expect((dialog.getByLabelText('A legal duty is not met') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByText('Unsaved changes to a recommendation')).toBeNull());
    expect(await db.followUp.get(followUp.id)).toMatchObject({ text: 'Agree the annual plan and its budget.', dueDate: '2025-10-31', legalShortcoming: true });
  });
});
