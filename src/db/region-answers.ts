// The answers across the region: for one area, each checklist item of the area's current template
// revision and how the municipalities answered it in their latest approved visit of a period (yes,
// partly, no, not assessed, not answered; numbers as median and range; choices per option; scales per
// step; details that are numbers, dates or choices), every count with its municipalities. Items of an
// earlier revision count under the current item that names them (`sameAs`), where the answer fits it.
// Also the statutory duties left unmet in each municipality's latest approved visit, whatever the period,
// with the recommendations that name them. One bulk read per table (loadRegionAnswers); the compilation
// is pure (compileRegionAnswers), tested without IndexedDB, like region-queries.ts.
import { NOT_ASSESSED, type Area, type Language } from '../shared/vocabulary.ts';
import type { TemplateDetail, TemplateItem } from '../shared/reference.ts';
import type { LocalRecord, UserDb } from './database.ts';
import { ALAND_REGION_ID, municipalityName } from './queries.ts';

type Template = LocalRecord<'template'>;
type Visit = LocalRecord<'visit'>;
type Answer = LocalRecord<'answer'>;

type RegionAnswersOptions = {
  regionIds: readonly string[];
  area: Area;
  /** The period, ISO dates (YYYY-MM-DD), both included: the visits whose answers are counted. */
  from: string;
  to: string;
  /** Åland's municipalities are left out unless asked for (they are supervised under their own law). */
  includeAland?: boolean;
  /** The language whose municipality names order each list; Finnish unless told. */
  lang?: Language;
};

export type RegionAnswersInput = RegionAnswersOptions & {
  municipalities: readonly LocalRecord<'municipality'>[];
  visits: readonly Visit[];
  templates: readonly Template[];
  /** The answers of (at least) the visits counted; others are ignored. */
  answers: readonly Answer[];
  /** The follow-ups of (at least) those visits. */
  followUps: readonly LocalRecord<'followUp'>[];
};

/** A municipality behind a count, with the visit its answer comes from. */
export type AnswerPlace = { municipalityId: string; name: { fi: string; sv: string }; visitId: string; date: string; templateId: string };

/** A count and the municipalities it counts (its length), in name order. */
type Group = { key: string; places: AnswerPlace[] };

type NumberSummary = { places: AnswerPlace[]; median: number; min: number; max: number };
type DateSummary = { places: AnswerPlace[]; earliest: string; latest: string };

export type DetailSummary =
  | { detail: TemplateDetail; kind: 'number'; summary: NumberSummary | null }
  | { detail: TemplateDetail; kind: 'date'; summary: DateSummary | null }
  | { detail: TemplateDetail; kind: 'choices'; options: Group[] };

export type ItemAnswers = {
  item: TemplateItem;
  /**
   * The answers by value: yes, partly and no; a scale's steps (`"1"` … with its anchors in the item);
   * the options of a choice (`none` for none chosen); `answered` for a text. Numbers and dates are in
   * `number` and `date`. Every value of the item is listed, with no municipality if none gave it.
   */
  values: Group[];
  number: NumberSummary | null;
  date: DateSummary | null;
  notAssessed: AnswerPlace[];
  /** No answer (or an empty one) to an item its visit asked. */
  notAnswered: AnswerPlace[];
  /** The visit was made on a revision without this item. */
  notAsked: AnswerPlace[];
  /** Answered on an earlier revision in a form this item does not take (a number where it now asks yes or no). */
  otherForm: AnswerPlace[];
  details: DetailSummary[];
};

export type UnmetDuty = {
  municipalityId: string;
  name: { fi: string; sv: string };
  regionId: string;
  visitId: string;
  date: string;
  item: TemplateItem;
  value: 'no' | 'partly';
  /** The recommendations of the visit about it: marked a legal shortcoming, naming the item's question or id. */
  followUps: { id: string; text: string; status: LocalRecord<'followUp'>['status']; dueDate: string | null }[];
};

export type RegionAnswers = {
  /** The area's current template revision; null when the device has none. */
  template: Template | null;
  /** Municipalities shown (of the user's regions, Åland unless asked left out). */
  municipalities: number;
  /** The visits counted: each municipality's latest approved visit in the period covering the area. */
  counted: AnswerPlace[];
  /** The municipalities with no approved visit in the period covering the area. */
  withoutVisit: { id: string; name: { fi: string; sv: string } }[];
  items: ItemAnswers[];
  /** Statutory items answered no or partly in each municipality's latest approved visit covering the area, whatever the period. */
  unmetDuties: UnmetDuty[];
};

