// The inspector's visits on this device: what needs attention first, then work under way, then the plan.
import { useMemo, useState } from 'preact/hooks';
import { municipalityName } from '../../../db/queries.ts';
import { listVisitCards } from '../../../db/visit-queries.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { VisitCard } from './VisitCard.tsx';
import { VisitFilters } from './VisitFilters.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { allowedFor, matchRoute, visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { emptyFilter, groupVisits, hiddenCancelled, type VisitFilter } from './visit-groups.ts';
import './visits.css';

export function VisitsPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const visits = useLiveQuery(() => listVisitCards(db), [db]);
  const [filter, setFilter] = useState<VisitFilter>(emptyFilter);
  const all = visits.state === 'ready' ? visits.value : [];
  const groups = useMemo(() => groupVisits(all, filter, lang), [all, filter, lang]);
  const hidden = useMemo(() => hiddenCancelled(all, filter, lang), [all, filter, lang]);
  const municipalities = useMemo(() => {
    const seen = new Map<string, string>();
    for (const v of all) seen.set(v.municipalityId, v.municipalityName ? municipalityName(v.municipalityName, lang) : v.municipalityId);
    const collator = new Intl.Collator(lang);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name));
  }, [all, lang]);
  const canPlan = allowedFor(matchRoute(visitPaths.plan)!, session.user.role);
  const shownCount = groups.reduce((n, g) => n + g.visits.length, 0);

  return (
    <Page title={t('nav.visits')} className="visits-page">
      {canPlan && (
        <p class="page-actions">
          <a class="button button-primary button-large" href={visitPaths.plan}>
            <span aria-hidden="true" class="button-icon">
              +
            </span>
            {t('visits.plan')}
          </a>
        </p>
      )}
      {visits.state !== 'ready' ? (
        <LiveState state={visits.state} />
      ) : all.length === 0 ? (
        <p class="empty-state">{t('visits.empty')}</p>
      ) : (
        <>
          <VisitFilters filter={filter} onChange={setFilter} municipalities={municipalities} />
          <p class="muted" aria-live="polite">
            {t('visits.count', { count: shownCount })}
          </p>
          {groups.length === 0 && <p class="empty-state">{t('visits.noMatch')}</p>}
          {groups.map((g) => (
            <section key={g.id} class={`visit-group visit-group-${g.id}`} aria-labelledby={`group-${g.id}`}>
              <h2 id={`group-${g.id}`} class="group-title">
                {t(`visits.group.${g.id}`)} <span class="count">({g.visits.length})</span>
              </h2>
              <ul class="card-list visit-list">
                {g.visits.map((v) => (
                  <VisitCard key={v.id} visit={v} />
                ))}
              </ul>
            </section>
          ))}
          {hidden > 0 && <p class="muted">{t('visits.cancelledHidden', { count: hidden })}</p>}
        </>
      )}
    </Page>
  );
}
