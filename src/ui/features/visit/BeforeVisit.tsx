// The briefing before the visit, from this device alone: earlier visits, open follow-ups, contact persons.
import { loadBriefing, type Visit } from '../../../db/visit-queries.ts';
import { formatDate } from '../../common/format.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { LiveState } from '../../common/LiveState.tsx';

export function BeforeVisit({ visit }: { visit: Visit }) {
  const { t, lang, dateLocale } = useI18n();
  const { db } = useSignedIn();
  const briefing = useLiveQuery(() => loadBriefing(db, visit, lang), [db, visit.id, visit.municipalityId, visit.plannedDate, lang]);
  return (
    <details class="visit-section briefing card" open={visit.status === 'planned'}>
      <summary>
        <h2 class="summary-heading">{t('before.title')}</h2>
      </summary>
      {briefing.state !== 'ready' ? (
        <LiveState state={briefing.state} />
      ) : (
        <div class="briefing-body">
          <section aria-labelledby="before-visits">
            <h3 id="before-visits">{t('before.earlierVisits')}</h3>
            {briefing.value.earlierVisits.length === 0 ? (
              <p class="muted">{t('before.noEarlierVisits')}</p>
            ) : (
              <ul class="plain-list briefing-list">
                {briefing.value.earlierVisits.map((v) => (
                  <li key={v.id}>
                    <p class="briefing-line">
                      <a href={`/visits/${encodeURIComponent(v.id)}`}>{formatDate(v.plannedDate, dateLocale)}</a>
                      {' · '}
                      {v.templateTitles.length > 0 ? v.templateTitles.map((title) => title[lang]).join(', ') : v.templateIds.join(', ')} · {t(`visitStatus.${v.status}`)}
                    </p>
                    <p class="pre-line">{v.summary?.trim() || <span class="muted">{t('before.noSummary')}</span>}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="before-followups">
            <h3 id="before-followups">{t('before.openFollowUps')}</h3>
            {briefing.value.openFollowUps.length === 0 ? (
              <p class="muted">{t('before.noOpenFollowUps')}</p>
            ) : (
              <ul class="plain-list briefing-list">
                {briefing.value.openFollowUps.map((f) => (
                  <li key={f.id}>
                    <p class="pre-line">{f.text}</p>
                    <p class="muted">
                      {f.dueDate ? t('followUp.due', { date: formatDate(f.dueDate, dateLocale) }) : t('followUp.noDue')}
                      {f.legalShortcoming && ` · ${t('followUp.legalShortcoming')}`}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="before-contacts">
            <h3 id="before-contacts">{t('before.contacts')}</h3>
            {briefing.value.contacts.length === 0 ? (
              <p class="muted">{t('before.noContacts')}</p>
            ) : (
              <ul class="plain-list briefing-list">
                {briefing.value.contacts.map((c) => (
                  <li key={c.id}>
                    <p class="briefing-line">
                      <strong>{c.name}</strong>
                      {[c.title, c.organisation].filter(Boolean).map((x) => `, ${x}`)}
                    </p>
                    <p class="muted">{c.areas.map((a) => t(`area.${a}`)).join(', ')}</p>
                    {(c.email || c.phone) && (
                      <p class="contact-links">
                        {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
                        {c.phone && <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a>}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </details>
  );
}