function shownRegions(options: Pick<RegionAnswersOptions, 'regionIds' | 'includeAland'>): string[] {
  return options.regionIds.filter((r) => options.includeAland === true || r !== ALAND_REGION_ID);
}

/** The current template of the area: the newest revision not superseded (latestTemplate, without the import's schemas). */
function currentTemplate(templates: readonly Template[], area: Area): Template | null {
  let best: Template | null = null;
  for (const t of templates) if (!t.deleted && t.area === area && !t.superseded && (!best || t.revision > best.revision)) best = t;
  return best;
}

/**
 * For each revision the current one replaces (and that one replaces, …), the id there of each current
 * item: `sameAs` names the item of the same meaning one revision back.
 */
function itemIdsByTemplate(current: Template, templates: readonly Template[]): Map<string, Map<string, string>> {
  const byId = new Map(templates.map((t) => [t.id, t]));
  const result = new Map<string, Map<string, string>>([[current.id, new Map(current.items.map((i) => [i.id, i.id]))]]);
  let newer = current;
  let ids = new Map(current.items.map((i) => [i.id, i.id]));
  for (let step = 0; step < 20 && newer.replaces; step++) {
    const older = byId.get(newer.replaces);
    if (!older || result.has(older.id)) break;
    const sameAs = new Map(newer.items.flatMap((i) => (i.sameAs ? [[i.id, i.sameAs] as const] : [])));
    const olderItems = new Set(older.items.map((i) => i.id));
    const next = new Map<string, string>();
    for (const [currentId, newerId] of ids) {
      const olderId = sameAs.get(newerId);
      if (olderId !== undefined && olderItems.has(olderId)) next.set(currentId, olderId);
    }
    result.set(older.id, next);
    newer = older;
    ids = next;
  }
  return result;
}

const later = (a: Visit, b: Visit | undefined) => !b || a.plannedDate > b.plannedDate || (a.plannedDate === b.plannedDate && a.id > b.id);

/** The median of sorted numbers: the middle one, or the mean of the two middle ones. */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function numberSummary(entries: { value: number; place: AnswerPlace }[]): NumberSummary | null {
  if (entries.length === 0) return null;
  const sorted = entries.map((e) => e.value).sort((a, b) => a - b);
  return { places: entries.map((e) => e.place), median: median(sorted), min: sorted[0]!, max: sorted.at(-1)! };
}

function dateSummary(entries: { value: string; place: AnswerPlace }[]): DateSummary | null {
  if (entries.length === 0) return null;
  let earliest = entries[0]!.value;
  let latest = earliest;
  for (const { value } of entries) {
    if (value < earliest) earliest = value;
    if (value > latest) latest = value;
  }
  return { places: entries.map((e) => e.place), earliest, latest };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isIsoDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v);

/** The steps of a scale item: its min to max (1–5 for revision 1's). */
function scaleSteps(item: TemplateItem): number[] {
  const min = item.answerType === 'scale_1_5' ? 1 : (item.min ?? 1);
  const max = item.answerType === 'scale_1_5' ? 5 : (item.max ?? 5);
  return Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
}

/** The value keys an item's answers are counted under, in the order they are shown. */
function valueKeys(item: TemplateItem): string[] {
  switch (item.answerType) {
    case 'yes_partly_no_na':
      return ['yes', 'partly', 'no'];
    case 'scale':
    case 'scale_1_5':
      return scaleSteps(item).map(String);
    case 'choices':
      return [...(item.options ?? []).map((o) => o.id), 'none'];
    case 'text':
      return ['answered'];
    case 'number':
    case 'date':
      return [];
  }
}

type Accumulator = {
  values: Map<string, AnswerPlace[]>;
  numbers: { value: number; place: AnswerPlace }[];
  dates: { value: string; place: AnswerPlace }[];
  notAssessed: AnswerPlace[];
  notAnswered: AnswerPlace[];
  notAsked: AnswerPlace[];
  otherForm: AnswerPlace[];
  detailNumbers: Map<string, { value: number; place: AnswerPlace }[]>;
  detailDates: Map<string, { value: string; place: AnswerPlace }[]>;
  detailOptions: Map<string, Map<string, AnswerPlace[]>>;
};

function accumulator(item: TemplateItem): Accumulator {
  const details = item.details ?? [];
  return {
    values: new Map(valueKeys(item).map((k) => [k, []])),
    numbers: [],
    dates: [],
    notAssessed: [],
    notAnswered: [],
    notAsked: [],
    otherForm: [],
    detailNumbers: new Map(details.filter((d) => d.answerType === 'number').map((d) => [d.id, []])),
    detailDates: new Map(details.filter((d) => d.answerType === 'date').map((d) => [d.id, []])),
    detailOptions: new Map(details.filter((d) => d.answerType === 'choices').map((d) => [d.id, new Map((d.options ?? []).map((o) => [o.id, []]))])),
  };
}

