// The signed-in part: the layout around the page that the path names. Pages below the navigation load on demand.
import type { ComponentType } from 'preact';
import { Layout } from './components/Layout.tsx';
import { LazyPage, type PageLoader, type PageProps } from './components/LazyPage.tsx';
import { allowedFor, matchRoute, type PageId, type RouteId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { VisitsPage } from './pages/VisitsPage.tsx';
import { MunicipalitiesPage } from './pages/MunicipalitiesPage.tsx';
import { ReviewPage } from './pages/ReviewPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NotAvailablePage } from './pages/NotAvailablePage.tsx';

// Loaders are module-level constants, so LazyPage can remember what it loaded.
const loadPlanVisit: PageLoader = () => import('./pages/PlanVisitPage.tsx').then((m) => m.PlanVisitPage);
const loadVisit: PageLoader = () => import('./pages/VisitPage.tsx').then((m) => m.VisitPage);
const loadReport: PageLoader = () => import('./pages/VisitReportPage.tsx').then((m) => m.VisitReportPage);
const loadMunicipality: PageLoader = () => import('./pages/MunicipalityPage.tsx').then((m) => m.MunicipalityPage);
const loadReviewVisit: PageLoader = () => import('./pages/ReviewVisitPage.tsx').then((m) => m.ReviewVisitPage);
const loadSync: PageLoader = () => import('./pages/SyncPage.tsx').then((m) => m.SyncPage);

const eagerPages: Record<RouteId, ComponentType<PageProps>> = {
  visits: VisitsPage,
  municipalities: MunicipalitiesPage,
  review: ReviewPage,
  settings: SettingsPage,
};
const lazyPages: Record<Exclude<PageId, RouteId>, PageLoader> = {
  visitNew: loadPlanVisit,
  visit: loadVisit,
  visitReport: loadReport,
  municipality: loadMunicipality,
  reviewVisit: loadReviewVisit,
  sync: loadSync,
};

function isEager(id: PageId): id is RouteId {
  return id in eagerPages;
}

export function SignedInApp({ path }: { path: string }) {
  const { session } = useSignedIn();
  const route = matchRoute(path);
  let page;
  if (!route) page = <NotFoundPage />;
  else if (!allowedFor(route, session.user.role)) page = <NotAvailablePage titleKey={route.titleKey} />;
  else {
    // A new key per visit, so one visit's drafts never show on another's page.
    const key = `${route.id}:${route.params['id'] ?? ''}`;
    if (isEager(route.id)) {
      const PageComponent = eagerPages[route.id];
      page = <PageComponent key={key} params={route.params} />;
    } else page = <LazyPage key={key} load={lazyPages[route.id]} params={route.params} />;
  }
  return <Layout current={route?.nav ?? null}>{page}</Layout>;
}
