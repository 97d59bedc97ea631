// One network meeting or training: its details; inviting contact persons (a filter by area, municipality
// and name, then all those shown at once, or one by one); the invitation (the invited's addresses copied or
// in Bcc of e-mails, and a calendar file); who came, one tap a person, and guests per municipality; the
// minutes as typed and material links; held, cancelled or planned again; a planned one deleted. Offline,
// read through a live query, every change written with its outbox row by db/meetings.ts.
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { filterContactDirectory } from '../../../db/contact-directory.ts';
import { loadMeetingDetail, type InvitedContact, type MeetingDetail } from '../../../db/meeting-queries.ts';
import { addMaterial, deleteMeeting, inviteContacts, removeMaterial, saveMinutes, setAttended, setGuests, setMeetingStatus, uninviteContact } from '../../../db/meetings.ts';
import { municipalityName } from '../../../db/queries.ts';
import { can } from '../../../shared/policy.ts';
import type { MeetingFields } from '../../../shared/records.ts';
import { isOneOf, supervisionAreas, type SupervisionArea } from '../../../shared/vocabulary.ts';
import { AutosaveTextarea } from '../../common/AutosaveTextarea.tsx';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { FieldError } from '../../common/FieldError.tsx';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { downloadText } from '../../common/download.ts';
import { useAction } from '../../common/use-action.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { navigate } from '../../app/router.ts';
import { municipalityPaths, networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { meetingIcs } from './ics.ts';
import { Invitation } from './Invitation.tsx';
import { isWebLink, meetingWhen } from './meeting-form.ts';
import '../../common/facts.css';
import '../../common/section.css';
import './meetings.css';

type Notice = { text: string; error?: boolean };

export function MeetingPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const id = params['id'] ?? '';
  const data = useLiveQuery(() => loadMeetingDetail(db, id, session.user.regionIds, lang), [db, id, session.user.regionIds.join(','), lang]);

  if (data.state !== 'ready' || data.value === null) {
    return (
      <Page title={t('meetings.title')} className="meetings-page">
        {data.state === 'ready' ? <p class="empty-state">{t('meetings.notFound')}</p> : <LiveState state={data.state} />}
        <p>
          <a href={networkPaths.meetings}>{t('meetings.backToList')}</a>
        </p>
      </Page>
    );
  }
  return <MeetingView detail={data.value} />;
}

