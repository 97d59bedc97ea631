// The visit report, made on the device: pick its language, read it, print it (or save it as PDF).
import { useMemo, useState } from 'preact/hooks';
import { municipalityName } from '../../../db/queries.ts';
import { format } from 'date-fns';
import { loadAgency } from '../../../db/agency.ts';
import { loadVisitDetail } from '../../../db/visit-queries.ts';
import type { Language } from '../../../shared/reference.ts';
import { LanguageSwitch } from '../../common/LanguageSwitch.tsx';
import type { PageProps } from '../../common/LazyPage.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { ReportDocument } from './ReportDocument.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { translate, useI18n, useLanguagePack, type MessageKey, type Params } from '../../i18n/index.ts';
import { visitPaths } from '../../app/routes.ts';
import { inspectorLabel, useDirectory } from '../../common/people.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './report.css';

export function VisitReportPage({ params }: PageProps) {
  const { t, lang: uiLang } = useI18n();
  const { db, session } = useSignedIn();
  const directory = useDirectory();
  const visitId = params['id'] ?? '';
  const detail = useLiveQuery(() => loadVisitDetail(db, visitId), [db, visitId]);
  const agency = useLiveQuery(() => loadAgency(db), [db]);
  // The municipality may want the report in Swedish whatever the inspector's own language is.
  const [lang, setLang] = useState<Language>(uiLang);
  // null only until the report language's pack first loads; on a switch the previous one shows meanwhile.
  const language = useLanguagePack(lang);
  const rt = useMemo(() => (key: MessageKey, p?: Params) => (language ? translate(language.pack, key, p) : ''), [language]);
  const dateLocale = language === null ? null : language.pack.dateLocale;

  if (detail.state !== 'ready' || !detail.value || dateLocale === null) {
    return (
      <Page title={t('report.title')}>
        {detail.state === 'ready' && !detail.value ? <p>{t('visit.notFoundText')}</p> : <LiveState state={detail.state === 'error' ? 'error' : 'loading'} />}
      </Page>
    );
  }
  const d = detail.value;
  const place = d.municipality ? municipalityName(d.municipality.name, lang) : d.visit.municipalityId;
  const inspectorName = inspectorLabel(d.visit.inspectorId, session.user, rt, directory);
  const approverName = d.visit.approvedBy ? inspectorLabel(d.visit.approvedBy, session.user, rt, directory) : null;

  return (
    <Page title={rt('report.heading', { municipality: place })} lang={lang} className="report-page">
      <div class="report-controls" lang={uiLang}>
        <LanguageSwitch label={t('report.language')} value={lang} onChange={setLang} />
        <button type="button" class="button button-primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>
        <a class="button button-secondary" href={visitPaths.visit(d.visit.id)}>
          {t('report.back')}
        </a>
      </div>
      <ReportDocument
        detail={d}
        agency={agency.state === 'ready' ? agency.value : undefined}
        inspectorName={inspectorName}
        approverName={approverName}
        today={format(new Date(), 'yyyy-MM-dd')}
        lang={lang}
        t={rt}
        dateLocale={dateLocale}
      />
    </Page>
  );
}
