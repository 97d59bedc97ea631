// The coordinator's review list: submitted visits first, then those returned to the inspector, then recent
// approvals; filtered by inspector and area, each choice with how many visits it shows. Read from the
// device, so it works offline.
import { useId, useMemo, useState } from 'preact/hooks';
import { listVisitCards } from '../../../db/visit-queries.ts';
import { areas, isOneOf } from '../../../shared/vocabulary.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { ReviewQueueSection } from './ReviewQueueSection.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { filterReviewVisits, reviewFilterCounts, reviewQueue, type ReviewFilter } from './review-queue.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './review.css';

const noFilter: ReviewFilter = { inspectorId: '', area: '' };

export function ReviewPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const directory = useDirectory();
  const visits = useLiveQuery(() => listVisitCards(db), [db]);
  const [filter, setFilter] = useState<ReviewFilter>(noFilter);
  const ids = { inspector: useId(), area: useId() };
  const all = visits.state === 'ready' ? visits.value : [];
  const counts = useMemo(() => reviewFilterCounts(all, filter), [all, filter]);
  const inspectors = useMemo(() => {
    const collator = new Intl.Collator(lang);
    return [...counts.inspectors]
      .map(([id, count]) => ({ id, count, name: inspectorLabel(id, session.user, t, directory) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [counts, session.user, t, directory, lang]);

  if (visits.state !== 'ready') {
    return (
      <Page title={t('nav.review')}>
        <LiveState state={visits.state} />
      </Page>
    );
  }
  const queue = reviewQueue(filterReviewVisits(all, filter));
  const shown = queue.submitted.length + queue.returned.length + queue.approvedTotal;
  const filtered = filter.inspectorId !== '' || filter.area !== '';
  const nothing = counts.total === 0;
  const withCount = (label: string, count: number) => t('review.optionCount', { label, count });
  return (
    <Page title={t('nav.review')}>
      <p class="lead">{t('review.intro')}</p>
      {nothing ? (
        <p class="empty-state">{t('review.empty')}</p>
      ) : (
        <>
          <form class="review-filters" aria-label={t('review.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for={ids.inspector}>{t('review.filterInspector')}</label>
              <select id={ids.inspector} value={filter.inspectorId} onChange={(e) => setFilter((f) => ({ ...f, inspectorId: e.currentTarget.value }))}>
                <option value="">{withCount(t('review.allInspectors'), counts.allInspectors)}</option>
                {inspectors.map((i) => (
                  <option key={i.id} value={i.id}>
                    {withCount(i.name, i.count)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={ids.area}>{t('review.filterArea')}</label>
              <select
                id={ids.area}
                value={filter.area}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setFilter((f) => ({ ...f, area: isOneOf(areas, value) ? value : '' }));
                }}
              >
                <option value="">{withCount(t('review.allAreas'), counts.allAreas)}</option>
                {areas.map((a) => (
                  <option key={a} value={a}>
                    {withCount(t(`area.${a}`), counts.areas.get(a) ?? 0)}
                  </option>
                ))}
              </select>
            </div>
            {filtered && (
              <button type="button" class="button button-secondary review-filters-clear" onClick={() => setFilter(noFilter)}>
                {t('review.clearFilters')}
              </button>
            )}
          </form>
          <p class="muted review-shown" role="status">
            {filtered ? t('review.shown', { count: shown, total: counts.total }) : ''}
          </p>
          {shown === 0 ? (
            <p class="empty-state">{t('review.noneMatch')}</p>
          ) : (
            <>
              <ul class="review-counts" aria-label={t('review.countsLabel')}>
                <li>
                  <a href="#review-submitted">
                    <strong>{queue.submitted.length}</strong> {t('review.countSubmitted')}
                  </a>
                </li>
                <li>
                  <a href="#review-returned">
                    <strong>{queue.returned.length}</strong> {t('review.countReturned')}
                  </a>
                </li>
                <li>
                  <a href="#review-approved">
                    <strong>{queue.approvedTotal}</strong> {t('review.countApproved')}
                  </a>
                </li>
              </ul>
              <ReviewQueueSection id="review-submitted" titleKey="review.submittedTitle" visits={queue.submitted} emptyKey="review.submittedEmpty" />
              <ReviewQueueSection id="review-returned" titleKey="review.returnedTitle" visits={queue.returned} emptyKey="review.returnedEmpty" />
              <ReviewQueueSection
                id="review-approved"
                titleKey="review.approvedTitle"
                visits={queue.approved}
                total={queue.approvedTotal}
                emptyKey="review.approvedEmpty"
                {...(queue.approvedTotal > queue.approved.length ? { note: t('review.approvedLatest', { count: queue.approved.length }) } : {})}
              />
            </>
          )}
        </>
      )}
    </Page>
  );
}
