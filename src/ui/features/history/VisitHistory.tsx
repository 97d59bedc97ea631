// A visit's review history from the server: its timeline (who submitted, returned with which reason,
// approved, and when) and, after a return, what changed since, side by side. Read when the page opens
// and again when the connection returns; offline it says it needs one and keeps what it had.
import { useId, useMemo } from 'preact/hooks';
import type { VisitDetail } from '../../../db/visit-queries.ts';
import type { VisitHistoryResponse } from '../../../shared/history.ts';
import type { TemplateItem } from '../../../shared/reference.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ChangesSinceReturn, type ChangeNames } from './ChangesSinceReturn.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { ReadProblemNotice } from './ReadProblemNotice.tsx';
import { fetchVisitHistory } from './history-api.ts';
import { useNameOf, useOwnClientId } from './use-history-context.ts';
import { useServerRead } from './use-server-read.ts';
import './history.css';

export function VisitHistory({ detail }: { detail: Pick<VisitDetail, 'visit' | 'templates' | 'observations' | 'followUps'> }) {
  const { t } = useI18n();
  const { session } = useSignedIn();
  const visitId = detail.visit.id;
  // Read again when the visit's status changes (a return or a submission synced in meanwhile).
  const read = useServerRead((signal) => fetchVisitHistory(session.token, visitId, signal), [session.token, visitId, detail.visit.status], { auto: true });
  const nameOf = useNameOf();
  const ownClientId = useOwnClientId();
  const ids = { title: useId(), timeline: useId(), changes: useId() };
  const names: ChangeNames = useMemo(() => {
    const items = new Map<string, TemplateItem>(detail.templates.flatMap((tpl) => tpl.items.map((i) => [i.id, i] as const)));
    const texts = new Map<string, string>([...detail.observations, ...detail.followUps].map((r) => [r.id, r.text]));
    return { items, texts, nameOf };
  }, [detail.templates, detail.observations, detail.followUps, nameOf]);

  const value: VisitHistoryResponse | null = read.value;
  return (
    <section class="report-section visit-history" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{t('history.visitTitle')}</h2>
      {/* Always there, so what comes into it is announced. */}
      <div role="status">
        {read.phase === 'loading' && <p class="save-state">{t('history.loading')}</p>}
        {read.problem && <ReadProblemNotice problem={read.problem} kept={value !== null} />}
      </div>
      {value && (
        <>
          <h3 id={ids.timeline} class="visually-hidden">
            {t('history.timelineTitle')}
          </h3>
          <HistoryTimeline transitions={value.transitions} nameOf={nameOf} ownClientId={ownClientId} labelledBy={ids.timeline} />
          {value.lastReturn && (
            <section class="history-since" aria-labelledby={ids.changes}>
              <h3 id={ids.changes}>{t('history.changesTitle')}</h3>
              <ChangesSinceReturn changes={value.changes} names={names} headingLevel={4} />
            </section>
          )}
        </>
      )}
      <p>
        <button type="button" class="button button-secondary" onClick={read.load} disabled={read.phase === 'loading'}>
          {value ? t('history.refresh') : t('history.retry')}
        </button>
      </p>
    </section>
  );
}
