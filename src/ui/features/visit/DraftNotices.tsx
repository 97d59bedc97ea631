// Drafts kept on this device for the visit: after a reload, a killed tab or an app update the inspector is
// told that a half-written observation or recommendation waits, and continues it from here. On a visit
// that can no longer be edited the draft's text is shown whole, so it can still be copied before discarding.
import { useId } from 'preact/hooks';
import { draftKey, listVisitDrafts, type Draft } from '../../../db/drafts.ts';
import { formatDateTime } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';

const EXCERPT = 140;

function titleKey(d: Draft): MessageKey {
  if (d.type === 'observation') return d.recordId ? 'draft.observationEdit' : 'draft.observationNew';
  return d.recordId ? 'draft.followUpEdit' : 'draft.followUpNew';
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
}

export function DraftNotices({
  visitId,
  editable,
  onContinue,
  onDiscard,
}: {
  visitId: string;
  editable: boolean;
  onContinue: (draft: Draft) => void;
  onDiscard: (draft: Draft) => void;
}) {
  const { t, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const id = useId();
  const drafts = useLiveQuery(() => listVisitDrafts(db, visitId), [db, visitId]);
  if (drafts.state !== 'ready' || drafts.value.length === 0) return null;
  return (
    <ul class="plain-list draft-notices">
      {drafts.value.map((d, i) => {
        const titleId = `${id}-${i}`;
        const text = excerpt(d.fields.text);
        return (
          <li key={draftKey(d)} class="notice draft-notice">
            <div class="draft-notice-body">
              <p id={titleId} class="notice-title">
                {t(titleKey(d))}
              </p>
              {editable && text && <p class="draft-excerpt">“{text}”</p>}
              <p class="draft-meta">{t('draft.savedAt', { time: formatDateTime(d.savedAt, dateLocale) })}</p>
              {!editable && (
                <>
                  <p>{t('draft.locked')}</p>
                  {d.fields.text && <p class="pre-line draft-text">{d.fields.text}</p>}
                </>
              )}
            </div>
            {editable ? (
              <button type="button" class="button button-primary" aria-describedby={titleId} onClick={() => onContinue(d)}>
                {t('draft.continue')}
              </button>
            ) : (
              <button type="button" class="button button-quiet-danger" aria-describedby={titleId} onClick={() => onDiscard(d)}>
                {t('draft.discard')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
