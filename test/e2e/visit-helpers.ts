// Steps of the inspector's visit flow that browser tests share: waiting for the reference data, planning
// a visit, answering items, and an axe check.
import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Waits until the first sync has brought the municipalities and checklists (the plan page lists Helsinki). */
export async function waitForReferenceData(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/visits/new`);
  const search = page.getByLabel('Search for the municipality');
  await search.waitFor();
  await search.fill('helsinki');
  await page.getByRole('radio', { name: /^Helsinki/ }).waitFor({ timeout: 30_000 });
}

export type PlannedVisit = { id: string; url: string };

/** Plans a visit through the form, as a person would; ends on the visit page. */
export async function planVisit(
  page: Page,
  origin: string,
  options: {
    search: string;
    municipality: RegExp;
    /** One area, or several: the visit gets a checklist part for each. */
    area: RegExp | RegExp[];
    date: string;
    diaryNumber?: string;
    agenda?: string;
    attendee?: { name: string; role: string; organisation: string };
  },
): Promise<PlannedVisit> {
  if (!page.url().endsWith('/visits/new')) {
    await page.goto(`${origin}/visits`);
    await page.getByRole('link', { name: 'Plan a visit' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Plan a guidance and supervision visit' }).waitFor();
  await page.getByLabel('Search for the municipality').fill(options.search);
  await page.getByRole('radio', { name: options.municipality }).check();
  for (const area of [options.area].flat()) await page.getByRole('checkbox', { name: area }).check();
  await page.getByLabel('Planned date').fill(options.date);
  if (options.diaryNumber) await page.getByLabel(/Diary number/).fill(options.diaryNumber);
  if (options.agenda) await page.getByLabel('Agenda (optional)').fill(options.agenda);
  if (options.attendee) {
    await page.getByRole('button', { name: 'Add an attendee' }).click();
    const row = page.getByRole('group', { name: 'Attendee 1' });
    await row.getByLabel('Name').fill(options.attendee.name);
    await row.getByLabel('Role (optional)').fill(options.attendee.role);
    await row.getByLabel('Organisation (optional)').fill(options.attendee.organisation);
  }
  await page.getByRole('button', { name: 'Save the visit' }).click();
  await page.waitForURL(/\/visits\/[0-9a-f-]{36}$/);
  await page.getByRole('region', { name: 'Progress' }).waitFor();
  const url = page.url();
  return { id: url.split('/').pop()!, url };
}

/** The block of one checklist item on the visit page. */
export function item(page: Page, itemId: string) {
  return page.locator(`#item-${itemId}`);
}

/**
 * Answers every unanswered item with an answer that needs no comment: "Yes", the top of a scale, a small
 * number, a date.
 */
export async function answerAll(page: Page): Promise<void> {
  const items = page.locator('article.item');
  // The checklist draws once its live query answers; count only then.
  await items.first().waitFor();
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const block = items.nth(i);
    if ((await block.locator('[aria-pressed="true"]').count()) > 0) continue;
    const number = block.getByLabel(/^Answer \(a number\)/);
    const date = block.getByLabel('Answer (date)');
    if ((await number.count()) > 0) {
      if (!/^\d+([.,]\d+)?$/.test(await number.inputValue())) await number.fill('2');
    } else if ((await date.count()) > 0) {
      if ((await date.inputValue()) === '') await date.fill('2025-01-31');
    } else {
      const choices = block.getByRole('group').first().getByRole('button').filter({ hasNotText: 'Not assessed' });
      const yes = choices.filter({ hasText: /^Yes$/ });
      const choice = (await yes.count()) > 0 ? yes : choices.last();
      await choice.click();
      // The details an answer asks for open under it and move what follows: take the next item only
      // once this one shows its answer.
      await block.locator('[aria-pressed="true"]').first().waitFor();
    }
  }
  const done = page.getByText('All required items are answered.');
  await done.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
    const missing = await page.locator('.missing-list a').allTextContents();
    throw new Error(`Items still unanswered after answering all: ${missing.join(', ')}`, { cause: error });
  });
}

/** Waits until the status bar says the last pass finished, after asking for one. */
export async function syncNow(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.locator('.status-bar').getByText(/Synced/).first().waitFor({ timeout: 30_000 });
}

/** Changes on the device that the server has not acknowledged: the outbox and the rejections. */
export async function unsent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('tillsyn-'));
    if (!name) return -1;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const total = (await count('outbox')) + (await count('rejections'));
    db.close();
    return total;
  });
}

/** Runs axe on the page as it is; fails with the rules, their help and the first offending node of each. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}
