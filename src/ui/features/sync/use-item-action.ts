// An action on one item of the sync page (a rejected change, a lost conflict): its buttons stay disabled
// from the click on, since on success the item leaves the list; a failure says so and enables them again.
import { useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n/index.ts';

export type ItemAction = {
  busy: boolean;
  failed: boolean;
  /** Runs the action and hands its notice to onDone. */
  act: (action: () => Promise<MessageKey>) => Promise<void>;
};

/** `failureLog`: what the console says when an action fails. */
export function useItemAction(onDone: (notice: MessageKey) => void, failureLog: string): ItemAction {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const act = async (action: () => Promise<MessageKey>) => {
    setBusy(true);
    setFailed(false);
    try {
      onDone(await action());
    } catch (error) {
      console.error(failureLog, error);
      setFailed(true);
      setBusy(false);
    }
  };
  return { busy, failed, act };
}
