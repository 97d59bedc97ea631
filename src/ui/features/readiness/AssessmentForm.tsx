// Starts a readiness assessment of a municipality, or edits a draft's issue, scorers and notes: the
// scorers are the region's inspectors and coordinators the device knows (the signed-in user ticked by
// default), at least two. The area is chosen once. Errors show next to their field, focus goes to the first.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { loadDirectory } from '../../../db/directory.ts';
import { saveAssessment, scorerCandidates, type AssessmentInput } from '../../../db/assessments.ts';
import type { LocalRecord } from '../../../db/database.ts';
import { isOneOf, supervisionAreas, type SupervisionArea } from '../../../shared/vocabulary.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';

type Assessment = LocalRecord<'assessment'>;
type Field = 'issue' | 'scorers';

export function AssessmentForm({
  municipalityId,
  regionId,
  assessment,
  onDone,
}: {
  municipalityId: string;
  regionId: string;
  assessment?: Assessment;
  onDone: (saved: Assessment | null) => void;
}) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const issueRef = useRef<HTMLInputElement>(null);
  const directory = useLiveQuery(() => loadDirectory(db), [db]);
  const candidates = directory.state === 'ready' ? scorerCandidates(directory.value, regionId, session.user) : [];
  const [draft, setDraft] = useState<AssessmentInput>(() => ({
    area: assessment?.area ?? 'substance',
    issue: assessment?.issue ?? '',
    scorerIds: assessment ? [...assessment.scorerIds] : [session.user.id],
    notes: assessment?.notes ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => issueRef.current?.focus(), []);

  const save = useAction(
    async (input: AssessmentInput) => {
      const found: Partial<Record<Field, MessageKey>> = {};
      if (input.issue.trim() === '') found.issue = 'readiness.issueMissing';
      if (input.scorerIds.length < 2) found.scorers = 'readiness.scorersMissing';
      setErrors(found);
      setFailure(null);
      if (found.issue) return issueRef.current?.focus();
      if (found.scorers) return document.getElementById(`${id}-scorers`)?.focus();
      try {
        onDone(await saveAssessment(db, municipalityId, input, assessment?.id, session.user));
      } catch (error) {
        setFailure(error instanceof Error ? error.message : String(error));
      }
    },
    { log: 'The assessment could not be saved' },
  );

  const toggle = (scorerId: string, on: boolean) =>
    setDraft((d) => ({ ...d, scorerIds: on ? [...d.scorerIds.filter((s) => s !== scorerId), scorerId] : d.scorerIds.filter((s) => s !== scorerId) }));
  const heading = assessment ? t('readiness.edit') : t('readiness.startTitle');
  const required = <span class="required"> ({t('readiness.required')})</span>;

  return (
    <form
      class="card readiness-form"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft);
      }}
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      <div role="alert" class={failure ? 'form-errors' : 'form-errors empty'}>
        {failure && <p>{t('readiness.failed', { reason: failure })}</p>}
      </div>
      {!assessment && (
        <div class="field">
          <label for={`${id}-area`}>{t('readiness.area')}</label>
          <select
            id={`${id}-area`}
            value={draft.area}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(supervisionAreas, v)) setDraft((d) => ({ ...d, area: v as SupervisionArea }));
            }}
          >
            {supervisionAreas.map((a) => (
              <option key={a} value={a}>
                {t(`area.${a}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for={`${id}-issue`}>
          {t('readiness.issue')}
          {required}
        </label>
        <p class="hint" id={`${id}-issue-hint`}>
          {t('readiness.issueHint')}
        </p>
        <input
          ref={issueRef}
          id={`${id}-issue`}
          type="text"
          autocomplete="off"
          maxLength={300}
          value={draft.issue}
          aria-invalid={errors.issue ? 'true' : undefined}
          aria-describedby={[`${id}-issue-hint`, errors.issue ? `${id}-issue-error` : ''].filter(Boolean).join(' ')}
          onInput={(e) => setDraft((d) => ({ ...d, issue: e.currentTarget.value }))}
        />
        <FieldError id={`${id}-issue-error`} message={errors.issue ? t(errors.issue) : null} />
      </div>
      <fieldset
        class="fieldset"
        id={`${id}-scorers`}
        tabIndex={-1}
        aria-describedby={[`${id}-scorers-hint`, errors.scorers ? `${id}-scorers-error` : ''].filter(Boolean).join(' ')}
      >
        <legend>
          {t('readiness.scorers')}
          {required}
        </legend>
        <p class="hint" id={`${id}-scorers-hint`}>
          {t('readiness.scorersHint')}
        </p>
        {candidates.length < 2 && <p class="notice">{t('readiness.noColleagues')}</p>}
        <ul class="choice-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <input id={`${id}-scorer-${c.id}`} type="checkbox" checked={draft.scorerIds.includes(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />
              <label for={`${id}-scorer-${c.id}`}>{c.id === session.user.id ? t('readiness.you', { name: c.name }) : c.name}</label>
            </li>
          ))}
        </ul>
        <FieldError id={`${id}-scorers-error`} message={errors.scorers ? t(errors.scorers) : null} />
      </fieldset>
      <div class="field">
        <label for={`${id}-notes`}>{t('readiness.notes')}</label>
        <textarea id={`${id}-notes`} rows={3} value={draft.notes} onInput={(e) => setDraft((d) => ({ ...d, notes: e.currentTarget.value }))} />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {assessment ? t('readiness.save') : t('readiness.create')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('readiness.cancel')}
        </button>
      </div>
    </form>
  );
}
