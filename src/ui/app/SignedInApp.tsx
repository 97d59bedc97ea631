// The signed-in part: the layout around the page that the path names. Only the visits list, where the
// app opens, comes with the first script; every other page loads on first use, with the parts of the
// messages it shows beyond the shell's.
import { Layout } from './Layout.tsx';
import type { ComponentType } from 'preact';
import { lazy, type PageProps } from '../common/LazyPage.tsx';
import { allowedFor, matchRoute, type PageId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { VisitsPage } from '../features/visits/VisitsPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { NotAvailablePage } from './NotAvailablePage.tsx';

const lazyPages: Record<Exclude<PageId, 'visits'>, ComponentType<PageProps>> = {
  municipalities: lazy(() => import('../features/municipality/MunicipalitiesPage.tsx').then((m) => m.MunicipalitiesPage), { parts: ['common', 'municipality'] }),
  network: lazy(() => import('../features/network/NetworkPage.tsx').then((m) => m.NetworkPage), { parts: ['common', 'municipality', 'region', 'network', 'meetings'] }),
  networkGaps: lazy(() => import('../features/network/NetworkGapsPage.tsx').then((m) => m.NetworkGapsPage), { parts: ['common', 'network'] }),
  networkImport: lazy(() => import('../features/network/ContactImportPage.tsx').then((m) => m.ContactImportPage), { parts: ['common', 'network'] }),
  networkMeetings: lazy(() => import('../features/network/MeetingsPage.tsx').then((m) => m.MeetingsPage), { parts: ['common', 'meetings'] }),
  meetingNew: lazy(() => import('../features/network/MeetingFormPage.tsx').then((m) => m.MeetingFormPage), { parts: ['common', 'meetings'] }),
  meeting: lazy(() => import('../features/network/MeetingPage.tsx').then((m) => m.MeetingPage), { parts: ['common', 'network', 'meetings'] }),
  meetingEdit: lazy(() => import('../features/network/MeetingFormPage.tsx').then((m) => m.MeetingFormPage), { parts: ['common', 'meetings'] }),
  region: lazy(() => import('../features/region/RegionPage.tsx').then((m) => m.RegionPage), { parts: ['common', 'region', 'history', 'guidance'] }),
  regionFollowUps: lazy(() => import('../features/region/FollowUpRegisterPage.tsx').then((m) => m.FollowUpRegisterPage), { parts: ['common', 'region', 'guidance'] }),
  regionAnswers: lazy(() => import('../features/region/AnswersPage.tsx').then((m) => m.AnswersPage), { parts: ['common', 'region'] }),
  regionReadiness: lazy(() => import('../features/region/ReadinessPlansPage.tsx').then((m) => m.ReadinessPlansPage), { parts: ['common', 'region', 'plans'] }),
  regionSummary: lazy(() => import('../features/region/RegionSummaryPage.tsx').then((m) => m.RegionSummaryPage), { parts: ['common', 'region', 'guidance'] }),
  regionAudit: lazy(() => import('../features/history/AuditExportPage.tsx').then((m) => m.AuditExportPage), { parts: ['common', 'region', 'history'] }),
  regionDevices: lazy(() => import('../features/devices/DevicesPage.tsx').then((m) => m.DevicesPage), { parts: ['common', 'devices'] }),
  review: lazy(() => import('../features/review/ReviewPage.tsx').then((m) => m.ReviewPage), { parts: ['common', 'review'] }),
  settings: lazy(() => import('../features/settings/SettingsPage.tsx').then((m) => m.SettingsPage), { parts: ['common', 'settings', 'attachments'] }),
  visitNew: lazy(() => import('../features/visits/PlanVisitPage.tsx').then((m) => m.PlanVisitPage), { parts: ['common', 'visits'] }),
  visit: lazy(() => import('../features/visit/VisitPage.tsx').then((m) => m.VisitPage), { parts: ['common', 'visit', 'history', 'attachments'] }),
  visitReport: lazy(() => import('../features/visit/VisitReportPage.tsx').then((m) => m.VisitReportPage), { parts: ['common', 'visit', 'attachments'] }),
  municipality: lazy(() => import('../features/municipality/MunicipalityPage.tsx').then((m) => m.MunicipalityPage), { parts: ['common', 'municipality', 'history', 'guidance', 'meetings', 'plans', 'readiness'] }),
  assessment: lazy(() => import('../features/readiness/AssessmentPage.tsx').then((m) => m.AssessmentPage), { parts: ['common', 'municipality', 'readiness'] }),
  reviewVisit: lazy(() => import('../features/review/ReviewVisitPage.tsx').then((m) => m.ReviewVisitPage), { parts: ['common', 'review', 'history', 'attachments'] }),
  sync: lazy(() => import('../features/sync/SyncPage.tsx').then((m) => m.SyncPage), { parts: ['common', 'sync'] }),
};

export function SignedInApp({ path }: { path: string }) {
  const { session } = useSignedIn();
  const route = matchRoute(path);
  let page;
  if (!route) page = <NotFoundPage />;
  else if (!allowedFor(route, session.user.role)) page = <NotAvailablePage titleKey={route.titleKey} />;
  else {
    // A new key per visit, so one visit's drafts never show on another's page.
    const key = `${route.id}:${route.params['id'] ?? ''}`;
    const LazyPage = route.id === 'visits' ? null : lazyPages[route.id];
    page = LazyPage ? <LazyPage key={key} params={route.params} /> : <VisitsPage key={key} />;
  }
  return (
    <Layout current={route?.nav ?? null} inVisit={route?.id === 'visit'}>
      {page}
    </Layout>
  );
}
