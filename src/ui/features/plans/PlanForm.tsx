// Records a municipality's plan, or edits one. The shared schema decides what is valid (through savePlan);
// its findings show next to the fields and in a summary, and nothing is written until the form is right.
// The review visits offered are the municipality's plan-v1 visits, the latest first, and any visit the
// plan already names.
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { savePlan, type PlanInput } from '../../../db/plans.ts';
import type { LocalRecord } from '../../../db/database.ts';
import { LocalValidationError } from '../../../db/write.ts';
import { isOneOf, planKinds, type PlanKind } from '../../../shared/vocabulary.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { formatShortDate } from '../../common/format.ts';
import { useAction } from '../../common/use-action.ts';
import { draftErrors, planDraft, planErrors, planFormFields, planName, type PlanErrors, type PlanFormField } from './plan-form.ts';

type Plan = LocalRecord<'plan'>;

export function PlanForm({
  municipalityId,
  reviewVisits,
  kind = 'welfare_plan',
  plan,
  onDone,
}: {
  municipalityId: string;
  reviewVisits: readonly LocalRecord<'visit'>[];
  kind?: PlanKind;
  plan?: Plan;
  onDone: (saved: Plan | null) => void;
}) {
  const { t, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<PlanInput>(() => planDraft(kind, plan));
  const [errors, setErrors] = useState<PlanErrors>({});
  const fieldId = (f: PlanFormField) => `${id}-${f}`;
  const errorId = (f: PlanFormField) => `${id}-${f}-error`;
  const hintId = (f: PlanFormField) => `${id}-${f}-hint`;
  const reviewGone = draft.reviewVisitId !== '' && !reviewVisits.some((v) => v.id === draft.reviewVisitId);

  useEffect(() => {
    document.getElementById(fieldId('kind'))?.focus();
  }, []);

  const showErrors = (found: PlanErrors) => {
    setErrors(found);
    const first = planFormFields.find((f) => found[f]);
    // After the errors are drawn, so aria-describedby already points at them when focus lands.
    if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus(), 0);
  };

  const save = useAction(
    async (input: PlanInput) => {
      const early = draftErrors(input);
      if (Object.keys(early).length > 0) return showErrors(early);
      let saved: Plan;
      try {
        saved = await savePlan(db, municipalityId, input, plan?.id, session.user);
      } catch (error) {
        // The schema's findings go next to the fields; any other failure is the action's.
        if (!(error instanceof LocalValidationError)) throw error;
        return showErrors(planErrors(error.issues));
      }
      setErrors({});
      onDone(saved);
    },
    { log: 'The plan could not be saved' },
  );

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void save.run(draft);
  };

  const describedBy = (f: PlanFormField, hint = false) => [hint ? hintId(f) : '', errors[f] ? errorId(f) : ''].filter(Boolean).join(' ') || undefined;
  type TextField = Exclude<PlanFormField, 'kind' | 'reviewVisitId'>;
  /** The props every text control of the form shares: id, value, and its error, if any. */
  const bind = (f: TextField, hint = false) => ({
    id: fieldId(f),
    'data-field': f,
    value: draft[f],
    'aria-invalid': errors[f] ? ('true' as const) : undefined,
    'aria-describedby': describedBy(f, hint),
    onInput: (e: { currentTarget: { value: string } }) => setDraft((d) => ({ ...d, [f]: e.currentTarget.value })),
  });
  const field = (f: PlanFormField, label: string, control: JSX.Element, { required = false, hint }: { required?: boolean; hint?: string } = {}) => (
    <div class="field">
      <label for={fieldId(f)}>
        {label}
        {required && <span class="required"> ({t('plans.required')})</span>}
      </label>
      {hint && (
        <p class="hint" id={hintId(f)}>
          {hint}
        </p>
      )}
      {control}
      <FieldError id={errorId(f)} message={errors[f] ? t(errors[f]) : null} />
    </div>
  );
  const date = (f: TextField, label: string) => <div class="field-narrow">{field(f, label, <input type="date" max="9999-12-31" {...bind(f)} />)}</div>;
  const count = Object.keys(errors).length;

  return (
    <form ref={formRef} class="card plan-form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{plan ? t('plans.editTitle', { name: planName(plan, (k) => t(`plans.kind.${k}`)) }) : t('plans.addTitle')}</h3>
      <div role="alert" class={count > 0 || save.failed ? 'form-errors' : 'form-errors empty'}>
        {save.failed && <p>{t('plans.saveFailed')}</p>}
        {count > 0 && <p>{t('plans.errors', { count })}</p>}
      </div>
      {field(
        'kind',
        t('plans.kind'),
        <select
          id={fieldId('kind')}
          data-field="kind"
          value={draft.kind}
          aria-invalid={errors.kind ? 'true' : undefined}
          aria-describedby={describedBy('kind')}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isOneOf(planKinds, value)) setDraft((d) => ({ ...d, kind: value }));
          }}
        >
          {planKinds.map((k) => (
            <option key={k} value={k}>
              {t(`plans.kind.${k}`)}
            </option>
          ))}
        </select>,
        { required: true },
      )}
      {field('title', t('plans.title'), <input type="text" autocomplete="off" maxLength={300} {...bind('title')} />)}
      <div class="form-grid">
        {date('adoptedOn', t('plans.adoptedOn'))}
        {field('adoptedBy', t('plans.adoptedByField'), <input type="text" autocomplete="off" maxLength={200} {...bind('adoptedBy', true)} />, { hint: t('plans.adoptedByHint') })}
      </div>
      <div class="form-grid">
        {date('validFrom', t('plans.validFrom'))}
        {date('validTo', t('plans.validTo'))}
        {date('nextRevisionDue', t('plans.nextRevisionDue'))}
      </div>
      {field('documentUrl', t('plans.documentUrl'), <input type="url" inputMode="url" autocomplete="off" maxLength={2000} {...bind('documentUrl', true)} />, { hint: t('plans.documentUrlHint') })}
      {field(
        'reviewVisitId',
        t('plans.reviewVisit'),
        <select
          id={fieldId('reviewVisitId')}
          data-field="reviewVisitId"
          value={draft.reviewVisitId}
          aria-invalid={errors.reviewVisitId ? 'true' : undefined}
          aria-describedby={describedBy('reviewVisitId', reviewVisits.length === 0)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setDraft((d) => ({ ...d, reviewVisitId: value }));
          }}
        >
          <option value="">{t('plans.noReviewVisit')}</option>
          {reviewVisits.map((v) => (
            <option key={v.id} value={v.id}>
              {formatShortDate(v.plannedDate, dateLocale)}
            </option>
          ))}
          {reviewGone && <option value={draft.reviewVisitId}>{t('plans.reviewGone')}</option>}
        </select>,
        reviewVisits.length === 0 ? { hint: t('plans.noReviewVisits') } : {},
      )}
      {field('notes', t('plans.notes'), <textarea rows={3} {...bind('notes')} />)}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {plan ? t('plans.save') : t('plans.add')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
