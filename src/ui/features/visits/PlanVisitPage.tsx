// Planning a visit, offline: municipality, one or more areas (the current checklist of each), date, mode,
// diary number, agenda and attendees (the municipality's contact persons offered, those of the areas first).
import { useId, useRef, useState } from 'preact/hooks';
import { createVisit, type NewVisit } from '../../../db/visits.ts';
import { ALAND_REGION_ID } from '../../../db/queries.ts';
import { loadPlanningData } from '../../../db/visit-queries.ts';
import { loadDirectory } from '../../../db/directory.ts';
import { areas } from '../../../shared/reference.ts';
import { visitModes } from '../../../shared/vocabulary.ts';
import { AttendeesEditor } from '../../common/AttendeesEditor.tsx';
import { DirectoryAttendees } from '../../common/DirectoryAttendees.tsx';
import { FieldError } from '../../common/FieldError.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { MunicipalityPicker } from './MunicipalityPicker.tsx';
import { Page } from '../../common/Page.tsx';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useAction } from '../../common/use-action.ts';
import { useI18n } from '../../i18n/index.ts';
import { attendeesOf, validatePlan, type PlanDraft, type PlanError, type PlanField } from './plan-visit-form.ts';
import { navigate } from '../../app/router.ts';
import { visitPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import './visits.css';

export function PlanVisitPage() {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { regionIds } = session.user;
  const [includeAland, setIncludeAland] = useState(false);
  const data = useLiveQuery(() => loadPlanningData(db, regionIds, includeAland), [db, regionIds.join(','), includeAland]);
  // A coordinator plans a visit for one of the region's inspectors; an inspector plans their own.
  const planner = session.user.role === 'inspector';
  const colleagues = useLiveQuery(() => loadDirectory(db), [db]);
  const [draft, setDraft] = useState<PlanDraft>({ municipalityId: '', inspectorId: planner ? session.user.id : '', areas: [], plannedDate: '', mode: 'on_site', diaryNumber: '', agenda: '', attendees: [] });
  const [errors, setErrors] = useState<PlanError[]>([]);
  // On success the page changes to the new visit's.
  const save = useAction(
    async (input: NewVisit) => {
      const visit = await createVisit(db, input, session.user);
      navigate(visitPaths.visit(visit.id));
    },
    { log: 'The visit could not be saved', keepBusy: true },
  );
  const saveFailed = save.failed;
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const ids: Record<'municipality' | 'inspector' | 'area' | 'plannedDate' | 'mode' | 'diaryNumber' | 'agenda', string> = {
    municipality: `${id}-municipality`,
    inspector: `${id}-inspector`,
    area: `${id}-area`,
    plannedDate: `${id}-date`,
    mode: `${id}-mode`,
    diaryNumber: `${id}-diary`,
    agenda: `${id}-agenda`,
  };
  const set = (patch: Partial<PlanDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorFor = (field: PlanField) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(e.key, e.params) : null;
  };

  if (data.state !== 'ready') {
    return (
      <Page title={t('plan.title')}>
        <LiveState state={data.state} />
      </Page>
    );
  }
  const { municipalities, templates } = data.value;
  const inspectors = [...(colleagues.state === 'ready' ? colleagues.value.values() : [])]
    .filter((c) => c.role === 'inspector' && c.regionIds.some((r) => regionIds.includes(r)))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const regionOf = new Map(municipalities.map((m) => [m.id, m.regionId]));
  const worksIn = (inspectorId: string, municipalityId: string) => {
    if (inspectorId === session.user.id) return session.user.role === 'inspector';
    const region = regionOf.get(municipalityId);
    return inspectors.some((c) => c.id === inspectorId && region !== undefined && c.regionIds.includes(region));
  };

  /** The control to focus for a field's error: the search box, the first radio, the input. */
  const controlFor = (field: PlanField): HTMLElement | null => {
    if (field === 'area') return formRef.current?.querySelector<HTMLElement>(`input[name="${ids.area}"]`) ?? null;
    if (field.startsWith('attendee-')) return formRef.current?.querySelector<HTMLElement>(`[data-attendee="${field}"] input`) ?? null;
    return document.getElementById(field === 'municipality' ? ids.municipality : field === 'inspector' ? ids.inspector : ids.plannedDate);
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (save.busy) return;
    const found = validatePlan(draft, (a) => templates[a] !== undefined, worksIn);
    const chosen = areas.filter((a) => draft.areas.includes(a));
    setErrors(found);
    save.clear();
    if (found.length > 0) {
      // After the errors are drawn, so aria-describedby already points at them when focus lands.
      setTimeout(() => controlFor(found[0]!.field)?.focus(), 0);
      return;
    }
    await save.run({
      municipalityId: draft.municipalityId,
      templateIds: chosen.map((a) => templates[a]!.id),
      inspectorId: draft.inspectorId,
      plannedDate: draft.plannedDate,
      mode: draft.mode,
      diaryNumber: draft.diaryNumber,
      agenda: draft.agenda,
      attendees: attendeesOf(draft),
    });
  };

  const areaError = errorFor('area');
  const dateError = errorFor('plannedDate');
  const attendeeErrors = new Map(draft.attendees.flatMap((a) => (errorFor(`attendee-${a.key}`) ? [[a.key, errorFor(`attendee-${a.key}`)!] as const] : [])));

  return (
    <Page title={t('plan.title')} className="plan-page">
      <p class="lead">{t('plan.intro')}</p>
      <form ref={formRef} class="plan-form" onSubmit={onSubmit} noValidate>
        <div role="alert" class={errors.length > 0 || saveFailed ? 'form-errors' : 'form-errors empty'}>
          {saveFailed && <p>{t('plan.error.save')}</p>}
          {errors.length > 0 && (
            <>
              <p>{t('plan.errors', { count: errors.length })}</p>
              <ul>
                {errors.map((e) => (
                  <li key={e.field}>{t(e.key, e.params)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <MunicipalityPicker
          municipalities={municipalities}
          value={draft.municipalityId}
          onChange={(m) => set({ municipalityId: m })}
          canIncludeAland={regionIds.includes(ALAND_REGION_ID)}
          includeAland={includeAland}
          onIncludeAland={setIncludeAland}
          error={errorFor('municipality')}
          searchId={ids.municipality}
        />
        {!planner && (
          <div class="field field-narrow">
            <label for={ids.inspector}>{t('plan.inspector')}</label>
            <select
              id={ids.inspector}
              value={draft.inspectorId}
              aria-invalid={errorFor('inspector') ? 'true' : undefined}
              aria-describedby={errorFor('inspector') ? `${ids.inspector}-error` : undefined}
              onChange={(e) => set({ inspectorId: e.currentTarget.value })}
            >
              <option value="">{t('plan.chooseInspector')}</option>
              {inspectors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id={`${ids.inspector}-error`} message={errorFor('inspector')} />
          </div>
        )}
        <fieldset class="fieldset" aria-describedby={areaError ? `${ids.area}-error` : undefined}>
          <legend>{t('plan.areas')}</legend>
          <p class="hint">{t('plan.areasHint')}</p>
          <FieldError id={`${ids.area}-error`} message={areaError} />
          <ul class="choice-list">
            {areas.map((a) => (
              <li key={a}>
                <input
                  type="checkbox"
                  id={`${ids.area}-${a}`}
                  name={ids.area}
                  value={a}
                  checked={draft.areas.includes(a)}
                  disabled={!templates[a]}
                  aria-invalid={areaError ? 'true' : undefined}
                  aria-describedby={`${ids.area}-${a}-hint`}
                  onChange={(e) => set({ areas: e.currentTarget.checked ? [...draft.areas, a] : draft.areas.filter((x) => x !== a) })}
                />
                <label for={`${ids.area}-${a}`}>
                  {t(`area.${a}`)}
                  <span id={`${ids.area}-${a}-hint`} class="choice-hint">
                    {templates[a] ? t('plan.checklist', { title: templates[a].title[lang], revision: templates[a].revision }) : t('plan.noChecklist')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="field field-narrow">
          <label for={ids.plannedDate}>{t('plan.date')}</label>
          <input
            id={ids.plannedDate}
            type="date"
            value={draft.plannedDate}
            aria-invalid={dateError ? 'true' : undefined}
            aria-describedby={dateError ? `${ids.plannedDate}-error` : undefined}
            onInput={(e) => set({ plannedDate: e.currentTarget.value })}
          />
          <FieldError id={`${ids.plannedDate}-error`} message={dateError} />
        </div>
        <fieldset class="fieldset">
          <legend>{t('visit.mode')}</legend>
          <ul class="choice-list choice-list-inline">
            {visitModes.map((mode) => (
              <li key={mode}>
                <input type="radio" id={`${ids.mode}-${mode}`} name={ids.mode} checked={draft.mode === mode} onChange={() => set({ mode })} />
                <label for={`${ids.mode}-${mode}`}>{t(`visit.mode.${mode}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="field field-narrow">
          <label for={ids.diaryNumber}>
            {t('visit.diaryNumber')} <span class="muted">({t('plan.optional')})</span>
          </label>
          <input id={ids.diaryNumber} type="text" maxLength={40} autocomplete="off" value={draft.diaryNumber} onInput={(e) => set({ diaryNumber: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={ids.agenda}>{t('plan.agenda')}</label>
          <textarea id={ids.agenda} rows={4} maxLength={10_000} value={draft.agenda} onInput={(e) => set({ agenda: e.currentTarget.value })} />
        </div>
        {draft.municipalityId && (
          <DirectoryAttendees municipalityId={draft.municipalityId} visitAreas={draft.areas} rows={draft.attendees} onChange={(rows) => set({ attendees: rows })} />
        )}
        <AttendeesEditor rows={draft.attendees} onChange={(rows) => set({ attendees: rows })} errors={attendeeErrors} />
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={save.busy}>
            {t('plan.submit')}
          </button>
          <a class="button button-secondary" href={visitPaths.list}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </Page>
  );
}
