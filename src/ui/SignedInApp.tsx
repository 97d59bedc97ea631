// The signed-in part: the layout around the page that the path names.
import type { ComponentType } from 'preact';
import { Layout } from './components/Layout.tsx';
import { allowedFor, matchRoute, type RouteId } from './routes.ts';
import { useSignedIn } from './session-context.ts';
import { VisitsPage } from './pages/VisitsPage.tsx';
import { MunicipalitiesPage } from './pages/MunicipalitiesPage.tsx';
import { ReviewPage } from './pages/ReviewPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { NotAvailablePage } from './pages/NotAvailablePage.tsx';

const pages: Record<RouteId, ComponentType> = {
  visits: VisitsPage,
  municipalities: MunicipalitiesPage,
  review: ReviewPage,
  settings: SettingsPage,
};

export function SignedInApp({ path }: { path: string }) {
  const { session } = useSignedIn();
  const route = matchRoute(path);
  let page;
  if (!route) page = <NotFoundPage />;
  else if (!allowedFor(route, session.user.role)) page = <NotAvailablePage titleKey={route.titleKey} />;
  else {
    const PageComponent = pages[route.id];
    page = <PageComponent key={route.id} />;
  }
  return <Layout current={route?.id ?? null}>{page}</Layout>;
}
