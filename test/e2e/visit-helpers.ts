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
  options: { search: string; municipality: RegExp; area: RegExp; date: string; agenda?: string; attendee?: { name: string; role: string; organisation: string } },
): Promise<PlannedVisit> {
  if (!page.url().endsWith('/visits/new')) {
    await page.goto(`${origin}/visits`);
    await page.getByRole('link', { name: 'Plan a visit' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Plan a visit' }).waitFor();
  await page.getByLabel('Search for the municipality').fill(options.search);
  await page.getByRole('radio', { name: options.municipality }).check();
  await page.getByRole('radio', { name: options.area }).check();
  await page.getByLabel('Planned date').fill(options.date);
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

/** Answers every unanswered required item with the first choice or a small number. */
export async function answerAll(page: Page): Promise<void> {
  const items = page.locator('article.item');
  // The checklist draws once its live query answers; count only then.
  await items.first().waitFor();
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const block = items.nth(i);
    if ((await block.locator('[aria-pressed="true"]').count()) > 0) continue;
    const number = block.getByLabel('Answer (a number, 0 or more)');
    const date = block.getByLabel('Answer (date)');
    if ((await number.count()) > 0) {
      if (!/^\d+([.,]\d+)?$/.test(await number.inputValue())) await number.fill('2');
    } else if ((await date.count()) > 0) {
      if ((await date.inputValue()) === '') await date.fill('2025-01-31');
    } else await block.getByRole('group').first().getByRole('button').first().click();
  }
  const done = page.getByText('All required items are answered.');
  await done.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
    const missing = await page.locator('.missing-list a').allTextContents();
    throw new Error(`Items still unanswered after answering all: ${missing.join(', ')}`, { cause: error });
  });
}

/** Runs axe on the page as it is; fails with the rules, their help and the first offending node of each. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}
