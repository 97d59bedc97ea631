// The visit report as the municipality receives it, in the language chosen for it (not necessarily the UI's).
import type { Locale } from 'date-fns';
import { municipalityName } from '../../../db/queries.ts';
import type { FollowUp, VisitDetail } from '../../../db/visit-queries.ts';
import { basisIn, type Language } from '../../../shared/reference.ts';
import { answerLabel, detailLines } from '../../common/answer-labels.ts';
import { unmetDuty } from './checklist-progress.ts';
import { formatDate } from '../../common/format.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import type { Agency } from '../../../db/agency.ts';
import { reportData } from './report-data.ts';
import { PrintMargins } from '../../common/PrintMargins.tsx';
import { ReportPhotos } from '../attachments/ReportPhotos.tsx';
import './report.css';

export function ReportDocument({
  detail,
  agency,
  inspectorName,
  approverName,
  today,
  lang,
  t,
  dateLocale,
}: {
  detail: VisitDetail;
  /** The agency's settings; without them the report speaks for the region. */
  agency: Agency | undefined;
  inspectorName: string;
  /** Who approved the visit, when it is approved. */
  approverName: string | null;
  /** The date of a report not yet approved (an approved one is dated by its approval). */
  today: string;
  lang: Language;
  t: (key: MessageKey, params?: Params) => string;
  dateLocale: Locale | undefined;
}) {
  const { visit, templates, municipality, region } = detail;
  // A checklist's sections are headed under the findings, or under each area's part when there are several.
  const SectionHeading = templates.length > 1 ? 'h4' : 'h3';
  const data = reportData(detail);
  const date = (iso: string) => formatDate(iso, dateLocale);
  const agencyName = agency?.name[lang] ?? region?.name[lang] ?? '';
  const place = municipality ? municipalityName(municipality.name, lang) : visit.municipalityId;
  const approved = visit.status === 'approved' && visit.approvedAt ? visit.approvedAt : null;
  const reportDate = approved ? approved.slice(0, 10) : today;
  // On paper, every page carries the agency, the municipality, the diary number and the page number, and
  // until the visit is approved, the draft marking (Chromium prints @page margin boxes).
  const running = [agencyName, place, visit.diaryNumber].filter(Boolean).join(' · ');
  const followUpItem = (f: FollowUp) => (
    <li key={f.id}>
      <p class="pre-line">{f.text}</p>
      <p class="report-due">{f.dueDate ? t('followUp.due', { date: date(f.dueDate) }) : t('followUp.noDue')}</p>
    </li>
  );
  return (
    <div class="report-document">
      <PrintMargins header={running} marking={approved ? '' : t('report.notApproved')} pageLabel={t('report.page')} />
      <header class="report-letterhead">
        {agency?.logo && <img class="report-logo" src={agency.logo} alt={agencyName} />}
        <div>
          <p class="report-agency">{agencyName}</p>
          <p class="report-kind">{t('report.documentKind')}</p>
        </div>
        <dl class="report-reference">
          <div>
            <dt>{t('visit.diaryNumber')}</dt>
            <dd>{visit.diaryNumber || t('visit.noDiaryNumber')}</dd>
          </div>
          <div>
            <dt>{t('report.date')}</dt>
            <dd>{date(reportDate)}</dd>
          </div>
        </dl>
      </header>
      {!approved && <p class="report-not-approved">{t('report.notApproved')}</p>}
      <dl class="report-facts">
        <div>
          <dt>{t('report.municipality')}</dt>
          <dd>{place}</dd>
        </div>
        <div>
          <dt>{t('visit.date')}</dt>
          <dd>{date(visit.plannedDate)}</dd>
        </div>
        <div>
          <dt>{t('visit.inspector')}</dt>
          {/* The label is the title (senior inspector / ylitarkastaja / överinspektör). */}
          <dd>{inspectorName}</dd>
        </div>
        <div>
          <dt>{t('report.approval')}</dt>
          <dd>{approved ? t('report.approvedBy', { name: approverName ?? '', date: date(approved.slice(0, 10)) }) : t('report.notApproved')}</dd>
        </div>
        <div>
          <dt>{t('visit.mode')}</dt>
          <dd>{t(`visit.mode.${visit.mode}`)}</dd>
        </div>
        <div>
          <dt>{t('visit.checklist')}</dt>
          <dd>
            {templates.length > 0 ? (
              <ul class="plain-list">
                {templates.map((tpl) => (
                  <li key={tpl.id}>
                    {tpl.title[lang]} ({t('report.revision', { revision: tpl.revision })})
                    {tpl.legalBasis && <span class="report-basis">{basisIn(tpl.legalBasis, lang)}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              visit.templateIds.join(', ')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('report.followUpDate')}</dt>
          <dd>{data.followUpDate ? date(data.followUpDate) : t('report.noFollowUpDate')}</dd>
        </div>
      </dl>

      <h2 id="report-attendees">{t('visit.attendees')}</h2>
      {visit.attendees.length === 0 ? (
        <p>{t('report.noAttendees')}</p>
      ) : (
        // A row per attendee: their name, their title (or role at the visit) and organisation.
        <table class="report-attendees" aria-labelledby="report-attendees">
          <thead>
            <tr>
              <th scope="col">{t('report.attendeeName')}</th>
              <th scope="col">{t('report.attendeeTitle')}</th>
              <th scope="col">{t('report.attendeeOrganisation')}</th>
            </tr>
          </thead>
          <tbody>
            {visit.attendees.map((a, i) => (
              <tr key={i}>
                <th scope="row">{a.name}</th>
                <td>{a.role}</td>
                <td>{a.organisation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {visit.agenda && (
        <>
          <h2>{t('visit.agenda')}</h2>
          <p class="pre-line">{visit.agenda}</p>
        </>
      )}
      <h2>{t('visit.summary')}</h2>
      <p class="pre-line">{visit.summary?.trim() || t('report.noSummary')}</p>

      <h2>{t('report.findings')}</h2>
      {templates.map((template, n) => (
        <section key={template.id} class="report-part">
          {templates.length > 1 && <h3 class="report-part-title">{`${n + 1}. ${template.title[lang]}`}</h3>}
          {template.sections.map((section) => {
            const items = template.items.filter((i) => i.sectionId === section.id);
            if (items.length === 0) return null;
            return (
              <section key={section.id} class="report-section">
                <SectionHeading class="report-section-title">{section.title[lang]}</SectionHeading>
                {items.map((item) => {
                  const answer = detail.answers.get(item.id);
                  const basis = basisIn(item.basis, lang);
                  return (
                    <div key={item.id} class="report-item">
                      <p class="report-question">
                        <span class="report-ref">{item.id}</span> {item.question[lang]}
                      </p>
                      <p class="report-answer">
                        <span class="report-label">{t('report.answer')}:</span> {answerLabel(answer?.value ?? null, item, t, lang, dateLocale)}
                        {unmetDuty(item, answer?.value) && <span class="report-duty"> ({t('report.unmetDuty')})</span>}
                      </p>
                      {detailLines(item, answer, t, lang, dateLocale).map((d) => (
                        <p key={d.id} class="report-detail">
                          <span class="report-label">{d.label}:</span> {d.text}
                        </p>
                      ))}
                      {answer?.comment && (
                        <p class="report-comment pre-line">
                          <span class="report-label">{t('checklist.comment')}:</span> {answer.comment}
                        </p>
                      )}
                      {basis && (
                        <p class="report-item-basis">
                          <span class="report-label">{t('checklist.basis')}:</span> {basis}
                        </p>
                      )}
                    </div>
                  );
                })}
              </section>
            );
          })}
        </section>
      ))}

      <h2>{t('observation.title')}</h2>
      {data.observationsByKind.length === 0 && <p>{t('observation.none')}</p>}
      {data.observationsByKind.map((g) => (
        <section key={g.kind} class="report-section">
          <h3>{t(`report.kind.${g.kind}`)}</h3>
          <ul>
            {g.observations.map((o) => (
              <li key={o.id} class="pre-line">
                {o.text}
                {o.itemId && <span class="report-ref"> ({o.itemId})</span>}
                <ReportPhotos photos={data.photosOf(o.id)} t={t} />
              </li>
            ))}
          </ul>
        </section>
      ))}

      {data.otherPhotos.length > 0 && (
        <>
          <h2>{t('attachment.title')}</h2>
          <ReportPhotos photos={data.otherPhotos} t={t} />
        </>
      )}
      {data.documents.length > 0 && (
        <>
          <h2>{t('attachment.report.documents')}</h2>
          <ul class="report-list">
            {data.documents.map((a) => (
              <li key={a.id}>
                {a.fileName ?? t('attachment.document')}
                {a.caption && <span>: {a.caption}</span>}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('report.legalShortcomings')}</h2>
      {data.legalShortcomings.length === 0 ? <p>{t('report.noLegalShortcomings')}</p> : <ul class="report-list">{data.legalShortcomings.map(followUpItem)}</ul>}

      <h2>{t('report.recommendations')}</h2>
      {data.recommendations.length === 0 ? <p>{t('report.noRecommendations')}</p> : <ul class="report-list">{data.recommendations.map(followUpItem)}</ul>}
    </div>
  );
}
