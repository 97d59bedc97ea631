import { describe, expect, it } from 'vitest';
import { isSkipWaitingMessage } from '../../sw/messages.ts';

describe('isSkipWaitingMessage', () => {
  it('accepts what workbox-window posts when the user accepts an update', () => {
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true);
  });

  it.each([null, undefined, 'SKIP_WAITING', 42, {}, { type: 'skip_waiting' }, { type: 'GET_VERSION' }, ['SKIP_WAITING']])(
    'ignores %j',
    (data) => {
      expect(isSkipWaitingMessage(data)).toBe(false);
    },
  );
});
