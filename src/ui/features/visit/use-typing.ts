// Whether a field that brings up the on-screen keyboard has focus: a text input or a textarea. The visit's
// dock gives way to the keyboard while it does (WCAG 2.4.11: the field with focus is never under a bar).
import { useEffect, useState } from 'preact/hooks';

const NO_KEYBOARD = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image', 'hidden']);

function isTextEntry(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !NO_KEYBOARD.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

export function useTyping(): boolean {
  const [typing, setTyping] = useState(() => isTextEntry(document.activeElement));
  useEffect(() => {
    // focusout's target is the element left; where focus goes is known only after it, so ask afterwards.
    const update = () => setTyping(isTextEntry(document.activeElement));
    const later = () => setTimeout(update, 0);
    document.addEventListener('focusin', update);
    document.addEventListener('focusout', later);
    return () => {
      document.removeEventListener('focusin', update);
      document.removeEventListener('focusout', later);
    };
  }, []);
  return typing;
}
