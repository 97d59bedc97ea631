// Planning a network meeting or training, or editing one's details, offline: the region (when the user has
// several), title, kind, areas, date, start and end time, place, online link and agenda. Errors are said
// in words next to their fields and summed up above the form; nothing is written until all is well.
import { useId, useRef, useState } from 'preact/hooks';
import type { LocalRecord } from '../../../db/database.ts';
import { saveMeeting, type MeetingInput } from '../../../db/meetings.ts';
import { loadRegions } from '../../../db/region-queries.ts';
import { can } from '../../../shared/policy.ts';
import { meetingKinds, supervisionAreas } from '../../../shared/vocabulary.ts';
import { FieldError } from '../../common/FieldError.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n } from '../../i18n/index.ts';
import { navigate } from '../../app/router.ts';
import { networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { validateMeeting, type MeetingError, type MeetingField } from './meeting-form.ts';
import './meetings.css';

type Draft = MeetingInput & { regionId: string };

export function MeetingFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const meetingId = params['id'];
  const data = useLiveQuery(
    async () => ({ regions: await loadRegions(db, me.regionIds), meeting: meetingId ? ((await db.meeting.get(meetingId)) ?? null) : null }),
    [db, me.regionIds.join(','), meetingId],
  );
  const title = t(meetingId ? 'meetings.form.editTitle' : 'meetings.form.newTitle');

  if (data.state !== 'ready') {
    return (
      <Page title={title} className="meetings-page">
        <LiveState state={data.state} />
      </Page>
    );
  }
  const { regions, meeting } = data.value;
  if (meetingId && (!meeting || meeting.deleted)) {
    return (
      <Page title={title} className="meetings-page">
        <p class="empty-state">{t('meetings.notFound')}</p>
        <p>
          <a href={networkPaths.meetings}>{t('meetings.backToList')}</a>
        </p>
      </Page>
    );
  }
  const writable = regions.filter((r) => can(me, 'editMeetings', { regionId: r.id }));
  // The form keeps its own draft from here on, whatever a sync brings meanwhile; a key per meeting.
  return <MeetingForm key={meeting?.id ?? 'new'} title={title} meeting={meeting ?? null} regions={writable.map((r) => ({ id: r.id, name: r.name }))} />;
}

