// The municipality page's plans: every kind with its state in words (plan-state.ts's rule: for the welfare
// report and plan and the yearly welfare report "Missing", "Overdue" with why, or "Current"; for the other
// kinds "None recorded" when there is none) and the latest plan's facts, the earlier plans of the kind in a
// disclosure. Recording, editing and deleting a plan; focus returns to the section heading after each
// change, with a message. Read through a live query, so it works offline and shows a synced change at once.
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { format } from 'date-fns';
import { deletePlan, loadPlanReviewVisits, loadPlans } from '../../../db/plans.ts';
import { planStates, type KindState } from '../../../db/plan-state.ts';
import type { LocalRecord } from '../../../db/database.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { visitPaths } from '../../app/routes.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { formatShortDate } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { PlanForm } from './PlanForm.tsx';
import { planName } from './plan-form.ts';
import '../../common/section.css';
import './plans.css';

type Plan = LocalRecord<'plan'>;
type Visit = LocalRecord<'visit'>;
type Message = { key: MessageKey; name: string; error?: boolean };

export function MunicipalityPlans({ municipalityId, canEdit }: { municipalityId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const data = useLiveQuery(async () => {
    const [plans, reviewVisits] = await Promise.all([loadPlans(db, municipalityId), loadPlanReviewVisits(db, municipalityId)]);
    return { plans, reviewVisits };
  }, [db, municipalityId]);
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [deleting, setDeleting] = useState<Plan | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The plans' state is judged on the device's local date, as the region's coverage judges it.
  const today = format(new Date(), 'yyyy-MM-dd');
  const plans = data.state === 'ready' ? data.value.plans : [];
  const reviewVisits = data.state === 'ready' ? data.value.reviewVisits : [];
  const nameOf = (plan: Pick<Plan, 'kind' | 'title'>) => planName(plan, (k) => t(`plans.kind.${k}`));

  const done = (next: Message) => {
    setMessage(next);
    setEditing(null);
    heading.current?.focus();
  };
  const closeForm = () => {
    setEditing(null);
    heading.current?.focus();
  };
  const remove = async (plan: Plan) => {
    if (busyId) return;
    setBusyId(plan.id);
    try {
      await deletePlan(db, plan.id, session.user);
      done({ key: 'plans.deleted', name: nameOf(plan) });
    } catch (e) {
      console.error('A plan could not be deleted', e);
      done({ key: 'plans.changeFailed', name: nameOf(plan), error: true });
    } finally {
      setBusyId(null);
    }
  };
  const form = (plan?: Plan) => (
    <PlanForm
      municipalityId={municipalityId}
      reviewVisits={reviewVisits}
      {...(plan ? { plan } : {})}
      onDone={(saved) => (saved ? done({ key: plan ? 'plans.saved' : 'plans.added', name: nameOf(saved) }) : closeForm())}
    />
  );
  const planView = (plan: Plan) =>
    plan.id === editing ? (
      form(plan)
    ) : (
      <PlanFacts
        plan={plan}
        name={nameOf(plan)}
        reviewVisits={reviewVisits}
        canEdit={canEdit}
        busy={busyId === plan.id}
        onEdit={() => setEditing(plan.id)}
        onDelete={() => setDeleting(plan)}
      />
    );

  return (
    <section class="report-section plans-section" aria-labelledby="municipality-plans">
      <h2 id="municipality-plans" ref={heading} tabIndex={-1}>
        {t('plans.sectionTitle')}
      </h2>
      <p class="muted">{t('plans.intro')}</p>
      <p class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
        {message && t(message.key, { name: message.name })}
      </p>
      {canEdit && editing !== 'new' && (
        <div class="toolbar">
          <button type="button" class="button button-primary" onClick={() => setEditing('new')}>
            {t('plans.addButton')}
          </button>
        </div>
      )}
      {editing === 'new' && form()}
      {data.state !== 'ready' ? (
        <LiveState state={data.state} />
      ) : (
        <ul class="card-list plans-list" aria-label={t('plans.listLabel')}>
          {planStates(plans, today).map((s) => (
            <KindCard key={s.kind} state={s} plans={plans.filter((p) => p.kind === s.kind && p !== s.latest)} planView={planView} />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('plans.deleteTitle', { name: nameOf(deleting) })}
          text={t('plans.deleteText')}
          confirmLabel={t('plans.delete')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const plan = deleting;
            setDeleting(null);
            void remove(plan);
          }}
        />
      )}
    </section>
  );
}

/** The state of a kind in words: the expected kinds are missing, the others merely have none recorded. */
function stateKey(s: KindState<Plan>): MessageKey {
  if (s.state === 'missing') return s.expected ? 'plans.state.missing' : 'plans.state.none';
  return s.state === 'overdue' ? 'plans.state.overdue' : 'plans.state.current';
}

function KindCard({ state, plans: earlier, planView }: { state: KindState<Plan>; plans: readonly Plan[]; planView: (plan: Plan) => JSX.Element }) {
  const { t, dateLocale } = useI18n();
  const kindId = `plan-kind-${state.kind}`;
  const latest = state.latest;
  const reasons = state.reasons.map((r) => {
    if (r === 'revision') return t('plans.reason.revision', { date: formatShortDate(latest?.nextRevisionDue ?? '', dateLocale) });
    if (r === 'validity') return t('plans.reason.validity', { date: formatShortDate(latest?.validTo ?? '', dateLocale) });
    return t(r === 'term' ? 'plans.reason.term' : 'plans.reason.yearly');
  });
  const stateClass = state.state === 'missing' && !state.expected ? 'none' : state.state;
  return (
    <li class={`card plan-card plan-card-${stateClass}`} data-plan-kind={state.kind} aria-labelledby={kindId}>
      <div class="plan-head">
        <h3 id={kindId} class="plan-kind">
          {t(`plans.kind.${state.kind}`)}
        </h3>
        <span class={`badge plan-state plan-state-${stateClass}`}>{t(stateKey(state))}</span>
      </div>
      {reasons.length > 0 && <p class="plan-why">{t('plans.why', { reasons: reasons.join('; ') })}</p>}
      {latest && (
        <div class="plan-latest">
          <p class="plan-label muted">{t('plans.latest')}</p>
          {planView(latest)}
        </div>
      )}
      {earlier.length > 0 && (
        <details class="plan-earlier">
          <summary>{t('plans.earlier', { count: earlier.length })}</summary>
          <ul class="plan-earlier-list">
            {earlier.map((p) => (
              <li key={p.id}>{planView(p)}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function PlanFacts({
  plan,
  name,
  reviewVisits,
  canEdit,
  busy,
  onEdit,
  onDelete,
}: {
  plan: Plan;
  name: string;
  reviewVisits: readonly Visit[];
  canEdit: boolean;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, dateLocale } = useI18n();
  const nameId = `plan-name-${plan.id}`;
  const date = (d: string | null | undefined) => (d ? formatShortDate(d, dateLocale) : '');
  const notSet = <span class="muted">{t('plans.notSet')}</span>;
  const review = plan.reviewVisitId ? reviewVisits.find((v) => v.id === plan.reviewVisitId) : undefined;
  const valid = plan.validFrom || plan.validTo ? `${date(plan.validFrom)} – ${date(plan.validTo)}`.trim() : null;
  return (
    <div class="plan-facts" data-plan-id={plan.id}>
      <p class="plan-title" id={nameId}>
        {plan.title ? plan.title : <span class="muted">{t('plans.untitled')}</span>}
      </p>
      <dl class="plan-fact-list">
        <div>
          <dt>{t('plans.adopted')}</dt>
          <dd>
            {plan.adoptedOn ? <time dateTime={plan.adoptedOn}>{date(plan.adoptedOn)}</time> : notSet}
            {plan.adoptedBy && <> {t('plans.adoptedBy', { by: plan.adoptedBy })}</>}
          </dd>
        </div>
        <div>
          <dt>{t('plans.valid')}</dt>
          <dd>{valid ?? notSet}</dd>
        </div>
        <div>
          <dt>{t('plans.nextRevision')}</dt>
          <dd>{plan.nextRevisionDue ? <time dateTime={plan.nextRevisionDue}>{date(plan.nextRevisionDue)}</time> : notSet}</dd>
        </div>
        {plan.documentUrl && (
          <div>
            <dt>{t('plans.document')}</dt>
            <dd>
              <a class="plan-link" href={plan.documentUrl} target="_blank" rel="noopener noreferrer" aria-describedby={nameId}>
                {t('plans.openDocument')}
              </a>
            </dd>
          </div>
        )}
        {plan.reviewVisitId && (
          <div>
            <dt>{t('plans.review')}</dt>
            <dd>
              <a class="plan-link" href={visitPaths.visit(plan.reviewVisitId)}>
                {review ? t('plans.reviewLink', { date: date(review.plannedDate) }) : t('plans.reviewVisit')}
              </a>
            </dd>
          </div>
        )}
      </dl>
      {plan.notes && <p class="pre-line plan-notes">{plan.notes}</p>}
      {canEdit && (
        <div class="card-actions">
          <button type="button" class="button button-secondary button-small" aria-describedby={nameId} disabled={busy} onClick={onEdit}>
            {t('plans.edit')}
          </button>
          <button type="button" class="button button-secondary button-small" aria-describedby={nameId} disabled={busy} onClick={onDelete}>
            {t('plans.delete')}
          </button>
        </div>
      )}
    </div>
  );
}