function MeetingView({ detail }: { detail: MeetingDetail }) {
  const { t, dateLocale } = useI18n();
  const { db, session } = useSignedIn();
  const me = session.user;
  const { meeting } = detail;
  const canEdit = can(me, 'editMeetings', { regionId: meeting.regionId });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const status = useAction(
    async (next: MeetingFields['status']) => {
      await setMeetingStatus(db, meeting.id, next, me);
      const said: Record<MeetingFields['status'], MessageKey> = { held: 'meetings.nowHeld', cancelled: 'meetings.nowCancelled', planned: 'meetings.nowPlanned' };
      setNotice({ text: t(said[next]) });
    },
    { log: 'A meeting’s status could not be changed', onFailure: () => setNotice({ text: t('meetings.changeFailed'), error: true }) },
  );
  const remove = useAction(
    async () => {
      await deleteMeeting(db, meeting.id, me);
      navigate(networkPaths.meetings, { replace: true });
    },
    { log: 'A meeting could not be deleted', keepBusy: true, onFailure: () => setNotice({ text: t('meetings.changeFailed'), error: true }) },
  );

  const downloadIcs = () => downloadText(`${t('meetings.send.fileWord')}-${meeting.date}.ics`, meetingIcs(meeting, new Date()), 'text/calendar;charset=utf-8');
  const invitedEntries = detail.invited.flatMap((i) => (i.entry ? [i.entry] : []));

  return (
    <Page title={meeting.title} className="meetings-page meeting-page">
      <p class="back-link">
        <a href={networkPaths.meetings}>{t('meetings.backToList')}</a>
      </p>
      <section class="card report-section meeting-details" aria-labelledby="meeting-details">
        <h2 id="meeting-details" class="visually-hidden">
          {t('meetings.detailsTitle')}
        </h2>
        <p class="visit-badges">
          <span class={`badge meeting-status-${meeting.status}`}>{t(`meetings.status.${meeting.status}`)}</span>
          <span class="badge">{t(`meetings.kind.${meeting.kind}`)}</span>
        </p>
        <dl class="facts">
          <div>
            <dt>{t('meetings.when')}</dt>
            <dd>{meetingWhen(meeting, dateLocale, t('meetings.allDay'))}</dd>
          </div>
          {meeting.place && (
            <div>
              <dt>{t('meetings.place')}</dt>
              <dd>{meeting.place}</dd>
            </div>
          )}
          {meeting.onlineLink && (
            <div>
              <dt>{t('meetings.link.online')}</dt>
              <dd>
                <a href={meeting.onlineLink} target="_blank" rel="noopener noreferrer">
                  {meeting.onlineLink}
                </a>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('meetings.areas')}</dt>
            <dd>{meeting.areas.map((a) => t(`area.${a}`)).join(', ')}</dd>
          </div>
          {meeting.agenda && (
            <div>
              <dt>{t('meetings.agenda')}</dt>
              <dd class="pre-line">{meeting.agenda}</dd>
            </div>
          )}
        </dl>
        {canEdit && (
          <div class="record-actions meeting-status-actions">
            <a class="button button-secondary" href={networkPaths.editMeeting(meeting.id)}>
              {t('meetings.edit')}
            </a>
            {meeting.status !== 'held' && (
              <button type="button" class="button button-primary" disabled={status.busy} onClick={() => void status.run('held')}>
                {t('meetings.markHeld')}
              </button>
            )}
            {meeting.status !== 'planned' && (
              <button type="button" class="button button-secondary" disabled={status.busy} onClick={() => void status.run('planned')}>
                {t('meetings.markPlanned')}
              </button>
            )}
            {meeting.status === 'planned' && (
              <button type="button" class="button button-secondary" disabled={status.busy} onClick={() => void status.run('cancelled')}>
                {t('meetings.markCancelled')}
              </button>
            )}
            {meeting.status === 'planned' && (
              <button type="button" class="button button-quiet-danger" disabled={remove.busy} onClick={() => setConfirmDelete(true)}>
                {t('meetings.delete')}
              </button>
            )}
          </div>
        )}
        <p class={notice?.error ? 'notice notice-error' : 'save-state'} role="status">
          {notice?.text}
        </p>
      </section>
      {confirmDelete && (
        <ConfirmDialog
          title={t('meetings.deleteTitle')}
          text={t('meetings.deleteText', { title: meeting.title })}
          confirmLabel={t('meetings.deleteConfirm')}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void remove.run();
          }}
        />
      )}

      <Attendance detail={detail} canEdit={canEdit} />
      <Guests detail={detail} canEdit={canEdit} />

      <section class="report-section" aria-labelledby="meeting-send">
        <h2 id="meeting-send">{t('meetings.sendTitle')}</h2>
        <Invitation entries={invitedEntries} of="meeting" />
        <div class="meeting-ics">
          <button type="button" class="button button-secondary" onClick={downloadIcs}>
            {t('meetings.send.ics')}
          </button>
          <p class="hint">{t('meetings.send.icsHint')}</p>
        </div>
      </section>

      {canEdit && <Invite detail={detail} />}

      <section class="report-section" aria-labelledby="meeting-minutes">
        <h2 id="meeting-minutes">{t('meetings.minutesTitle')}</h2>
        <AutosaveTextarea
          label={t('meetings.minutes')}
          value={meeting.minutes ?? ''}
          rows={8}
          maxLength={20_000}
          readOnly={!canEdit}
          onSave={(text) => saveMinutes(db, meeting.id, text, me)}
        />
        <Materials meeting={meeting} canEdit={canEdit} />
      </section>
    </Page>
  );
}

