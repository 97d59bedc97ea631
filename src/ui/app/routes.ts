// The app's paths and what each shows; the page components are picked in SignedInApp.
import type { MessageKey } from '../i18n/index.ts';
import type { Role } from '../../shared/workflow.ts';

export const SIGN_IN_PATH = '/sign-in';
export const HOME_PATH = '/visits';

/** The pages of the main navigation. */
export type RouteId = 'visits' | 'municipalities' | 'network' | 'region' | 'review' | 'settings';
/** Every page, those of the navigation and those below them. */
export type PageId = RouteId | 'networkGaps' | 'networkImport' | 'networkMeetings' | 'meetingNew' | 'meeting' | 'meetingEdit' | 'visitNew' | 'visit' | 'visitReport' | 'municipality' | 'assessment' | 'regionFollowUps' | 'regionAnswers' | 'regionReadiness' | 'regionSummary' | 'regionAudit' | 'regionDevices' | 'reviewVisit' | 'sync';

type Route = {
  id: RouteId;
  path: string;
  titleKey: MessageKey;
  /** Roles that see the route in the navigation; others get a "not available" page if they go there. */
  roles?: readonly Role[];
};

/** A page at a path pattern whose `:name` segments are parameters; `nav` is its place in the navigation. */
type PageRoute = {
  id: PageId;
  pattern: string;
  titleKey: MessageKey;
  roles?: readonly Role[];
  nav: RouteId;
};

type RouteMatch = PageRoute & { params: Record<string, string> };

export const routes: readonly Route[] = [
  { id: 'visits', path: '/visits', titleKey: 'nav.visits' },
  { id: 'municipalities', path: '/municipalities', titleKey: 'nav.municipalities' },
  { id: 'network', path: '/network', titleKey: 'nav.network' },
  { id: 'region', path: '/region', titleKey: 'nav.region', roles: ['inspector', 'coordinator', 'admin'] },
  { id: 'review', path: '/review', titleKey: 'nav.review', roles: ['coordinator', 'admin'] },
  { id: 'settings', path: '/settings', titleKey: 'nav.settings' },
];

/** Literal paths come before patterns, so /visits/new is never read as the visit "new". */
const pageRoutes: readonly PageRoute[] = [
  ...routes.map((r): PageRoute => ({ id: r.id, pattern: r.path, titleKey: r.titleKey, nav: r.id, ...(r.roles ? { roles: r.roles } : {}) })),
  { id: 'visitNew', pattern: '/visits/new', titleKey: 'plan.title', roles: ['inspector'], nav: 'visits' },
  { id: 'visit', pattern: '/visits/:id', titleKey: 'visit.title', nav: 'visits' },
  { id: 'visitReport', pattern: '/visits/:id/report', titleKey: 'report.title', nav: 'visits' },
  { id: 'municipality', pattern: '/municipalities/:id', titleKey: 'nav.municipalities', nav: 'municipalities' },
  { id: 'assessment', pattern: '/assessments/:id', titleKey: 'nav.municipalities', nav: 'municipalities' },
  { id: 'networkGaps', pattern: '/network/gaps', titleKey: 'nav.network', nav: 'network' },
  { id: 'networkImport', pattern: '/network/import', titleKey: 'nav.network', roles: ['inspector', 'coordinator'], nav: 'network' },
  { id: 'networkMeetings', pattern: '/network/meetings', titleKey: 'nav.network', nav: 'network' },
  { id: 'meetingNew', pattern: '/network/meetings/new', titleKey: 'nav.network', roles: ['inspector', 'coordinator'], nav: 'network' },
  { id: 'meeting', pattern: '/network/meetings/:id', titleKey: 'nav.network', nav: 'network' },
  { id: 'meetingEdit', pattern: '/network/meetings/:id/edit', titleKey: 'nav.network', roles: ['inspector', 'coordinator'], nav: 'network' },
  { id: 'regionFollowUps', pattern: '/region/follow-ups', titleKey: 'nav.region', roles: ['inspector', 'coordinator', 'admin'], nav: 'region' },
  { id: 'regionAnswers', pattern: '/region/answers', titleKey: 'nav.region', roles: ['inspector', 'coordinator', 'admin'], nav: 'region' },
  { id: 'regionReadiness', pattern: '/region/readiness', titleKey: 'nav.region', roles: ['inspector', 'coordinator', 'admin'], nav: 'region' },
  { id: 'regionSummary', pattern: '/region/summary', titleKey: 'nav.region', roles: ['inspector', 'coordinator', 'admin'], nav: 'region' },
  { id: 'regionAudit', pattern: '/region/audit', titleKey: 'nav.region', roles: ['coordinator', 'admin'], nav: 'region' },
  { id: 'regionDevices', pattern: '/region/devices', titleKey: 'nav.region', roles: ['coordinator', 'admin'], nav: 'region' },
  { id: 'reviewVisit', pattern: '/review/:id', titleKey: 'nav.review', roles: ['coordinator', 'admin'], nav: 'review' },
  // The sync page is reached from the status bar and the settings, so it sits under the settings.
  { id: 'sync', pattern: '/sync', titleKey: 'nav.settings', nav: 'settings' },
];

export function normalisePath(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed === '' ? '/' : trimmed;
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) return null;
  }
  return params;
}

/** The route at this path with its parameters, or null for a path the app does not have. */
export function matchRoute(path: string): RouteMatch | null {
  const p = normalisePath(path);
  for (const route of pageRoutes) {
    const params = matchPattern(route.pattern, p);
    if (params) return { ...route, params };
  }
  return null;
}

export function allowedFor(route: { roles?: readonly Role[] | undefined }, role: Role): boolean {
  return !route.roles || route.roles.includes(role);
}

/** Paths of the visit pages, so links are made in one place. */
export const visitPaths = {
  list: HOME_PATH,
  plan: '/visits/new',
  visit: (id: string) => `/visits/${encodeURIComponent(id)}`,
  report: (id: string) => `/visits/${encodeURIComponent(id)}/report`,
};

/** Paths of the review pages. */
export const reviewPaths = {
  list: '/review',
  visit: (id: string) => `/review/${encodeURIComponent(id)}`,
};

/** Paths of the municipality pages. */
export const municipalityPaths = {
  list: '/municipalities',
  municipality: (id: string) => `/municipalities/${encodeURIComponent(id)}`,
};

/** Paths of a municipality's readiness assessments. */
export const assessmentPaths = {
  assessment: (id: string) => `/assessments/${encodeURIComponent(id)}`,
};

/** Paths of the contact network's pages. */
export const networkPaths = {
  directory: '/network',
  gaps: '/network/gaps',
  import: '/network/import',
  /** The region's network meetings and trainings. */
  meetings: '/network/meetings',
  newMeeting: '/network/meetings/new',
  meeting: (id: string) => `/network/meetings/${encodeURIComponent(id)}`,
  editMeeting: (id: string) => `/network/meetings/${encodeURIComponent(id)}/edit`,
};

/** Paths of the region's pages. */
export const regionPaths = {
  coverage: '/region',
  followUps: '/region/follow-ups',
  answers: '/region/answers',
  /** The readiness stages and the plans' state across the region. */
  readiness: '/region/readiness',
  audit: '/region/audit',
  /** The sync health of the devices of the region's users (coordinators and admins). */
  devices: '/region/devices',
  /** The print-ready summary; its choices (area, period, Åland, language) in the query. */
  summary: (query: Record<string, string>) => `/region/summary?${new URLSearchParams(query).toString()}`,
};
