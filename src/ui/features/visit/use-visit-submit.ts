// Submitting the visit, from its actions or from the dock. It waits for the saves on their way (a comment
// whose field the press just left), reads the answers as stored, and with required items unanswered or
// lacking a comment says which (VisitActions lists them) and takes focus to the first, offline, before
// the server would refuse it (INCOMPLETE); otherwise it moves the visit to submitted (a returned one
// through in_progress, see submit-visit.ts), once at a time. Deciding on the last render's answers
// refused a submission whose last comment had been typed but not yet stored.
import { useState } from 'preact/hooks';
import { loadVisitDetail } from '../../../db/visit-queries.ts';
import type { UserDb } from '../../../db/database.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import type { VisitStatus } from '../../../shared/workflow.ts';
import { useAction } from '../../common/use-action.ts';
import type { useSaveTracker } from '../../common/use-save-tracker.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { checklistProgress, focusItem } from './checklist-progress.ts';
import { submitVisit } from './submit-visit.ts';

export type VisitSubmit = {
  /** Submit was pressed: the list of missing items follows the live answers from then on. */
  tried: boolean;
  submitting: boolean;
  submit: (visitId: string, from: VisitStatus) => void;
  /** Another move was made: the list goes. */
  forget: () => void;
};

/** The required items unanswered or lacking their comment, as the database has them now. */
async function missingNow(db: UserDb, visitId: string): Promise<TemplateItem[]> {
  const detail = await loadVisitDetail(db, visitId);
  if (!detail || detail.templates.length === 0) return [];
  return checklistProgress(detail.templates, detail.answers).missingRequired;
}

export function useVisitSubmit(saver: Pick<ReturnType<typeof useSaveTracker>, 'track' | 'settled'>): VisitSubmit {
  const { db, session } = useSignedIn();
  const [tried, setTried] = useState(false);
  const action = useAction(
    async (visitId: string, from: VisitStatus) => {
      await saver.settled();
      const gaps = await missingNow(db, visitId);
      if (gaps.length > 0) {
        focusItem(gaps[0]!.id);
        return;
      }
      await saver.track(submitVisit(db, visitId, from, session.user));
    },
    { log: 'The visit could not be submitted' },
  );
  return {
    tried,
    submitting: action.busy,
    submit: (visitId, from) => {
      setTried(true);
      void action.run(visitId, from);
    },
    forget: () => setTried(false),
  };
}
