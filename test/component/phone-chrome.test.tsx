// The field on a phone: the status bar folds to one line once the page scrolls on a narrow screen and
// opens on a tap; the visit's dock with its progress, "next unanswered" and Submit; and no bottom
// navigation inside a visit on a narrow screen, where the dock takes its place.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserDb } from '../../src/db/database.ts';
import { Layout } from '../../src/ui/app/Layout.tsx';
import { StatusBar } from '../../src/ui/features/sync/StatusBar.tsx';
import { VisitDock, type VisitDockProps } from '../../src/ui/features/visit/VisitDock.tsx';
import { I18nContext } from '../../src/ui/i18n/index.ts';
import { testI18n } from '../i18n-packs.ts';
import { fakeRunner, freshDb, minutesAgo, renderSignedIn, VISIT_ID } from './sync-fixtures.tsx';

type HappyWindow = Window & { happyDOM: { setViewport: (viewport: { width: number; height: number }) => void } };
const setViewport = (width: number, height: number) => act(() => (window as unknown as HappyWindow).happyDOM.setViewport({ width, height }));

function scrollTo(y: number): void {
  act(() => {
    Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
    window.dispatchEvent(new Event('scroll'));
  });
}

let db: UserDb;

beforeEach(async () => {
  db = await freshDb();
  setViewport(1280, 800);
  scrollTo(0);
});

afterEach(() => {
  setViewport(1024, 768);
  scrollTo(0);
});

describe('the status bar on a phone', () => {
  it('folds to one line with the unsent count once the page scrolls, and opens and closes on the button', async () => {
    for (let i = 0; i < 3; i++) {
      await db.outbox.add({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: `edit ${i}` }, queuedAt: minutesAgo(5) });
    }
    setViewport(390, 844);
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    await screen.findByText(/3 unsent changes/);
    // At the top: the full form, no toggle.
    expect(screen.queryByRole('button', { name: /^Sync status:/ })).toBeNull();

    scrollTo(600);
    const line = await screen.findByRole('button', { name: /^Sync status:/ });
    await waitFor(() => expect(line.textContent).toContain('3 unsent'));
    expect(line.getAttribute('aria-expanded')).toBe('false');
    const panel = document.getElementById(line.getAttribute('aria-controls')!)!;
    expect(panel.hidden).toBe(true);

    fireEvent.click(line);
    expect(line.getAttribute('aria-expanded')).toBe('true');
    expect(panel.hidden).toBe(false);
    expect(within(panel).getByRole('link', { name: /show sync details/ })).toBeTruthy();

    // Escape closes it, with focus back on the line; a keyboard press (Enter/Space) is a click on a real button.
    line.focus();
    fireEvent.keyDown(line, { key: 'Escape' });
    expect(line.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(line);
    line.blur();

    // Back at the top, the full form again.
    scrollTo(0);
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Sync status:/ })).toBeNull());
    expect(panel.hidden).toBe(false);
  });

  it('says offline on the folded line, in a word', async () => {
    await db.outbox.add({ entity: 'visit', id: VISIT_ID, op: 'upsert', baseVersion: 3, fields: { summary: 'x' }, queuedAt: minutesAgo(5) });
    setViewport(390, 844);
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner({ problem: { kind: 'offline' } }) });
    scrollTo(600);
    const line = await screen.findByRole('button', { name: /^Sync status:/ });
    await waitFor(() => expect(line.textContent).toContain('1 unsent'));
    expect(line.textContent).toContain('Offline');
    expect(line.textContent).not.toContain('changes are kept');
  });

  it('stays as it is on a wide screen, scrolled or not', async () => {
    renderSignedIn(<StatusBar />, { db, runner: fakeRunner() });
    scrollTo(600);
    await screen.findByText('Not synced yet');
    expect(screen.queryByRole('button', { name: /^Sync status:/ })).toBeNull();
  });
});

function renderDock(props: Partial<VisitDockProps> = {}) {
  const all: VisitDockProps = { answered: 3, total: 14, onNext: vi.fn(), onSubmit: vi.fn(), canSubmit: true, submitting: false, ...props };
  render(
    <I18nContext.Provider value={testI18n('en')}>
      <VisitDock {...all} />
    </I18nContext.Provider>,
  );
  return all;
}

describe('the visit dock', () => {
  it('shows the progress, and its buttons call the page', () => {
    const props = renderDock();
    expect(screen.getByText('3 of 14 answered')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next unanswered item' }));
    expect(props.onNext).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(props.onSubmit).toHaveBeenCalledTimes(1);
  });

  it('has no Next when nothing required is left, and no Submit when the visit cannot be submitted', () => {
    renderDock({ onNext: undefined, canSubmit: false, answered: 14 });
    expect(screen.getByText('14 of 14 answered')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next unanswered item' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
  });

  it('while submitting, says so and does not submit twice', () => {
    const props = renderDock({ submitting: true });
    const button = screen.getByRole('button', { name: 'Submitting…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(props.onSubmit).not.toHaveBeenCalled();
  });

  it('gives way to the keyboard on a narrow screen while a text field has focus', async () => {
    setViewport(390, 844);
    render(
      <I18nContext.Provider value={testI18n('en')}>
        <textarea aria-label="Comment" />
        <button type="button">Yes</button>
        <VisitDock answered={1} total={2} onSubmit={() => {}} canSubmit submitting={false} />
      </I18nContext.Provider>,
    );
    const dock = document.querySelector('.visit-dock') as HTMLElement;
    expect(dock.hidden).toBe(false);
    act(() => screen.getByLabelText('Comment').focus());
    await waitFor(() => expect(dock.hidden).toBe(true));
    act(() => screen.getByRole('button', { name: 'Yes' }).focus());
    await waitFor(() => expect(dock.hidden).toBe(false));
  });
});

describe('the navigation inside a visit', () => {
  const layout = (inVisit: boolean) =>
    renderSignedIn(
      <Layout current="visits" inVisit={inVisit}>
        <p>page</p>
      </Layout>,
      { db, runner: fakeRunner() },
    );

  it('is not shown inside a visit on a narrow screen', () => {
    setViewport(390, 844);
    layout(true);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('is shown on other pages, and as the side rail on a wide screen inside a visit', () => {
    setViewport(390, 844);
    const { unmount } = layout(false);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    unmount();
    setViewport(1280, 800);
    layout(true);
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });
});
