// An assessment's key-informant interviews: added, edited and deleted while it is a draft; under each,
// until every scorer's sheet is in, my own score sheet and whom we wait for; after that, every scorer's
// scores side by side and the consensus per dimension (the agreed score suggested).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  deleteInterview,
  saveInterview,
  saveMyScore,
  setConsensus,
  setMyScoresDone,
  type AssessmentDetail,
  type InterviewInput,
  type InterviewView,
} from '../../../db/assessments.ts';
import type { LocalRecord } from '../../../db/database.ts';
import { informantSectors, isOneOf, readinessDimensions, type InformantSector, type ReadinessDimension } from '../../../shared/vocabulary.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { FieldError } from '../../common/FieldError.tsx';
import { formatShortDate } from '../../common/format.ts';
import { useAction } from '../../common/use-action.ts';
import { dimensionText } from './crm-model.ts';

type Interview = LocalRecord<'interview'>;
type Say = (text: string, error?: boolean) => void;
const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Interviews({ detail, canEdit, nameOf, say }: { detail: AssessmentDetail; canEdit: boolean; nameOf: (id: string) => string; say: Say }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [deleting, setDeleting] = useState<Interview | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = useAction(
    async (interview: Interview) => {
      await deleteInterview(db, interview.id, session.user);
      say(t('readiness.interviewDeleted'));
    },
    { log: 'The interview could not be deleted', onFailure: (e) => say(t('readiness.failed', { reason: reason(e) }), true) },
  );
  const closeForm = (saved: 'added' | 'saved' | null) => {
    setEditing(null);
    if (saved) say(t(saved === 'added' ? 'readiness.interviewAdded' : 'readiness.interviewSaved'));
    else heading.current?.focus();
  };

  return (
    <section class="report-section" aria-labelledby="assessment-interviews">
      <h2 id="assessment-interviews" ref={heading} tabIndex={-1}>
        {t('readiness.interviewsTitle')} <span class="count">({detail.interviews.length})</span>
      </h2>
      {detail.interviews.length === 0 && <p class="empty-state">{t('readiness.noInterviews')}</p>}
      <ol class="readiness-interviews">
        {detail.interviews.map((view, n) => (
          <li key={view.interview.id} class="card readiness-interview" data-interview-id={view.interview.id}>
            {editing === view.interview.id ? (
              <InterviewForm assessmentId={detail.assessment.id} interview={view.interview} onDone={(saved) => closeForm(saved ? 'saved' : null)} />
            ) : (
              <InterviewCard
                n={n + 1}
                view={view}
                detail={detail}
                canEdit={canEdit}
                busy={remove.running?.[0].id === view.interview.id}
                nameOf={nameOf}
                say={say}
                onEdit={() => setEditing(view.interview.id)}
                onDelete={() => setDeleting(view.interview)}
              />
            )}
          </li>
        ))}
      </ol>
      {canEdit && editing !== 'new' && (
        <div class="toolbar no-print">
          <button type="button" class="button button-secondary" onClick={() => setEditing('new')}>
            {t('readiness.addInterview')}
          </button>
        </div>
      )}
      {editing === 'new' && <InterviewForm assessmentId={detail.assessment.id} onDone={(saved) => closeForm(saved ? 'added' : null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('readiness.deleteInterviewTitle', { role: deleting.role })}
          text={t('readiness.deleteInterviewText')}
          confirmLabel={t('readiness.deleteInterview')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const interview = deleting;
            setDeleting(null);
            void remove.run(interview);
            heading.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function InterviewForm({ assessmentId, interview, onDone }: { assessmentId: string; interview?: Interview; onDone: (saved: Interview | null) => void }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const roleRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<InterviewInput>(() => ({
    role: interview?.role ?? '',
    sector: interview?.sector ?? 'leadership',
    date: interview?.date ?? '',
    notes: interview?.notes ?? '',
  }));
  const [errors, setErrors] = useState<{ role?: MessageKey; date?: MessageKey }>({});
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => roleRef.current?.focus(), []);
  const save = useAction(
    async (input: InterviewInput) => {
      const found = { ...(input.role.trim() === '' ? { role: 'readiness.roleMissing' as const } : {}), ...(input.date === '' ? { date: 'readiness.dateMissing' as const } : {}) };
      setErrors(found);
      setFailure(null);
      if (found.role) return roleRef.current?.focus();
      if (found.date) return document.getElementById(`${id}-date`)?.focus();
      try {
        onDone(await saveInterview(db, assessmentId, input, interview?.id, session.user));
      } catch (e) {
        setFailure(reason(e));
      }
    },
    { log: 'The interview could not be saved' },
  );
  const required = <span class="required"> ({t('readiness.required')})</span>;
  return (
    <form
      class="readiness-form no-print"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(draft);
      }}
    >
      <h3 id={`${id}-heading`}>{interview ? t('readiness.editInterview') : t('readiness.addInterview')}</h3>
      <div role="alert" class={failure ? 'form-errors' : 'form-errors empty'}>
        {failure && <p>{t('readiness.failed', { reason: failure })}</p>}
      </div>
      <div class="field">
        <label for={`${id}-role`}>
          {t('readiness.role')}
          {required}
        </label>
        <p class="hint" id={`${id}-role-hint`}>
          {t('readiness.roleHint')}
        </p>
        <input
          ref={roleRef}
          id={`${id}-role`}
          type="text"
          autocomplete="off"
          maxLength={200}
          value={draft.role}
          aria-invalid={errors.role ? 'true' : undefined}
          aria-describedby={[`${id}-role-hint`, errors.role ? `${id}-role-error` : ''].filter(Boolean).join(' ')}
          onInput={(e) => setDraft((d) => ({ ...d, role: e.currentTarget.value }))}
        />
        <FieldError id={`${id}-role-error`} message={errors.role ? t(errors.role) : null} />
      </div>
      <div class="form-grid">
        <div class="field">
          <label for={`${id}-sector`}>{t('readiness.sector')}</label>
          <select
            id={`${id}-sector`}
            value={draft.sector}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(informantSectors, v)) setDraft((d) => ({ ...d, sector: v as InformantSector }));
            }}
          >
            {informantSectors.map((s) => (
              <option key={s} value={s}>
                {t(`readiness.sector.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field field-narrow">
          <label for={`${id}-date`}>
            {t('readiness.date')}
            {required}
          </label>
          <input
            id={`${id}-date`}
            type="date"
            max="9999-12-31"
            value={draft.date}
            aria-invalid={errors.date ? 'true' : undefined}
            aria-describedby={errors.date ? `${id}-date-error` : undefined}
            onInput={(e) => setDraft((d) => ({ ...d, date: e.currentTarget.value }))}
          />
          <FieldError id={`${id}-date-error`} message={errors.date ? t(errors.date) : null} />
        </div>
      </div>
      <div class="field">
        <label for={`${id}-notes`}>{t('readiness.notes')}</label>
        <textarea id={`${id}-notes`} rows={3} value={draft.notes} onInput={(e) => setDraft((d) => ({ ...d, notes: e.currentTarget.value }))} />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {t('readiness.saveInterview')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('readiness.cancel')}
        </button>
      </div>
    </form>
  );
}

function InterviewCard({
  n,
  view,
  detail,
  canEdit,
  busy,
  nameOf,
  say,
  onEdit,
  onDelete,
}: {
  n: number;
  view: InterviewView;
  detail: AssessmentDetail;
  canEdit: boolean;
  busy: boolean;
  nameOf: (id: string) => string;
  say: Say;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, dateLocale } = useI18n();
  const { session } = useSignedIn();
  const { interview } = view;
  const titleId = `interview-${interview.id}`;
  const draft = detail.assessment.status === 'draft';
  const scorer = detail.assessment.scorerIds.includes(session.user.id);
  const others = view.waitingFor.filter((s) => s !== session.user.id);
  return (
    <>
      <h3 id={titleId} class="readiness-interview-title">
        {t('readiness.interviewTitle', { n, role: interview.role })}
      </h3>
      <p class="readiness-card-meta">
        <span>{t(`readiness.sector.${interview.sector}`)}</span>
        <time dateTime={interview.date}>{formatShortDate(interview.date, dateLocale)}</time>
        <span class={view.consensusComplete ? 'readiness-ok' : 'muted'}>{t(view.consensusComplete ? 'readiness.consensusComplete' : 'readiness.consensusMissing')}</span>
      </p>
      {interview.notes && <p class="pre-line">{interview.notes}</p>}
      {canEdit && (
        <div class="card-actions no-print">
          <button type="button" class="button button-secondary button-small" aria-describedby={titleId} disabled={busy} onClick={onEdit}>
            {t('readiness.editInterview')}
          </button>
          <button type="button" class="button button-secondary button-small" aria-describedby={titleId} disabled={busy} onClick={onDelete}>
            {t('readiness.deleteInterview')}
          </button>
        </div>
      )}
      {view.revealed ? (
        <Revealed view={view} detail={detail} canEdit={canEdit} nameOf={nameOf} say={say} />
      ) : (
        <>
          {draft && scorer && <ScoreSheet view={view} say={say} />}
          {draft && !scorer && <p class="muted no-print">{t('readiness.notScorer')}</p>}
          {others.length > 0 && (
            <p class="notice readiness-waiting">{t('readiness.waiting', { names: others.map(nameOf).join(', ') })}</p>
          )}
        </>
      )}
    </>
  );
}

/** My own scores of an interview: a row of nine toggle buttons per dimension, saved as tapped; then done. */
function ScoreSheet({ view, say }: { view: InterviewView; say: Say }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const sheet = view.mySheet;
  const done = sheet?.done === true;
  const scored = readinessDimensions.filter((d) => typeof sheet?.scores[d] === 'number').length;
  const interviewId = view.interview.id;
  const score = useAction(
    async (dimension: ReadinessDimension, value: number | null) => {
      await saveMyScore(db, interviewId, dimension, value, session.user);
    },
    { log: 'A score could not be saved', onFailure: (e) => say(t('readiness.failed', { reason: reason(e) }), true) },
  );
  // The button that undoes it takes the place of the one pressed: focus follows once the sheet shows it.
  const focusNext = useRef<boolean | null>(null);
  useEffect(() => {
    if (focusNext.current !== done) return;
    focusNext.current = null;
    document.getElementById(done ? `${id}-change` : `${id}-A-1`)?.focus();
  }, [done]);
  const mark = useAction(
    async (to: boolean) => {
      focusNext.current = to;
      await setMyScoresDone(db, interviewId, to, session.user);
    },
    { log: 'The scores could not be marked', onFailure: (e) => say(t('readiness.failed', { reason: reason(e) }), true) },
  );
  return (
    <div class="readiness-sheet no-print" aria-labelledby={`${id}-title`} role="group">
      <h4 id={`${id}-title`}>{t('readiness.myScores')}</h4>
      {readinessDimensions.map((d) => {
        const text = dimensionText(d, lang);
        const value = sheet?.scores[d] ?? null;
        return (
          <div key={d} class="readiness-dimension" role="group" aria-labelledby={`${id}-${d}-name`} aria-describedby={`${id}-${d}-description`}>
            <p id={`${id}-${d}-name`} class="readiness-dimension-name">
              {d}. {text.name}
            </p>
            <p id={`${id}-${d}-description`} class="readiness-dimension-description muted">
              {text.description}
            </p>
            <div class="readiness-scale">
              {SCORES.map((s) => (
                <button
                  key={s}
                  id={`${id}-${d}-${s}`}
                  type="button"
                  class="readiness-score-button"
                  aria-pressed={value === s ? 'true' : 'false'}
                  disabled={done || score.busy}
                  onClick={() => void score.run(d, value === s ? null : s)}
                >
                  {s}
                </button>
              ))}
            </div>
          </div>
        );
      })}
      <p class="muted" id={`${id}-count`}>
        {t('readiness.scoredCount', { count: scored })}
      </p>
      {done ? (
        <>
          <p class="readiness-ok">{t('readiness.doneNote')}</p>
          <button id={`${id}-change`} type="button" class="button button-secondary" disabled={mark.busy} onClick={() => void mark.run(false)}>
            {t('readiness.change')}
          </button>
        </>
      ) : (
        <>
          <button type="button" class="button button-primary" disabled={scored < 6 || mark.busy} aria-describedby={scored < 6 ? `${id}-hint` : undefined} onClick={() => void mark.run(true)}>
            {t('readiness.markDone')}
          </button>
          {scored < 6 && (
            <p id={`${id}-hint`} class="muted">
              {t('readiness.markDoneHint')}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** After the reveal: each scorer's scores side by side and the consensus per dimension. */
function Revealed({ view, detail, canEdit, nameOf, say }: { view: InterviewView; detail: AssessmentDetail; canEdit: boolean; nameOf: (id: string) => string; say: Say }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const scorers = detail.assessment.scorerIds;
  const consensus = view.interview.consensus ?? {};
  const set = useAction(
    async (changes: [ReadinessDimension, number | null][]) => {
      for (const [d, v] of changes) await setConsensus(db, view.interview.id, d, v, session.user);
    },
    { log: 'The consensus could not be saved', onFailure: (e) => say(t('readiness.failed', { reason: reason(e) }), true) },
  );
  const suggestions = readinessDimensions.filter((d) => view.agreed[d] != null && consensus[d] == null);
  return (
    <div class="readiness-revealed">
      <table class="readiness-table">
        <caption>{t('readiness.revealedTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('readiness.dimension')}</th>
            {scorers.map((s) => (
              <th key={s} scope="col">
                {nameOf(s)}
              </th>
            ))}
            <th scope="col">{t('readiness.consensus')}</th>
          </tr>
        </thead>
        <tbody>
          {readinessDimensions.map((d) => {
            const name = `${d}. ${dimensionText(d, lang).name}`;
            const value = consensus[d] ?? null;
            return (
              <tr key={d}>
                <th scope="row">{name}</th>
                {scorers.map((s) => (
                  <td key={s} class="number">
                    {view.sheets.find((x) => x.scorerId === s)?.scores[d] ?? '–'}
                  </td>
                ))}
                <td>
                  {canEdit ? (
                    <select
                      id={`${id}-${d}`}
                      aria-label={t('readiness.consensusOf', { dimension: name })}
                      value={value === null ? '' : String(value)}
                      disabled={set.busy}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        void set.run([[d, v === '' ? null : Number(v)]]);
                      }}
                    >
                      <option value="">{t('readiness.notSet')}</option>
                      {SCORES.map((s) => (
                        <option key={s} value={String(s)}>
                          {s}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span class="number">{value ?? t('readiness.notSet')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit && suggestions.length > 0 && (
        <div class="no-print">
          <p class="muted" id={`${id}-suggest`}>
            {t('readiness.suggestedNote')}
          </p>
          <button type="button" class="button button-secondary" aria-describedby={`${id}-suggest`} disabled={set.busy} onClick={() => void set.run(suggestions.map((d) => [d, view.agreed[d] ?? null]))}>
            {t('readiness.useSuggested')}
          </button>
        </div>
      )}
    </div>
  );
}
