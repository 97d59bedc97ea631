// One municipality: its names and place, its contact persons, its follow-ups (open, then closed) and its visits.
import { useState } from 'preact/hooks';
import { setFollowUpStatus } from '../../../db/follow-ups.ts';
import { loadMunicipalityDetail } from '../../../db/municipality-queries.ts';
import { municipalityName } from '../../../db/queries.ts';
import { can } from '../../../shared/policy.ts';
import { FollowUpCards } from '../../common/FollowUpCards.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { MunicipalityContacts } from './MunicipalityContacts.tsx';
import { MunicipalityGuidance } from '../guidance/MunicipalityGuidance.tsx';
import { MunicipalityVisitList } from './MunicipalityVisitList.tsx';
import { MunicipalityPlans } from '../plans/MunicipalityPlans.tsx';
import { MunicipalityAssessments } from '../readiness/MunicipalityAssessments.tsx';
import { RecordHistory } from '../history/RecordHistory.tsx';
import { MunicipalityMeetings } from '../network/MunicipalityMeetings.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useAction } from '../../common/use-action.ts';
import { useI18n } from '../../i18n/index.ts';
import { municipalityPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import '../../common/section.css';
import './municipality.css';

export function MunicipalityPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const municipalityId = params['id'] ?? '';
  const data = useLiveQuery(() => loadMunicipalityDetail(db, municipalityId, lang), [db, municipalityId, lang]);
  const [followUpMessage, setFollowUpMessage] = useState<{ text: string; error: boolean } | null>(null);
  const markDone = useAction(
    async (id: string, text: string) => {
      await setFollowUpStatus(db, id, 'done', session.user);
      setFollowUpMessage({ text: t('municipality.markedDone', { text: text.slice(0, 80) }), error: false });
    },
    { log: 'A follow-up could not be marked done', onFailure: () => setFollowUpMessage({ text: t('municipality.markFailed'), error: true }) },
  );

  if (data.state !== 'ready' || data.value === null) {
    return (
      <Page title={t('municipality.titleGeneric')}>
        {data.state === 'ready' ? <p class="empty-state">{t('municipality.notFound', { code: municipalityId })}</p> : <LiveState state={data.state} />}
        <p>
          <a href={municipalityPaths.list}>{t('municipality.back')}</a>
        </p>
      </Page>
    );
  }
  const { municipality, region, contacts, upcoming, earlier, openFollowUps, closedFollowUps } = data.value;
  const { regionId } = municipality;
  const canEditContacts = can(session.user, 'editContacts', { regionId });
  const canCloseFollowUps = can(session.user, 'closeFollowUp', { regionId });
  const onDone = (id: string) => void markDone.run(id, openFollowUps.find((f) => f.id === id)?.text ?? '');

  return (
    <Page title={municipalityName(municipality.name, lang)} className="municipality-page">
      <p class="back-link">
        <a href={municipalityPaths.list}>{t('municipality.back')}</a>
      </p>
      <section class="card report-section" aria-labelledby="municipality-facts">
        <h2 id="municipality-facts" class="visually-hidden">
          {t('municipality.factsTitle')}
        </h2>
        <dl class="facts">
          <div>
            <dt>{t('municipality.nameFi')}</dt>
            <dd lang="fi">{municipality.name.fi}</dd>
          </div>
          <div>
            <dt>{t('municipality.nameSv')}</dt>
            <dd lang="sv">{municipality.name.sv}</dd>
          </div>
          <div>
            <dt>{t('municipality.code')}</dt>
            <dd>{municipality.id}</dd>
          </div>
          <div>
            <dt>{t('municipality.province')}</dt>
            <dd>{lang === 'sv' ? municipality.province.sv : municipality.province.fi}</dd>
          </div>
          <div>
            <dt>{t('municipality.region')}</dt>
            <dd>{region ? region.name[lang] : municipality.regionId}</dd>
          </div>
        </dl>
      </section>

      <MunicipalityContacts municipalityId={municipality.id} contacts={contacts} canEdit={canEditContacts} />

      <section class="report-section" aria-labelledby="municipality-follow-ups">
        <h2 id="municipality-follow-ups">
          {t('municipality.followUpsTitle')} <span class="count">({openFollowUps.length})</span>
        </h2>
        <p class={followUpMessage?.error ? 'notice notice-error' : 'save-state'} role="status">
          {followUpMessage?.text}
        </p>
        {openFollowUps.length === 0 ? (
          <p class="muted">{t('municipality.noFollowUps')}</p>
        ) : (
          <FollowUpCards followUps={openFollowUps} busyId={markDone.running?.[0] ?? null} showChanger {...(canCloseFollowUps ? { onDone } : {})} />
        )}
      </section>

      {closedFollowUps.length > 0 && (
        <section class="report-section" aria-labelledby="municipality-closed-follow-ups">
          <h2 id="municipality-closed-follow-ups">
            {t('municipality.closedFollowUpsTitle')} <span class="count">({closedFollowUps.length})</span>
          </h2>
          <FollowUpCards followUps={closedFollowUps} showChanger />
        </section>
      )}

      <MunicipalityGuidance municipalityId={municipality.id} contacts={contacts} canEdit={can(session.user, 'logGuidance', { regionId })} />

      <MunicipalityPlans municipalityId={municipality.id} canEdit={can(session.user, 'editPlans', { regionId })} />

      <MunicipalityAssessments municipalityId={municipality.id} regionId={regionId} />

      <MunicipalityMeetings municipalityId={municipality.id} />

      {session.user.role !== 'inspector' && (
        <section class="report-section municipality-history" aria-labelledby="municipality-history">
          <h2 id="municipality-history">{t('history.recordTitle')}</h2>
          <p class="muted">{t('history.recordIntro')}</p>
          <RecordHistory entity="municipality" id={municipality.id} label={t('history.recordLabel.municipality')} />
          {contacts.map((c) => (
            <RecordHistory key={c.id} entity="contact" id={c.id} label={t('history.recordLabel.contact', { name: c.name })} />
          ))}
        </section>
      )}

      <section class="report-section" aria-labelledby="municipality-visits">
        <h2 id="municipality-visits">{t('municipality.visitsTitle')}</h2>
        {upcoming.length + earlier.length === 0 && <p class="muted">{t('municipality.noVisits')}</p>}
        {upcoming.length > 0 && (
          <>
            <h3 id="municipality-upcoming">{t('municipality.upcoming')}</h3>
            <MunicipalityVisitList visits={upcoming} label={t('municipality.upcoming')} />
          </>
        )}
        {earlier.length > 0 && (
          <>
            <h3 id="municipality-earlier">{t('municipality.earlier')}</h3>
            <MunicipalityVisitList visits={earlier} label={t('municipality.earlier')} />
          </>
        )}
      </section>
    </Page>
  );
}
