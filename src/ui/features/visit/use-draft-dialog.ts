// A record's dialog that keeps a draft (see use-draft): saving the record drops the draft in the same
// write, discarding drops it alone, and either one closes the dialog only once it has succeeded.
import type { UserDb } from '../../../db/database.ts';
import { discardDraft, withDraftDropped, type DraftFields, type DraftRef, type DraftType } from '../../../db/drafts.ts';
import { sameFields, useDraft, type DraftKeeper } from './use-draft.ts';
import { useTrackSave } from '../../common/use-save-tracker.ts';

type DraftDialog = DraftKeeper & {
  /** There is something to discard: a kept draft or changes not yet written. */
  canDiscard: boolean;
  /** Runs the record's write with the draft dropped, and closes when it succeeded. */
  save: (write: () => Promise<unknown>) => Promise<void>;
  /** Drops the draft and closes; resolves false when the draft could not be dropped. */
  discard: () => Promise<boolean>;
};

export function useDraftDialog<T extends DraftType>(
  db: UserDb,
  ref: DraftRef<T>,
  baseline: DraftFields<T>,
  fields: DraftFields<T>,
  restored: boolean,
  onClose: () => void,
): DraftDialog {
  const track = useTrackSave();
  const keeper = useDraft(db, ref, baseline, fields, restored);

  const save = async (write: () => Promise<unknown>) => {
    // Paused, so no late draft write brings back what the save drops.
    keeper.pause();
    if (await track(withDraftDropped(db, ref, write))) onClose();
    else keeper.resume();
  };

  const discard = async () => {
    keeper.pause();
    try {
      await discardDraft(db, ref);
      onClose();
      return true;
    } catch (e) {
      console.error('The draft could not be discarded', e);
      keeper.resume();
      return false;
    }
  };

  return { ...keeper, canDiscard: keeper.kept || !sameFields(fields, baseline), save, discard };
}
