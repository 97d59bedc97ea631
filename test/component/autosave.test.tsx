// Self-saving text: one save a moment after typing stops, and at once when the field is left or the page
// is hidden or torn down, so a killed tab loses nothing typed.
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveTextarea } from '../../src/ui/common/AutosaveTextarea.tsx';
import { AUTOSAVE_DELAY_MS } from '../../src/ui/common/use-autosave.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setUp(value = '') {
  const save = vi.fn(async (_text: string) => {});
  const view = render(<AutosaveTextarea label="Summary" value={value} onSave={save} readOnly={false} />);
  return { save, field: screen.getByLabelText('Summary') as HTMLTextAreaElement, view };
}

describe('autosave', () => {
  it('saves once, a moment after the last keystroke', () => {
    const { save, field } = setUp();
    fireEvent.input(field, { target: { value: 'A' } });
    fireEvent.input(field, { target: { value: 'AB' } });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(save).not.toHaveBeenCalled();
    fireEvent.input(field, { target: { value: 'ABC' } });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(save.mock.calls).toEqual([['ABC']]);
  });

  it.each([
    ['the field is left', (field: HTMLElement) => fireEvent.blur(field)],
    ['the page is hidden', () => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    }],
    ['the page is torn down', () => window.dispatchEvent(new Event('pagehide'))],
  ])('saves at once when %s', (_when, trigger) => {
    const { save, field } = setUp();
    fireEvent.input(field, { target: { value: 'Typed just before' } });
    trigger(field);
    expect(save.mock.calls).toEqual([['Typed just before']]);
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('saves what is pending when the page goes away, and nothing when nothing was typed', () => {
    const { save, field, view } = setUp('Stored');
    window.dispatchEvent(new Event('pagehide'));
    expect(save).not.toHaveBeenCalled();
    fireEvent.input(field, { target: { value: 'Stored, and more' } });
    view.unmount();
    expect(save.mock.calls).toEqual([['Stored, and more']]);
  });
});
