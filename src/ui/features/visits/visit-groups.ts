// The visits list's order and filters: what needs the inspector first, then work under way, then the plan.
import type { VisitCard } from '../../../db/visit-queries.ts';
import type { Area, Language } from '../../../shared/reference.ts';
import type { VisitStatus } from '../../../shared/workflow.ts';

const visitGroupIds = ['attention', 'inProgress', 'planned', 'done', 'cancelled'] as const;
type VisitGroupId = (typeof visitGroupIds)[number];

const groupOf: Record<VisitStatus, VisitGroupId> = {
  returned: 'attention',
  in_progress: 'inProgress',
  planned: 'planned',
  submitted: 'done',
  approved: 'done',
  cancelled: 'cancelled',
};

export type VisitFilter = {
  area: Area | '';
  municipalityId: string;
  /** '' is every status but cancelled: cancelled visits show only when asked for. */
  status: VisitStatus | '';
  query: string;
};

export const emptyFilter: VisitFilter = { area: '', municipalityId: '', status: '', query: '' };

/** Case- and accent-insensitive, so "pedersore" finds Pedersöre. */
export function fold(s: string, lang: Language): string {
  return s.toLocaleLowerCase(lang).normalize('NFD').replace(/\p{M}/gu, '');
}

function matches(v: VisitCard, f: VisitFilter, lang: Language): boolean {
  if (f.area && !v.areas.includes(f.area)) return false;
  if (f.municipalityId && v.municipalityId !== f.municipalityId) return false;
  if (f.status ? v.status !== f.status : v.status === 'cancelled') return false;
  const q = fold(f.query.trim(), lang);
  if (q === '') return true;
  const haystack = [v.municipalityName?.fi ?? '', v.municipalityName?.sv ?? '', v.agenda ?? ''];
  return haystack.some((h) => fold(h, lang).includes(q));
}

type VisitGroup = { id: VisitGroupId; visits: VisitCard[] };

/** The groups that have visits, in order. Work ahead sorts soonest first; finished work latest first. */
export function groupVisits(visits: readonly VisitCard[], filter: VisitFilter, lang: Language): VisitGroup[] {
  const shown = visits.filter((v) => matches(v, filter, lang));
  return visitGroupIds.flatMap((id) => {
    const newestFirst = id === 'done' || id === 'cancelled';
    const inGroup = shown
      .filter((v) => groupOf[v.status] === id)
      .sort((a, b) => (newestFirst ? -1 : 1) * a.plannedDate.localeCompare(b.plannedDate) || a.id.localeCompare(b.id));
    return inGroup.length > 0 ? [{ id, visits: inGroup }] : [];
  });
}

/** Cancelled visits the default filter leaves out, so the page can say they exist. */
export function hiddenCancelled(visits: readonly VisitCard[], filter: VisitFilter, lang: Language): number {
  if (filter.status !== '') return 0;
  return visits.filter((v) => v.status === 'cancelled' && matches(v, { ...filter, status: 'cancelled' }, lang)).length;
}