function MeetingForm({ title, meeting, regions }: { title: string; meeting: LocalRecord<'meeting'> | null; regions: Pick<LocalRecord<'region'>, 'id' | 'name'>[] }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const [draft, setDraft] = useState<Draft>(() => ({
    regionId: meeting?.regionId ?? (regions.length === 1 ? regions[0]!.id : ''),
    title: meeting?.title ?? '',
    kind: meeting?.kind ?? 'network',
    areas: meeting?.areas ?? [],
    date: meeting?.date ?? '',
    startTime: meeting?.startTime ?? '',
    endTime: meeting?.endTime ?? '',
    place: meeting?.place ?? '',
    onlineLink: meeting?.onlineLink ?? '',
    agenda: meeting?.agenda ?? '',
  }));
  const [errors, setErrors] = useState<MeetingError[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const base = useId();
  const ids: Record<MeetingField | 'kind' | 'place' | 'agenda', string> = {
    region: `${base}-region`,
    title: `${base}-title`,
    kind: `${base}-kind`,
    areas: `${base}-areas`,
    date: `${base}-date`,
    startTime: `${base}-start`,
    endTime: `${base}-end`,
    place: `${base}-place`,
    onlineLink: `${base}-link`,
    agenda: `${base}-agenda`,
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorFor = (field: MeetingField) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(e.key) : null;
  };
  const invalid = (field: MeetingField) => (errorFor(field) ? { 'aria-invalid': 'true' as const } : {});
  const describedBy = (field: MeetingField, hint?: string) => {
    const parts = [hint, errorFor(field) ? `${ids[field]}-error` : undefined].filter(Boolean);
    return parts.length > 0 ? parts.join(' ') : undefined;
  };

  const save = useAction(
    async (input: Draft) => {
      const { regionId, ...fields } = input;
      const saved = await saveMeeting(db, regionId, fields, meeting?.id, session.user);
      navigate(networkPaths.meeting(saved.id), { replace: !meeting });
    },
    { log: 'The meeting could not be saved', keepBusy: true },
  );

  if (regions.length === 0 && !meeting) {
    return (
      <Page title={title} className="meetings-page">
        <p class="empty-state">{t('meetings.form.cannot')}</p>
      </Page>
    );
  }

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (save.busy) return;
    const found = validateMeeting(draft);
    setErrors(found);
    save.clear();
    if (found.length > 0) {
      const first = found[0]!.field;
      // After the errors are drawn, so aria-describedby already points at them when focus lands.
      setTimeout(() => (first === 'areas' ? formRef.current?.querySelector<HTMLElement>(`input[name="${ids.areas}"]`) : document.getElementById(ids[first]))?.focus(), 0);
      return;
    }
    await save.run(draft);
  };

  const timeHint = `${base}-time-hint`;
  const linkHint = `${base}-link-hint`;
  return (
    <Page title={title} className="meetings-page">
      <p class="back-link">
        <a href={meeting ? networkPaths.meeting(meeting.id) : networkPaths.meetings}>{meeting ? meeting.title : t('meetings.backToList')}</a>
      </p>
      <form ref={formRef} class="meeting-form" onSubmit={onSubmit} noValidate>
        <div role="alert" class={errors.length > 0 || save.failed ? 'form-errors' : 'form-errors empty'}>
          {save.failed && <p>{t('meetings.form.saveFailed')}</p>}
          {errors.length > 0 && (
            <>
              <p>{t('meetings.form.problems', { count: errors.length })}</p>
              <ul>
                {errors.map((e) => (
                  <li key={e.field}>{t(e.key)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        {!meeting && regions.length > 1 && (
          <div class="field field-narrow">
            <label for={ids.region}>{t('meetings.field.region')}</label>
            <select id={ids.region} value={draft.regionId} {...invalid('region')} aria-describedby={describedBy('region')} onChange={(e) => set({ regionId: e.currentTarget.value })}>
              <option value="">{t('meetings.error.region')}</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name[lang]}
                </option>
              ))}
            </select>
            <FieldError id={`${ids.region}-error`} message={errorFor('region')} />
          </div>
        )}
        <div class="field">
          <label for={ids.title}>{t('meetings.field.title')}</label>
          <input id={ids.title} type="text" maxLength={200} autocomplete="off" value={draft.title} {...invalid('title')} aria-describedby={describedBy('title')} onInput={(e) => set({ title: e.currentTarget.value })} />
          <FieldError id={`${ids.title}-error`} message={errorFor('title')} />
        </div>
        <fieldset class="fieldset">
          <legend>{t('meetings.field.kind')}</legend>
          <ul class="choice-list choice-list-inline">
            {meetingKinds.map((kind) => (
              <li key={kind}>
                <input type="radio" id={`${ids.kind}-${kind}`} name={ids.kind} checked={draft.kind === kind} onChange={() => set({ kind })} />
                <label for={`${ids.kind}-${kind}`}>{t(`meetings.kind.${kind}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset class="fieldset" aria-describedby={errorFor('areas') ? `${ids.areas}-error` : undefined}>
          <legend>{t('meetings.field.areas')}</legend>
          <FieldError id={`${ids.areas}-error`} message={errorFor('areas')} />
          <ul class="choice-list">
            {supervisionAreas.map((a) => (
              <li key={a}>
                <input
                  type="checkbox"
                  id={`${ids.areas}-${a}`}
                  name={ids.areas}
                  checked={draft.areas.includes(a)}
                  {...invalid('areas')}
                  onChange={(e) => set({ areas: e.currentTarget.checked ? supervisionAreas.filter((x) => x === a || draft.areas.includes(x)) : draft.areas.filter((x) => x !== a) })}
                />
                <label for={`${ids.areas}-${a}`}>{t(`area.${a}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="meeting-when">
          <div class="field">
            <label for={ids.date}>{t('meetings.field.date')}</label>
            <input id={ids.date} type="date" value={draft.date} {...invalid('date')} aria-describedby={describedBy('date')} onInput={(e) => set({ date: e.currentTarget.value })} />
            <FieldError id={`${ids.date}-error`} message={errorFor('date')} />
          </div>
          <div class="field">
            <label for={ids.startTime}>{t('meetings.field.startTime')}</label>
            <input id={ids.startTime} type="time" value={draft.startTime} {...invalid('startTime')} aria-describedby={describedBy('startTime', timeHint)} onInput={(e) => set({ startTime: e.currentTarget.value })} />
            <FieldError id={`${ids.startTime}-error`} message={errorFor('startTime')} />
          </div>
          <div class="field">
            <label for={ids.endTime}>{t('meetings.field.endTime')}</label>
            <input id={ids.endTime} type="time" value={draft.endTime} {...invalid('endTime')} aria-describedby={describedBy('endTime', timeHint)} onInput={(e) => set({ endTime: e.currentTarget.value })} />
            <FieldError id={`${ids.endTime}-error`} message={errorFor('endTime')} />
          </div>
          <p id={timeHint} class="hint meeting-time-hint">
            {t('meetings.field.timeHint')}
          </p>
        </div>
        <div class="field">
          <label for={ids.place}>{t('meetings.field.place')}</label>
          <input id={ids.place} type="text" maxLength={300} value={draft.place} onInput={(e) => set({ place: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for={ids.onlineLink}>{t('meetings.field.onlineLink')}</label>
          <p id={linkHint} class="hint">
            {t('meetings.field.onlineHint')}
          </p>
          <input id={ids.onlineLink} type="url" inputMode="url" maxLength={2000} autocomplete="off" value={draft.onlineLink} {...invalid('onlineLink')} aria-describedby={describedBy('onlineLink', linkHint)} onInput={(e) => set({ onlineLink: e.currentTarget.value })} />
          <FieldError id={`${ids.onlineLink}-error`} message={errorFor('onlineLink')} />
        </div>
        <div class="field">
          <label for={ids.agenda}>{t('meetings.field.agenda')}</label>
          <textarea id={ids.agenda} rows={5} maxLength={10_000} value={draft.agenda} onInput={(e) => set({ agenda: e.currentTarget.value })} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={save.busy}>
            {t(meeting ? 'meetings.form.save' : 'meetings.form.create')}
          </button>
          <a class="button button-secondary" href={meeting ? networkPaths.meeting(meeting.id) : networkPaths.meetings}>
            {t('meetings.form.cancel')}
          </a>
        </div>
      </form>
    </Page>
  );
}