/**
 * Whether a detail is asked for this main answer: reference.ts's detailShown, written again here so that
 * the region's pages load no zod (reference.ts builds its schemas when loaded).
 */
export function detailShown(detail: Pick<TemplateDetail, 'showWhen'>, value: unknown): boolean {
  if (value === null || value === undefined || value === NOT_ASSESSED) return false;
  if (detail.showWhen.includes('answered')) return true;
  const given = Array.isArray(value) ? value.map(String) : [String(value)];
  return given.some((v) => detail.showWhen.includes(v));
}

/**
 * Counts one answer (or its absence) under the current item. `fromCurrent`: the visit was made on the
 * current revision, so its details are the item's; an earlier revision's answer counts by its value alone.
 */
function count(acc: Accumulator, item: TemplateItem, answer: Answer | undefined, place: AnswerPlace, fromCurrent: boolean): void {
  const value = answer?.value ?? null;
  if (value === null || value === '') return void acc.notAnswered.push(place);
  if (value === NOT_ASSESSED) return void acc.notAssessed.push(place);
  const add = (key: string) => {
    const list = acc.values.get(key);
    if (!list) return false;
    list.push(place);
    return true;
  };
  let fits: boolean;
  switch (item.answerType) {
    case 'yes_partly_no_na':
      fits = typeof value === 'string' && add(value);
      break;
    case 'scale':
    case 'scale_1_5':
      fits = typeof value === 'number' && Number.isInteger(value) && add(String(value));
      break;
    case 'number':
      fits = typeof value === 'number' && Number.isFinite(value);
      if (fits) acc.numbers.push({ value: value as number, place });
      break;
    case 'date':
      fits = isIsoDate(value);
      if (fits) acc.dates.push({ value: value as string, place });
      break;
    case 'text':
      fits = typeof value === 'string';
      if (fits) add('answered');
      break;
    case 'choices': {
      const known = new Set((item.options ?? []).map((o) => o.id));
      fits = Array.isArray(value) && value.every((v) => known.has(v));
      if (fits) {
        const chosen = value as string[];
        if (chosen.length === 0) add('none');
        for (const id of new Set(chosen)) add(id);
      }
      break;
    }
  }
  if (!fits) return void acc.otherForm.push(place);
  const details = answer?.details;
  if (!fromCurrent || !details) return;
  for (const d of item.details ?? []) {
    if (!Object.hasOwn(details, d.id) || !detailShown(d, value)) continue;
    const v = details[d.id];
    if (d.answerType === 'number' && typeof v === 'number' && Number.isFinite(v)) acc.detailNumbers.get(d.id)?.push({ value: v, place });
    else if (d.answerType === 'date' && isIsoDate(v)) acc.detailDates.get(d.id)?.push({ value: v, place });
    else if (d.answerType === 'choices' && Array.isArray(v)) {
      const options = acc.detailOptions.get(d.id);
      for (const id of new Set(v)) options?.get(id)?.push(place);
    }
  }
}

function itemAnswers(item: TemplateItem, acc: Accumulator): ItemAnswers {
  const details = (item.details ?? []).flatMap((d): DetailSummary[] => {
    if (d.answerType === 'number') return [{ detail: d, kind: 'number', summary: numberSummary(acc.detailNumbers.get(d.id) ?? []) }];
    if (d.answerType === 'date') return [{ detail: d, kind: 'date', summary: dateSummary(acc.detailDates.get(d.id) ?? []) }];
    if (d.answerType === 'choices') return [{ detail: d, kind: 'choices', options: [...(acc.detailOptions.get(d.id) ?? [])].map(([key, places]) => ({ key, places })) }];
    return [];
  });
  return {
    item,
    values: [...acc.values].map(([key, places]) => ({ key, places })),
    number: item.answerType === 'number' ? numberSummary(acc.numbers) : null,
    date: item.answerType === 'date' ? dateSummary(acc.dates) : null,
    notAssessed: acc.notAssessed,
    notAnswered: acc.notAnswered,
    notAsked: acc.notAsked,
    otherForm: acc.otherForm,
    details,
  };
}

/** Items in the template's section order, which is the order the checklist shows them. */
export function orderedItems(template: Pick<Template, 'sections' | 'items'>): TemplateItem[] {
  return template.sections.flatMap((s) => template.items.filter((i) => i.sectionId === s.id));
}