/** Who came: a large row per invited person, ticked with one tap; taps in a row are each written. */
function Attendance({ detail, canEdit }: { detail: MeetingDetail; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { meeting, invited } = detail;
  // What a tap set, shown until the live query reads it back (or the write fails).
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [notice, setNotice] = useState<Notice | null>(null);
  const stored = new Map(invited.map((i) => [i.id, i.attended]));
  const storedKey = invited.map((i) => `${i.id}:${i.attended ? 1 : 0}`).join(',');
  useEffect(() => {
    setPending((p) => {
      const left = [...p].filter(([contactId, came]) => stored.get(contactId) !== came);
      return left.length === p.size ? p : new Map(left);
    });
  }, [storedKey]);

  const toggle = (contactId: string, came: boolean) => {
    setPending((p) => new Map(p).set(contactId, came));
    setNotice(null);
    setAttended(db, meeting.id, contactId, came, session.user).catch((error: unknown) => {
      console.error('Attendance could not be saved', error);
      setPending((p) => {
        const next = new Map(p);
        next.delete(contactId);
        return next;
      });
      setNotice({ text: t('meetings.attendance.failed'), error: true });
    });
  };
  const uninvite = useAction(
    async (contact: InvitedContact, name: string) => {
      await uninviteContact(db, meeting.id, contact.id, session.user);
      setNotice({ text: t('meetings.invite.removed', { name }) });
    },
    { log: 'A contact could not be uninvited', onFailure: () => setNotice({ text: t('meetings.changeFailed'), error: true }) },
  );

  const came = invited.filter((i) => pending.get(i.id) ?? i.attended).length;
  return (
    <section class="report-section" aria-labelledby="meeting-attendance">
      <h2 id="meeting-attendance">
        {t('meetings.attendanceTitle')} <span class="count">({t('meetings.attendance.count', { count: came, invited: invited.length })})</span>
      </h2>
      {invited.length === 0 ? (
        <p class="muted">{t('meetings.attendance.none')}</p>
      ) : (
        <>
          {canEdit && <p class="hint">{t('meetings.attendance.hint')}</p>}
          <ul class="attendance-list">
            {invited.map((i) => {
              const name = i.entry?.name ?? t('meetings.unknownContact');
              const checked = pending.get(i.id) ?? i.attended;
              const boxId = `attended-${i.id}`;
              return (
                <li key={i.id} class={checked ? 'attendance-row came' : 'attendance-row'}>
                  <input id={boxId} type="checkbox" checked={checked} disabled={!canEdit} onChange={(e) => toggle(i.id, e.currentTarget.checked)} />
                  <label for={boxId}>
                    <span class="attendance-name">{name}</span>
                    {i.entry && (
                      <span class="attendance-meta">
                        {municipalityName(i.entry.municipality.name, lang)}
                        {!i.entry.active && ` · ${t('meetings.inactive')}`}
                      </span>
                    )}
                  </label>
                  {canEdit && !checked && (
                    <button type="button" class="button button-quiet" aria-label={t('meetings.invite.removeLabel', { name })} disabled={uninvite.busy} onClick={() => void uninvite.run(i, name)}>
                      {t('meetings.invite.remove')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <p class={notice?.error ? 'notice notice-error' : 'save-state'} role="status">
        {notice?.text}
      </p>
    </section>
  );
}

/** Guests not in the directory: a count (and names) per municipality. */
function Guests({ detail, canEdit }: { detail: MeetingDetail; canEdit: boolean }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { meeting, guests, directory } = detail;
  const base = useId();
  const [form, setForm] = useState({ municipalityId: '', count: '', names: '' });
  const [errors, setErrors] = useState<{ municipality?: string; count?: string }>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const nameOf = (g: (typeof guests)[number]) => (g.municipality ? municipalityName(g.municipality.name, lang) : t('meetings.guests.unknownMunicipality', { code: g.municipalityId }));
  const save = useAction(
    async (municipalityId: string, count: number, names: string, label: string) => {
      await setGuests(db, meeting.id, municipalityId, count, names, session.user);
      setNotice({ text: t('meetings.guests.saved', { municipality: label }) });
      if (count > 0) setForm({ municipalityId: '', count: '', names: '' });
    },
    { log: 'Guests could not be saved', onFailure: () => setNotice({ text: t('meetings.changeFailed'), error: true }) },
  );

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const count = Number(form.count);
    const found = {
      ...(form.municipalityId === '' ? { municipality: t('meetings.guests.municipalityMissing') } : {}),
      ...(!/^\d+$/.test(form.count.trim()) || count < 1 || count > 500 ? { count: t('meetings.guests.countInvalid') } : {}),
    };
    setErrors(found);
    if (found.municipality) return document.getElementById(`${base}-municipality`)?.focus();
    if (found.count) return document.getElementById(`${base}-count`)?.focus();
    const m = directory.municipalities.find((x) => x.id === form.municipalityId);
    void save.run(form.municipalityId, count, form.names, m ? municipalityName(m.name, lang) : form.municipalityId);
  };
  // Choosing a municipality that has guests already shows what was recorded, to correct it.
  const choose = (municipalityId: string) => {
    const had = guests.find((g) => g.municipalityId === municipalityId);
    setForm({ municipalityId, count: had ? String(had.count) : '', names: had?.names ?? '' });
  };

  return (
    <section class="report-section" aria-labelledby="meeting-guests">
      <h2 id="meeting-guests">{t('meetings.guestsTitle')}</h2>
      {guests.length === 0 ? (
        <p class="muted">{t('meetings.guests.none')}</p>
      ) : (
        <ul class="card-list meeting-guests">
          {guests.map((g) => (
            <li key={g.municipalityId} class="card meeting-guest">
              <p>
                <strong>{nameOf(g)}</strong>: {t('meetings.guestsCount', { count: g.count })}
                {g.names && <span class="meeting-guest-names"> ({g.names})</span>}
              </p>
              {canEdit && (
                <button type="button" class="button button-quiet" aria-label={t('meetings.guests.removeLabel', { municipality: nameOf(g) })} disabled={save.busy} onClick={() => void save.run(g.municipalityId, 0, '', nameOf(g))}>
                  {t('meetings.guests.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form class="meeting-guest-form" onSubmit={onSubmit} noValidate>
          <p class="hint">{t('meetings.guests.hint')}</p>
          <div class="meeting-inline-fields">
            <div class="field">
              <label for={`${base}-municipality`}>{t('meetings.guests.municipality')}</label>
              <select
                id={`${base}-municipality`}
                value={form.municipalityId}
                aria-invalid={errors.municipality ? 'true' : undefined}
                aria-describedby={errors.municipality ? `${base}-municipality-error` : undefined}
                onChange={(e) => choose(e.currentTarget.value)}
              >
                <option value="">{t('meetings.guests.choose')}</option>
                {directory.municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {municipalityName(m.name, lang)}
                  </option>
                ))}
              </select>
              <FieldError id={`${base}-municipality-error`} message={errors.municipality} />
            </div>
            <div class="field meeting-count">
              <label for={`${base}-count`}>{t('meetings.guests.count')}</label>
              <input
                id={`${base}-count`}
                type="number"
                inputMode="numeric"
                min={1}
                max={500}
                value={form.count}
                aria-invalid={errors.count ? 'true' : undefined}
                aria-describedby={errors.count ? `${base}-count-error` : undefined}
                onInput={(e) => setForm((f) => ({ ...f, count: e.currentTarget.value }))}
              />
              <FieldError id={`${base}-count-error`} message={errors.count} />
            </div>
          </div>
          <div class="field">
            <label for={`${base}-names`}>{t('meetings.guests.names')}</label>
            <input id={`${base}-names`} type="text" maxLength={1000} value={form.names} onInput={(e) => setForm((f) => ({ ...f, names: e.currentTarget.value }))} />
          </div>
          <button type="submit" class="button button-secondary" disabled={save.busy}>
            {t('meetings.guests.save')}
          </button>
        </form>
      )}
      <p class={notice?.error ? 'notice notice-error' : 'save-state'} role="status">
        {notice?.text}
      </p>
    </section>
  );
}

/** Inviting: the directory's active contact persons not invited yet, filtered; all those shown at once, or one by one. */
function Invite({ detail }: { detail: MeetingDetail }) {
  const { t, lang } = useI18n();
  const { db, session } = useSignedIn();
  const { meeting, directory } = detail;
  const base = useId();
  const [filter, setFilter] = useState<{ search: string; area: SupervisionArea | ''; municipalityId: string }>({ search: '', area: '', municipalityId: '' });
  const [notice, setNotice] = useState<Notice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const invitedIds = useMemo(() => new Set([...meeting.invited, ...meeting.attended]), [meeting.invited, meeting.attended]);
  const candidates = useMemo(() => directory.entries.filter((e) => !invitedIds.has(e.id)), [directory.entries, invitedIds]);
  const shown = useMemo(() => filterContactDirectory(candidates, { ...filter, confirmedBefore: '', active: 'active' }), [candidates, filter]);
  const invite = useAction(
    async (contactIds: string[]) => {
      await inviteContacts(db, meeting.id, contactIds, session.user);
      setNotice({ text: t('meetings.invite.done', { count: contactIds.length }) });
    },
    { log: 'Contacts could not be invited', onFailure: () => setNotice({ text: t('meetings.changeFailed'), error: true }) },
  );
  const set = (patch: Partial<typeof filter>) => setFilter((f) => ({ ...f, ...patch }));
  const active = directory.entries.some((e) => e.active);

  return (
    <section class="report-section" aria-labelledby="meeting-invite">
      <h2 id="meeting-invite" ref={heading} tabIndex={-1}>
        {t('meetings.inviteTitle')}
      </h2>
      {!active ? (
        <p class="muted">{t('meetings.invite.noDirectory')}</p>
      ) : (
        <>
          <form class="meeting-invite-filters" role="search" aria-label={t('meetings.invite.filters')} onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for={`${base}-area`}>{t('meetings.invite.area')}</label>
              <select id={`${base}-area`} value={filter.area} onChange={(e) => set({ area: isOneOf(supervisionAreas, e.currentTarget.value) ? e.currentTarget.value : '' })}>
                <option value="">{t('meetings.invite.allAreas')}</option>
                {supervisionAreas.map((a) => (
                  <option key={a} value={a}>
                    {t(`area.${a}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${base}-municipality`}>{t('meetings.invite.municipality')}</label>
              <select id={`${base}-municipality`} value={filter.municipalityId} onChange={(e) => set({ municipalityId: e.currentTarget.value })}>
                <option value="">{t('meetings.invite.allMunicipalities')}</option>
                {directory.municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {municipalityName(m.name, lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${base}-search`}>{t('meetings.invite.search')}</label>
              <input id={`${base}-search`} type="search" autoComplete="off" value={filter.search} onInput={(e) => set({ search: e.currentTarget.value })} />
            </div>
          </form>
          <p class="muted" aria-live="polite">
            {shown.length === 0 ? t('meetings.invite.allInvited') : t('meetings.invite.shown', { count: shown.length })}
          </p>
          {shown.length > 0 && (
            <p>
              <button type="button" class="button button-primary" disabled={invite.busy} onClick={() => void invite.run(shown.map((e) => e.id))}>
                {t('meetings.invite.all', { count: shown.length })}
              </button>
            </p>
          )}
          <p class={notice?.error ? 'notice notice-error' : 'save-state'} role="status">
            {notice?.text}
          </p>
          {shown.length > 0 && (
            <ul class="invite-list">
              {shown.map((e) => (
                <li key={e.id} class="invite-row">
                  <span>
                    <span class="attendance-name">{e.name}</span>
                    <span class="attendance-meta">
                      <a href={municipalityPaths.municipality(e.municipalityId)}>{municipalityName(e.municipality.name, lang)}</a>
                      {e.title && ` · ${e.title}`}
                    </span>
                  </span>
                  <button type="button" class="button button-secondary" aria-label={t('meetings.invite.oneLabel', { name: e.name })} disabled={invite.busy} onClick={() => void invite.run([e.id])}>
                    {t('meetings.invite.one')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Material links: a title and an http(s) link each, added and removed. */
function Materials({ meeting, canEdit }: { meeting: MeetingDetail['meeting']; canEdit: boolean }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const base = useId();
  const [form, setForm] = useState({ title: '', url: '' });
  const [errors, setErrors] = useState<{ title?: string; url?: string }>({});
  const [failed, setFailed] = useState(false);
  const add = useAction(
    async (material: { title: string; url: string }) => {
      await addMaterial(db, meeting.id, material, session.user);
      setForm({ title: '', url: '' });
    },
    { log: 'A material link could not be added', onFailure: () => setFailed(true) },
  );
  const drop = useAction((index: number) => removeMaterial(db, meeting.id, index, session.user), { log: 'A material link could not be removed', onFailure: () => setFailed(true) });
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const found = {
      ...(form.title.trim() === '' ? { title: t('meetings.material.titleMissing') } : {}),
      ...(!isWebLink(form.url) ? { url: t('meetings.material.urlInvalid') } : {}),
    };
    setErrors(found);
    setFailed(false);
    if (found.title) return document.getElementById(`${base}-title`)?.focus();
    if (found.url) return document.getElementById(`${base}-url`)?.focus();
    void add.run({ title: form.title, url: form.url });
  };
  return (
    <>
      <h3 id={`${base}-heading`}>{t('meetings.materialsTitle')}</h3>
      {meeting.materials.length === 0 ? (
        <p class="muted">{t('meetings.material.none')}</p>
      ) : (
        <ul class="meeting-materials" aria-labelledby={`${base}-heading`}>
          {meeting.materials.map((m, i) => (
            <li key={`${i}-${m.url}`}>
              <a href={m.url} target="_blank" rel="noopener noreferrer">
                {m.title}
              </a>
              {canEdit && (
                <button type="button" class="button button-quiet" aria-label={t('meetings.material.removeLabel', { title: m.title })} disabled={drop.busy} onClick={() => void drop.run(i)}>
                  {t('meetings.material.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form class="meeting-material-form" onSubmit={onSubmit} noValidate>
          <div class="meeting-inline-fields">
            <div class="field">
              <label for={`${base}-title`}>{t('meetings.material.title')}</label>
              <input
                id={`${base}-title`}
                type="text"
                maxLength={200}
                value={form.title}
                aria-invalid={errors.title ? 'true' : undefined}
                aria-describedby={errors.title ? `${base}-title-error` : undefined}
                onInput={(e) => setForm((f) => ({ ...f, title: e.currentTarget.value }))}
              />
              <FieldError id={`${base}-title-error`} message={errors.title} />
            </div>
            <div class="field">
              <label for={`${base}-url`}>{t('meetings.material.url')}</label>
              <input
                id={`${base}-url`}
                type="url"
                inputMode="url"
                maxLength={2000}
                value={form.url}
                aria-invalid={errors.url ? 'true' : undefined}
                aria-describedby={errors.url ? `${base}-url-error` : undefined}
                onInput={(e) => setForm((f) => ({ ...f, url: e.currentTarget.value }))}
              />
              <FieldError id={`${base}-url-error`} message={errors.url} />
            </div>
          </div>
          <button type="submit" class="button button-secondary" disabled={add.busy}>
            {t('meetings.material.add')}
          </button>
          {failed && (
            <p class="notice notice-error" role="alert">
              {t('meetings.changeFailed')}
            </p>
          )}
        </form>
      )}
    </>
  );
}
