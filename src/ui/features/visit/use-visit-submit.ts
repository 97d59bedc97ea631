// Submitting the visit, from its actions or from the dock: with required items unanswered it says which
// (VisitActions lists them once tried) and takes focus to the first, offline, before the server would
// refuse it (INCOMPLETE); otherwise it moves the visit to submitted (a returned one through in_progress,
// see submit-visit.ts), once at a time.
import { useState } from 'preact/hooks';
import type { VisitStatus } from '../../../shared/workflow.ts';
import { useAction } from '../../common/use-action.ts';
import type { useSaveTracker } from '../../common/use-save-tracker.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { focusItem, type ChecklistProgress } from './checklist-progress.ts';
import { submitVisit } from './submit-visit.ts';

type VisitSubmit = {
  /** Submit was pressed: the list of missing items follows the live answers from then on. */
  tried: boolean;
  submitting: boolean;
  submit: (visitId: string, from: VisitStatus, progress: ChecklistProgress | null) => void;
  /** Another move was made: the list goes. */
  forget: () => void;
};

export function useVisitSubmit(track: ReturnType<typeof useSaveTracker>['track']): VisitSubmit {
  const { db, session } = useSignedIn();
  const [tried, setTried] = useState(false);
  const action = useAction((visitId: string, from: VisitStatus) => track(submitVisit(db, visitId, from, session.user)), { log: 'The visit could not be submitted' });
  return {
    tried,
    submitting: action.busy,
    submit: (visitId, from, progress) => {
      const gaps = progress?.missingRequired ?? [];
      setTried(true);
      if (gaps.length > 0) {
        setTimeout(() => focusItem(gaps[0]!.id), 0);
        return;
      }
      void action.run(visitId, from);
    },
    forget: () => setTried(false),
  };
}
