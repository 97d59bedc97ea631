// The signed-in part: the layout around the page that the path names. Only the visits list, where the
// app opens, comes with the first script; every other page loads on first use.
import { Layout } from './Layout.tsx';
import { LazyPage, type PageLoader } from '../common/LazyPage.tsx';
import { allowedFor, matchRoute, type PageId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { VisitsPage } from '../features/visits/VisitsPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { NotAvailablePage } from './NotAvailablePage.tsx';

// Loaders are module-level constants, so LazyPage can remember what it loaded.
const lazyPages: Record<Exclude<PageId, 'visits'>, PageLoader> = {
  municipalities: () => import('../features/municipality/MunicipalitiesPage.tsx').then((m) => m.MunicipalitiesPage),
  review: () => import('../features/review/ReviewPage.tsx').then((m) => m.ReviewPage),
  settings: () => import('../features/settings/SettingsPage.tsx').then((m) => m.SettingsPage),
  visitNew: () => import('../features/visits/PlanVisitPage.tsx').then((m) => m.PlanVisitPage),
  visit: () => import('../features/visit/VisitPage.tsx').then((m) => m.VisitPage),
  visitReport: () => import('../features/visit/VisitReportPage.tsx').then((m) => m.VisitReportPage),
  municipality: () => import('../features/municipality/MunicipalityPage.tsx').then((m) => m.MunicipalityPage),
  reviewVisit: () => import('../features/review/ReviewVisitPage.tsx').then((m) => m.ReviewVisitPage),
  sync: () => import('../features/sync/SyncPage.tsx').then((m) => m.SyncPage),
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
    page = route.id === 'visits' ? <VisitsPage key={key} /> : <LazyPage key={key} load={lazyPages[route.id]} params={route.params} />;
  }
  return <Layout current={route?.nav ?? null}>{page}</Layout>;
}
