// Messages the page may post to the service worker (see src/pwa/pwa.ts).

/** Sent by workbox-window's `messageSkipWaiting()` once the user accepts an update. */
type SkipWaitingMessage = { type: 'SKIP_WAITING' };

export function isSkipWaitingMessage(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}
