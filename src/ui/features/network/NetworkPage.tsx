// The contact network of the user's regions: every contact person, searched by name, municipality (its
// Finnish or Swedish name) or organisation, filtered by area, municipality, when last confirmed and
// whether active; confirmed, edited, deactivated here, offline, syncing like any edit. The addresses of
// those shown can be copied or put in Bcc of e-mails (the invitation), and the list exported as CSV.
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import { confirmContact, setContactActive } from '../../../db/contacts.ts';
import { filterContactDirectory, loadContactDirectory, type DirectoryEntry, type DirectoryFilter } from '../../../db/contact-directory.ts';
import { municipalityName } from '../../../db/queries.ts';
import { can } from '../../../shared/policy.ts';
import { isOneOf, supervisionAreas } from '../../../shared/vocabulary.ts';
import { LiveState } from '../../common/LiveState.tsx';
import { Page } from '../../common/Page.tsx';
import { downloadText } from '../../common/download.ts';
import { useLiveQuery } from '../../common/use-live-query.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { networkPaths } from '../../app/routes.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ContactCard } from '../municipality/ContactCard.tsx';
import { ContactForm } from '../municipality/ContactForm.tsx';
import { CsvExport } from '../../common/CsvExport.tsx';
import { directoryCsv } from './directory-csv.ts';
import { Invitation } from './Invitation.tsx';
import '../municipality/municipality.css';
import '../region/region.css';
import './network.css';

const statuses = ['active', 'inactive', 'all'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function NetworkPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { db, session } = useSignedIn();
  const me = session.user;
  const ids = { search: useId(), area: useId(), municipality: useId(), before: useId(), status: useId() };
  const [filter, setFilter] = useState<DirectoryFilter>({ search: '', area: '', municipalityId: '', confirmedBefore: '', active: 'active' });
  const set = <K extends keyof DirectoryFilter>(key: K, value: DirectoryFilter[K]) => setFilter((f) => ({ ...f, [key]: value }));
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ key: MessageKey; name: string; error?: boolean } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const data = useLiveQuery(() => loadContactDirectory(db, me.regionIds, lang), [db, me.regionIds.join(','), lang]);
  const entries = data.state === 'ready' ? data.value.entries : [];
  const applied = { ...filter, confirmedBefore: ISO_DATE.test(filter.confirmedBefore) ? filter.confirmedBefore : '' };
  const shown = useMemo(
    () => filterContactDirectory(entries, applied),
    [entries, applied.search, applied.area, applied.municipalityId, applied.confirmedBefore, applied.active],
  );

  const title = t('network.title');
  if (data.state !== 'ready') {
    return (
      <Page title={title} className="network-page">
        <LiveState state={data.state} />
      </Page>
    );
  }
  const { municipalities } = data.value;
  const canImport = me.role !== 'admin' && municipalities.some((m) => can(me, 'editContacts', { regionId: m.regionId }));

  const run = async (work: Promise<unknown>, key: MessageKey, name: string) => {
    try {
      await work;
      setMessage({ key, name });
    } catch (e) {
      console.error('A contact could not be changed', e);
      setMessage({ key: 'contact.changeFailed', name, error: true });
    }
  };
  const exportCsv = (separator: ',' | ';') => downloadText(`${t('network.csv.fileWord')}.csv`, directoryCsv(shown, separator, i18n), 'text/csv;charset=utf-8');

  return (
    <Page title={title} className="network-page">
      <p class="region-links">
        <a href={networkPaths.meetings}>{t('meetings.link')}</a>
        <a href={networkPaths.gaps}>{t('network.gapsLink')}</a>
        {canImport && <a href={networkPaths.import}>{t('network.importLink')}</a>}
      </p>
      <form class="region-controls" role="search" aria-label={t('network.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
        <div class="field network-search">
          <label for={ids.search}>{t('network.search')}</label>
          <input id={ids.search} type="search" value={filter.search} autoComplete="off" onInput={(e) => set('search', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.area}>{t('network.area')}</label>
          <select id={ids.area} value={filter.area} onChange={(e) => set('area', isOneOf(supervisionAreas, e.currentTarget.value) ? e.currentTarget.value : '')}>
            <option value="">{t('network.allAreas')}</option>
            {supervisionAreas.map((a) => (
              <option key={a} value={a}>
                {t(`area.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={ids.municipality}>{t('network.municipality')}</label>
          <select id={ids.municipality} value={filter.municipalityId} onChange={(e) => set('municipalityId', e.currentTarget.value)}>
            <option value="">{t('network.allMunicipalities')}</option>
            {municipalities.map((m) => (
              <option key={m.id} value={m.id}>
                {municipalityName(m.name, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={ids.before}>{t('network.confirmedBefore')}</label>
          <input id={ids.before} type="date" value={filter.confirmedBefore} onInput={(e) => set('confirmedBefore', e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for={ids.status}>{t('network.status')}</label>
          <select id={ids.status} value={filter.active} onChange={(e) => set('active', isOneOf(statuses, e.currentTarget.value) ? e.currentTarget.value : 'active')}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`network.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <p class="muted region-shown" aria-live="polite">
        {t('network.shown', { count: shown.length, total: entries.length })}
      </p>

      <section class="region-section" aria-labelledby="network-send-title">
        <h2 id="network-send-title">{t('network.sendTitle')}</h2>
        <Invitation entries={shown} of="directory" />
        <CsvExport label={t('network.csv.export')} disabled={shown.length === 0} onExport={exportCsv} />
      </section>

      <section class="region-section" aria-labelledby="network-list-title">
        <h2 id="network-list-title" ref={heading} tabIndex={-1}>
          {t('network.listTitle')}
        </h2>
        <p class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
          {message && t(message.key, { name: message.name })}
        </p>
        {entries.length === 0 ? (
          <p class="empty-state">{t('network.none')}</p>
        ) : shown.length === 0 ? (
          <p class="empty-state">{t('network.noneMatch')}</p>
        ) : (
          <ul class="card-list contact-list network-list">
            {shown.map((c) => (c.id === editing ? editRow(c) : card(c)))}
          </ul>
        )}
      </section>
    </Page>
  );

  // Plain functions, not components: a component declared in here would be a new type at each render.
  function card(c: DirectoryEntry) {
    return (
      <ContactCard
        key={c.id}
        contact={c}
        municipality={c.municipality}
        canEdit={can(me, 'editContacts', { regionId: c.municipality.regionId })}
        onEdit={() => setEditing(c.id)}
        onSetActive={(active) => void run(setContactActive(db, c.id, active, me), active ? 'contact.activated' : 'contact.deactivated', c.name)}
        onConfirm={() => void run(confirmContact(db, c.id, me), 'contact.confirmed', c.name)}
      />
    );
  }
  function editRow(c: DirectoryEntry) {
    const finish = (saved: { name: string } | null) => {
      setEditing(null);
      if (saved) setMessage({ key: 'contact.saved', name: saved.name });
      heading.current?.focus();
    };
    return (
      <li key={c.id} class="contact-edit">
        <ContactForm municipalityId={c.municipalityId} contact={c} onDone={finish} />
      </li>
    );
  }
}
