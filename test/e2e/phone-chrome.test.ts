// The field on a phone (390×844) in Chromium: how much of the screen the fixed bars take on the visits
// list and inside a visit, that the bottom navigation gives way to the visit's dock, and that a focused
// field near the bottom is never covered by a fixed bar (WCAG 2.4.11 Focus Not Obscured).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, signIn, startServer, type TestServer } from './harness.ts';
import { item, planVisit, waitForReferenceData } from './visit-helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

type Bar = { what: string; top: number; bottom: number; height: number };

/** Every fixed or stuck element that shows in the viewport, and how many pixels of its height it covers. */
async function fixedBars(page: Page): Promise<Bar[]> {
  return page.evaluate(() => {
    const bars: { what: string; top: number; bottom: number; height: number }[] = [];
    const seen: Element[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.position !== 'fixed' && style.position !== 'sticky') continue;
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // A bar inside another bar counts once.
      if (seen.some((outer) => outer.contains(el))) continue;
      const r = el.getBoundingClientRect();
      const top = Math.max(0, r.top);
      const bottom = Math.min(window.innerHeight, r.bottom);
      if (bottom - top < 1 || r.width < 1) continue;
      // A sticky element counts only where it is stuck (at the top or bottom edge), not where it sits in the flow.
      if (style.position === 'sticky') {
        const stuckTop = style.top !== 'auto' && Math.abs(r.top - parseFloat(style.top)) < 1;
        if (!stuckTop) continue;
      }
      seen.push(el);
      bars.push({ what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`, top, bottom, height: Math.round(bottom - top) });
    }
    return bars;
  });
}

const total = (bars: Bar[]) => bars.reduce((sum, b) => sum + b.height, 0);

/** Scrolls the window down by a distance (past the status bar's fold) and lets the page answer the scroll event. */
async function scrollDown(page: Page, by: number): Promise<void> {
  const y = await page.evaluate((distance) => {
    window.scrollBy(0, distance);
    return window.scrollY;
  }, by);
  expect(y, 'the page is long enough to scroll').toBeGreaterThan(120);
  // Two frames: the scroll handler's state, then its render.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Puts the element's top this many pixels above the bottom edge of the viewport, without moving focus. */
async function placeNearBottom(page: Page, selector: string, fromBottom: number): Promise<void> {
  await page.evaluate(
    ([sel, px]) => {
      const el = document.querySelector(sel as string)!;
      window.scrollBy(0, el.getBoundingClientRect().top - (window.innerHeight - (px as number)));
    },
    [selector, fromBottom] as const,
  );
}

/** Whether the focused element is fully on screen, overlaps no bar, and is the topmost element at points across it. */
async function focusedUncovered(page: Page): Promise<{ inView: boolean; covered: string[]; overlaps: string[] }> {
  const bars = await fixedBars(page);
  return page.evaluate((barRects) => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    const inView = r.top >= 0 && r.bottom <= window.innerHeight;
    // Inset from the corners, which a rounded border leaves to what is behind.
    const dx = r.width / 4;
    const dy = r.height / 4;
    const points = [
      [r.left + dx, r.top + dy],
      [r.right - dx, r.top + dy],
      [r.left + dx, r.bottom - dy],
      [r.right - dx, r.bottom - dy],
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
    ];
    const covered = points
      .map(([x, y]) => document.elementFromPoint(x!, y!))
      .filter((hit) => hit !== null && hit !== el && !el.contains(hit))
      .map((hit) => `${hit!.tagName.toLowerCase()}.${[...hit!.classList].join('.')}`);
    const overlaps = barRects.filter((b) => b.top < r.bottom && b.bottom > r.top).map((b) => b.what);
    return { inView, covered, overlaps };
  }, bars);
}

describe('the field on a phone', () => {
  it('inside a visit: no bottom navigation, a dock, a folded status bar, and focus never under a bar', { timeout: 180_000 }, async () => {
    const { page, close } = await openBrowser();
    try {
      await signIn(page, server, 'inspector');
      await waitForReferenceData(page, server.url);
      const visit = await planVisit(page, server.url, { search: 'borg', municipality: /^Porvoo/, area: /Substance-abuse prevention/, date: '2025-05-20' });
      await planVisit(page, server.url, { search: 'esbo', municipality: /^Espoo/, area: /Prevention of violence/, date: '2025-06-03' });
      await page.setViewportSize({ width: 390, height: 844 });

      // The visits list: at the top the header is part of the page; scrolled, the status bar's one line and the navigation stay.
      await page.goto(`${server.url}/visits`);
      await page.getByRole('heading', { level: 2, name: /Planned/ }).waitFor();
      const listTop = await fixedBars(page);
      await scrollDown(page, 600);
      const listScrolled = await fixedBars(page);
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);

      await page.goto(visit.url);
      await item(page, 'EPT-01').waitFor();
      await page.getByRole('button', { name: 'Start the visit' }).click();
      const dock = page.locator('.visit-dock');
      await dock.getByRole('button', { name: 'Submit', exact: true }).waitFor();
      const visitTop = await fixedBars(page);
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Back to the visits' }).isVisible()).toBe(true);
      expect(await dock.isVisible()).toBe(true);
      expect(await dock.getByRole('button', { name: 'Next unanswered item' }).isVisible()).toBe(true);

      await scrollDown(page, 1500);
      const line = page.getByRole('button', { name: /^Sync status:/ });
      await line.waitFor();
      const visitScrolled = await fixedBars(page);
      console.log(`fixed bars at 390×844 (px): list ${total(listTop)} at the top, ${total(listScrolled)} scrolled; visit ${total(visitTop)} at the top, ${total(visitScrolled)} scrolled`);
      console.log(JSON.stringify({ listScrolled, visitScrolled }));
      expect(total(visitScrolled)).toBeLessThanOrEqual(120);
      expect(visitScrolled.map((b) => b.what).sort()).toEqual(['div.visit-dock', 'header.app-header']);

      // The folded line opens the full status on a tap, and closes with Escape, focus back on it.
      expect(await line.getAttribute('aria-expanded')).toBe('false');
      await line.click();
      expect(await line.getAttribute('aria-expanded')).toBe('true');
      await page.locator('.sync-status-panel').getByRole('link', { name: /show sync details/ }).waitFor();
      await page.keyboard.press('Escape');
      expect(await line.getAttribute('aria-expanded')).toBe('false');
      expect(await line.evaluate((el) => el === document.activeElement)).toBe(true);

      // A comment field whose top is under the dock: focused, it is on screen and nothing covers it.
      await placeNearBottom(page, '#item-EPT-05 textarea', 30);
      await item(page, 'EPT-05').locator('textarea').focus();
      await dock.waitFor({ state: 'hidden' });
      const typing = await focusedUncovered(page);
      expect(typing).toEqual({ inView: true, covered: [], overlaps: [] });

      // An answer button reached with Tab from just above the dock is not under it either.
      await item(page, 'EPT-05').locator('textarea').blur();
      await dock.waitFor({ state: 'visible' });
      await placeNearBottom(page, '#item-EPT-07', 20);
      await item(page, 'EPT-07').focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
      const tabbed = await focusedUncovered(page);
      expect(tabbed).toEqual({ inView: true, covered: [], overlaps: [] });

      // "Next unanswered" takes focus to the first required item still unanswered after the one worked on.
      await page.evaluate(() => window.scrollTo(0, 0));
      await item(page, 'EPT-01').getByRole('button', { name: 'Yes' }).click();
      await dock.getByRole('button', { name: 'Next unanswered item' }).click();
      expect(await page.evaluate(() => document.activeElement?.closest('article')?.id)).toBe('item-EPT-02');
      expect((await focusedUncovered(page)).covered).toEqual([]);
    } finally {
      await close();
      server.assertAlive();
    }
  });
});