/** Whether a follow-up's text names the item: its question in a language, or its id. */
function names(text: string, item: TemplateItem, oldItem: TemplateItem | undefined): boolean {
  const lower = text.toLocaleLowerCase();
  const questions = [item.question, ...(oldItem ? [oldItem.question] : [])].flatMap((q) => [q.fi, q.sv, q.en]);
  if (questions.some((q) => lower.includes(q.toLocaleLowerCase()))) return true;
  return new RegExp(`(^|[^A-Za-z0-9-])${item.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9-])`).test(text);
}

/** The visits whose answers are needed: each municipality's latest approved visit covering the area, in the period and of all time. */
function countedVisits(input: Pick<RegionAnswersInput, 'visits' | 'templates' | 'area' | 'from' | 'to'> & { municipalityIds: ReadonlySet<string> }) {
  const areaOf = new Map(input.templates.map((t) => [t.id, t.area]));
  const inPeriod = new Map<string, Visit>();
  const ever = new Map<string, Visit>();
  for (const v of input.visits) {
    if (v.deleted || v.status !== 'approved' || !input.municipalityIds.has(v.municipalityId)) continue;
    if (!v.templateIds.some((id) => areaOf.get(id) === input.area)) continue;
    if (later(v, ever.get(v.municipalityId))) ever.set(v.municipalityId, v);
    if (v.plannedDate >= input.from && v.plannedDate <= input.to && later(v, inPeriod.get(v.municipalityId))) inPeriod.set(v.municipalityId, v);
  }
  return { inPeriod, ever };
}

/** The answers across the region, from the records as read. Tombstones are skipped everywhere. */
export function compileRegionAnswers(input: RegionAnswersInput): RegionAnswers {
  const lang = input.lang ?? 'fi';
  const regions = new Set(shownRegions(input));
  const collator = new Intl.Collator(lang);
  const municipalities = input.municipalities
    .filter((m) => !m.deleted && regions.has(m.regionId))
    .sort((a, b) => collator.compare(municipalityName(a.name, lang), municipalityName(b.name, lang)) || (a.id < b.id ? -1 : 1));
  const template = currentTemplate(input.templates, input.area);
  const { inPeriod, ever } = countedVisits({ ...input, municipalityIds: new Set(municipalities.map((m) => m.id)) });

  const templates = new Map(input.templates.filter((t) => !t.deleted).map((t) => [t.id, t]));
  const wanted = new Set([...inPeriod.values(), ...ever.values()].map((v) => v.id));
  const answers = new Map<string, Answer>();
  for (const a of input.answers) if (!a.deleted && wanted.has(a.visitId)) answers.set(`${a.visitId}:${a.itemId}`, a);

  const counted: AnswerPlace[] = [];
  const withoutVisit: RegionAnswers['withoutVisit'] = [];
  const items = template ? orderedItems(template) : [];
  const idsIn = template ? itemIdsByTemplate(template, [...templates.values()]) : new Map<string, Map<string, string>>();
  const accs = items.map(accumulator);
  /** The visit's template of the area, and the ids there of the current items (none if not in the current one's line). */
  const partOf = (visit: Visit) => {
    const t = visit.templateIds.map((id) => templates.get(id)).find((t) => t?.area === input.area);
    return { templateId: t?.id ?? visit.templateIds[0] ?? '', ids: t ? idsIn.get(t.id) : undefined };
  };

  const unmetDuties: UnmetDuty[] = [];
  const followUpsOf = new Map<string, LocalRecord<'followUp'>[]>();
  for (const f of input.followUps) {
    if (f.deleted || !f.legalShortcoming || !wanted.has(f.visitId)) continue;
    const list = followUpsOf.get(f.visitId);
    if (list) list.push(f);
    else followUpsOf.set(f.visitId, [f]);
  }

  for (const m of municipalities) {
    const visit = inPeriod.get(m.id);
    if (!visit) withoutVisit.push({ id: m.id, name: m.name });
    else {
      const { templateId, ids } = partOf(visit);
      const place: AnswerPlace = { municipalityId: m.id, name: m.name, visitId: visit.id, date: visit.plannedDate, templateId };
      counted.push(place);
      items.forEach((item, i) => {
        const id = ids?.get(item.id);
        if (id === undefined) accs[i]!.notAsked.push(place);
        else count(accs[i]!, item, answers.get(`${visit.id}:${id}`), place, templateId === template!.id);
      });
    }

    const last = ever.get(m.id);
    if (!last || !template) continue;
    const { templateId, ids } = partOf(last);
    const old = templates.get(templateId);
    for (const item of items) {
      if (!item.statutory) continue;
      const id = ids?.get(item.id);
      const value = id === undefined ? undefined : answers.get(`${last.id}:${id}`)?.value;
      if (value !== 'no' && value !== 'partly') continue;
      const oldItem = old?.items.find((i) => i.id === id);
      unmetDuties.push({
        municipalityId: m.id,
        name: m.name,
        regionId: m.regionId,
        visitId: last.id,
        date: last.plannedDate,
        item,
        value,
        followUps: (followUpsOf.get(last.id) ?? [])
          .filter((f) => names(f.text, item, oldItem))
          .map((f) => ({ id: f.id, text: f.text, status: f.status, dueDate: f.dueDate || null })),
      });
    }
  }

  return {
    template,
    municipalities: municipalities.length,
    counted,
    withoutVisit,
    items: items.map((item, i) => itemAnswers(item, accs[i]!)),
    unmetDuties,
  };
}

