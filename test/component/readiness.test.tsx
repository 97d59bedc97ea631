// The readiness assessment page: tapping a score stores my sheet, "done" needs all six, the others' scores
// never show before the reveal (we wait for them by name); the colleague's done sheet arriving reveals the
// scores side by side and lets the consensus be set; the result and its stage in words; finalising locks
// the page. And the municipality page lists the assessment with its stage.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { saveDirectory } from '../../src/db/directory.ts';
import { readinessDimensions } from '../../src/shared/readiness.ts';
import { AssessmentPage } from '../../src/ui/features/readiness/AssessmentPage.tsx';
import { MunicipalityPage } from '../../src/ui/features/municipality/MunicipalityPage.tsx';
import { freshDb, MUNICIPALITY_ID, renderAs, user } from './review-seed.ts';

const inspector = user('inspector');
const A_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000a1';
const I_ID = '0193a0c4-5b6d-7e8f-9a0b-0000000000b1';
const stamps = { version: 1, deleted: false, updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'u-inspector' };

async function seed(): Promise<UserDb> {
  const db = await freshDb(inspector);
  await saveDirectory(db, [
    { id: 'u-inspector', name: 'Test inspector', role: 'inspector', regionIds: ['avi-1'] },
    { id: 'u-colleague', name: 'Cecilia Colleague', role: 'coordinator', regionIds: ['avi-1'] },
  ]);
  await db.assessment.put({ id: A_ID, municipalityId: MUNICIPALITY_ID, area: 'substance', issue: 'Young people’s alcohol use', scorerIds: ['u-inspector', 'u-colleague'], status: 'draft', ...stamps });
  await db.interview.put({ id: I_ID, assessmentId: A_ID, role: 'Head of youth services', sector: 'youth_work', date: '2026-02-10', consensus: null, ...stamps });
  return db;
}

const group = (dimension: RegExp) => screen.getByRole('group', { name: dimension });
const tap = (dimension: RegExp, score: number) => fireEvent.click(within(group(dimension)).getByRole('button', { name: String(score) }));

describe('the readiness assessment page', () => {
  it('scores, waits without showing others’ scores, reveals them side by side, takes the consensus, shows the result and locks when finalised', async () => {
    const db = await seed();
    renderAs(db, inspector, <AssessmentPage params={{ id: A_ID }} />);
    await screen.findByRole('heading', { level: 1, name: 'Readiness assessment: Young people’s alcohol use' });
    expect(await screen.findByText('Test inspector, Cecilia Colleague')).toBeTruthy();
    expect(screen.getByText(/Waiting for the scores of Cecilia Colleague\./)).toBeTruthy();

    // Tapping a score stores my sheet; its button is pressed.
    tap(/^A\. Community efforts/, 4);
    await waitFor(async () => expect((await db.readinessScore.get(`${I_ID}:u-inspector`))?.scores).toEqual({ A: 4 }));
    await waitFor(() => expect(within(group(/^A\. Community efforts/)).getByRole('button', { name: '4' }).getAttribute('aria-pressed')).toBe('true'));
    const done = screen.getByRole('button', { name: 'My scores are done' }) as HTMLButtonElement;
    expect(done.disabled).toBe(true);
    for (const [i, d] of ['B', 'C', 'D', 'E', 'F'].entries()) {
      const name = new RegExp(`^${d}\\. `);
      tap(name, 5);
      await waitFor(() => expect(within(group(name)).getByRole('button', { name: '5' }).getAttribute('aria-pressed')).toBe('true'));
      expect(screen.getByText(`${i + 2} of 6 dimensions scored`)).toBeTruthy();
    }
    await waitFor(() => expect(done.disabled).toBe(false));
    fireEvent.click(done);
    await waitFor(async () => expect((await db.readinessScore.get(`${I_ID}:u-inspector`))?.done).toBe(true));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change my scores' })));
    // Still no one else's scores and no consensus.
    expect(screen.queryByRole('table', { name: 'Scores side by side' })).toBeNull();
    expect(screen.getByText(/Waiting for the scores of Cecilia Colleague\./)).toBeTruthy();

    // The colleague's done sheet arrives with the pull: revealed.
    await db.readinessScore.put({ id: `${I_ID}:u-colleague`, assessmentId: A_ID, interviewId: I_ID, scorerId: 'u-colleague', scores: { A: 6, B: 5, C: 5, D: 5, E: 5, F: 5 }, done: true, ...stamps });
    const side = await screen.findByRole('table', { name: 'Scores side by side' });
    const rowA = within(side).getByRole('rowheader', { name: 'A. Community efforts' }).closest('tr')!;
    expect([...rowA.querySelectorAll('td.number')].map((c) => c.textContent)).toEqual(['4', '6']);
    expect(screen.queryByText(/Waiting for/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'My scores are done' })).toBeNull();
    const finalise = screen.getByRole('button', { name: 'Finalise the assessment' }) as HTMLButtonElement;
    expect(finalise.disabled).toBe(true);
    expect(screen.getByText('To finalise, agree the consensus of every dimension: 1 interview lacks it.')).toBeTruthy();

    // The agreed scores (B–F) suggested; A chosen by hand.
    fireEvent.click(screen.getByRole('button', { name: 'Use the agreed scores' }));
    await waitFor(async () => expect((await db.interview.get(I_ID))?.consensus).toMatchObject({ B: 5, F: 5 }));
    fireEvent.change(screen.getByLabelText('Consensus score, A. Community efforts'), { target: { value: '5' } });
    await waitFor(async () => expect((await db.interview.get(I_ID))?.consensus).toEqual(Object.fromEntries(readinessDimensions.map((d) => [d, 5]))));

    // The result in words: stage 5, Preparation, with its description and action.
    expect(await screen.findByText(/^Overall readiness: stage 5, Preparation \(score 5\.00\)/)).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Chart: scores per dimension, 1 to 9\. this assessment: A 5\.00/ })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Scores per dimension' })).toBeTruthy();

    await waitFor(() => expect(finalise.disabled).toBe(false));
    fireEvent.click(finalise);
    const dialog = await screen.findByRole('dialog', { name: 'Finalise the assessment?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Finalise the assessment' }));
    await waitFor(async () => expect((await db.assessment.get(A_ID))?.status).toBe('finalised'));
    expect(await screen.findByText('This assessment is finalised: it, its interviews and scores no longer change.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Finalise the assessment' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add an interview' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: /^Consensus score/ })).toBeNull();
    await expect(db.outbox.where('entity').equals('assessment').count()).resolves.toBe(1);
  });

  it('is listed on the municipality page with its stage, and offers to start one', async () => {
    const db = await seed();
    await db.interview.update(I_ID, { consensus: { A: 3, B: 3, C: 4, D: 3, E: 3, F: 3 } });
    renderAs(db, inspector, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
    const section = (await screen.findByRole('heading', { level: 2, name: 'Readiness assessments' })).closest('section')!;
    const card = (await within(section).findByRole('link', { name: 'Young people’s alcohol use' })).closest('li')!;
    expect(card.textContent).toContain('Stage 3 (3.17)');
    expect(card.textContent).toContain('Draft');
    expect(within(section).getByRole('button', { name: 'Start an assessment' })).toBeTruthy();
  });
});
