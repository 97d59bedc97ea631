// The statutory duties still unmet, by municipality: the item, the answer, the visit, and the
// recommendations that name it with their status. On the answers page and in the printed summary (in the
// summary's language, so `t` and the locale are given).
import type { Locale } from 'date-fns';
import { municipalityName } from '../../../db/queries.ts';
import type { UnmetDuty } from '../../../db/region-answers.ts';
import type { Language } from '../../../shared/vocabulary.ts';
import { formatShortDate } from '../../common/format.ts';
import type { MessageKey, Params } from '../../i18n/index.ts';
import { municipalityPaths, visitPaths } from '../../app/routes.ts';

export function UnmetDutiesTable({
  duties,
  caption,
  hideCaption = false,
  t,
  lang,
  dateLocale,
}: {
  duties: readonly UnmetDuty[];
  caption?: string;
  /** The caption only for screen readers: a heading just above says the same. */
  hideCaption?: boolean;
  t: (key: MessageKey, params?: Params) => string;
  lang: Language;
  dateLocale: Locale | undefined;
}) {
  if (duties.length === 0) return <p class="empty-state">{t('region.ans.noDuties')}</p>;
  const captionText = caption ?? t('region.ans.dutiesCaption');
  return (
    <div class="region-table-box" tabIndex={0} role="region" aria-label={captionText}>
      <table class="region-table duties-table">
        <caption class={hideCaption ? 'visually-hidden' : undefined}>{captionText}</caption>
        <thead>
          <tr>
            <th scope="col">{t('region.ans.col.municipality')}</th>
            <th scope="col">{t('region.ans.col.item')}</th>
            <th scope="col">{t('region.ans.col.answer')}</th>
            <th scope="col">{t('region.ans.col.visit')}</th>
            <th scope="col">{t('region.ans.col.followUp')}</th>
          </tr>
        </thead>
        <tbody>
          {duties.map((d) => (
            <tr key={`${d.visitId}:${d.item.id}`}>
              <th scope="row">
                <a href={municipalityPaths.municipality(d.municipalityId)}>{municipalityName(d.name, lang)}</a>
              </th>
              <td>
                <span class="answers-ref">{d.item.id}</span> {d.item.question[lang]}
              </td>
              <td>{t(`answer.${d.value}`)}</td>
              <td class="duties-date">
                <a href={visitPaths.visit(d.visitId)}>{formatShortDate(d.date, dateLocale)}</a>
              </td>
              <td>
                {d.followUps.length === 0 ? (
                  <span class="muted">{t('region.ans.noFollowUp')}</span>
                ) : (
                  <ul class="plain-list duties-follow-ups">
                    {d.followUps.map((f) => (
                      <li key={f.id}>
                        <span class="pre-line">{f.text}</span>
                        <span class="region-visit-meta">
                          {f.dueDate
                            ? t('region.ans.followUpState', { status: t(`followUp.status.${f.status}`), date: formatShortDate(f.dueDate, dateLocale) })
                            : t('region.ans.followUpStateNoDue', { status: t(`followUp.status.${f.status}`) })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