/**
 * The answers of these visits: one key range of the answers' ids (`${visitId}:${itemId}`) per visit, each
 * read with one getAll, where `anyOf` on the visitId index would walk a cursor answer by answer.
 */
async function answersOf(db: UserDb, visitIds: readonly string[]): Promise<Answer[]> {
  // ';' follows ':' in code point order: the range holds exactly the ids that start with `${visitId}:`.
  const lists = await Promise.all(visitIds.map((id) => db.answer.where(':id').between(`${id}:`, `${id};`, true, false).toArray()));
  return lists.flat();
}

/**
 * The answers across the user's regions, read from the device: a bulk read per table (the device holds
 * only its user's regions; the compilation keeps to the municipalities shown), then the counted visits'
 * answers and follow-ups.
 */
export async function loadRegionAnswers(db: UserDb, options: RegionAnswersOptions): Promise<RegionAnswers> {
  const started = performance.now();
  const [municipalities, visits, templates] = await Promise.all([db.municipality.where('regionId').anyOf(shownRegions(options)).toArray(), db.visit.toArray(), db.template.toArray()]);
  const municipalityIds = new Set(municipalities.filter((m) => !m.deleted).map((m) => m.id));
  const { inPeriod, ever } = countedVisits({ ...options, visits, templates, municipalityIds });
  const visitIds = [...new Set([...inPeriod.values(), ...ever.values()].map((v) => v.id))];
  const wanted = new Set(visitIds);
  const [answers, followUps] = await Promise.all([answersOf(db, visitIds), db.followUp.toArray().then((all) => all.filter((f) => wanted.has(f.visitId)))]);
  // User Timing measures of the two phases, for DevTools and the benchmarks.
  performance.measure?.('tillsyn:region:answers:read', { start: started });
  const compiling = performance.now();
  const result = compileRegionAnswers({ ...options, municipalities, visits, templates, answers, followUps });
  performance.measure?.('tillsyn:region:answers:compile', { start: compiling });
  return result;
}

export type PeriodAnswers = {
  /** The visits of the period covering the area (any area: ''), cancelled ones left out, by date then municipality code. */
  visits: (Visit & { municipality: { fi: string; sv: string } })[];
  templates: Map<string, Template>;
  /** By `${visitId}:${itemId}`. */
  answers: Map<string, Answer>;
};

/** The visits of a period with their templates and answers, for the answers' CSV: one bulk read per table. */
export async function loadPeriodAnswers(db: UserDb, options: Omit<RegionAnswersOptions, 'area' | 'lang'> & { area: Area | '' }): Promise<PeriodAnswers> {
  const municipalities = (await db.municipality.where('regionId').anyOf(shownRegions(options)).toArray()).filter((m) => !m.deleted);
  const names = new Map(municipalities.map((m) => [m.id, m.name]));
  const [allVisits, templateList] = await Promise.all([db.visit.toArray(), db.template.toArray()]);
  const templates = new Map(templateList.map((t) => [t.id, t]));
  const visits = allVisits
    .filter(
      (v) =>
        !v.deleted &&
        names.has(v.municipalityId) &&
        v.status !== 'cancelled' &&
        v.plannedDate >= options.from &&
        v.plannedDate <= options.to &&
        (options.area === '' || v.templateIds.some((id) => templates.get(id)?.area === options.area)),
    )
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || a.municipalityId.localeCompare(b.municipalityId) || a.id.localeCompare(b.id))
    .map((v) => ({ ...v, municipality: names.get(v.municipalityId)! }));
  const answers = new Map<string, Answer>();
  for (const a of await answersOf(db, visits.map((v) => v.id))) if (!a.deleted) answers.set(`${a.visitId}:${a.itemId}`, a);
  return { visits, templates, answers };
}
