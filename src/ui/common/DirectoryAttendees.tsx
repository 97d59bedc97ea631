// The municipality's active contact persons offered as the visit's attendees, read from the device (so
// offline too): those of the visit's areas first, marked as suggested, the others after. Ticking one fills
// an attendee row (name, the title as role, the organisation or else the municipality); unticking removes
// the row of that name. Nobody is added until ticked. Planning a visit and the visit's details use it
// beside AttendeesEditor, on the same rows.
import { useId, useState } from 'preact/hooks';
import { municipalityName } from '../../db/queries.ts';
import { loadMunicipalityContacts, type Contact } from '../../db/visit-queries.ts';
import { useI18n } from '../i18n/index.ts';
import { useSignedIn } from '../app/session-context.ts';
import { useLiveQuery } from './use-live-query.ts';
import { LiveState } from './LiveState.tsx';
import { contactsForVisit, hasAttendee, withContact, withoutAttendee, type AttendeeRow } from './attendees.ts';
import './attendees.css';

export function DirectoryAttendees({
  municipalityId,
  visitAreas,
  rows,
  onChange,
}: {
  municipalityId: string;
  /** The areas the visit covers (chosen so far, when planning). */
  visitAreas: readonly string[];
  rows: AttendeeRow[];
  onChange: (rows: AttendeeRow[]) => void;
}) {
  const { t, lang } = useI18n();
  const { db } = useSignedIn();
  const id = useId();
  const [said, setSaid] = useState('');
  const data = useLiveQuery(() => loadMunicipalityContacts(db, municipalityId, lang), [db, municipalityId, lang]);
  if (data.state !== 'ready') return data.state === 'error' ? <LiveState state="error" /> : null;
  const { municipality, contacts } = data.value;
  const place = municipality ? municipalityName(municipality.name, lang) : '';
  const { suggested, others } = contactsForVisit(contacts, visitAreas);

  const toggle = (contact: Contact, on: boolean) => {
    onChange(on ? withContact(rows, contact, place) : withoutAttendee(rows, contact.name));
    setSaid(t(on ? 'attendees.directory.added' : 'attendees.directory.removed', { name: contact.name }));
  };

  const item = (c: Contact, isSuggested: boolean) => {
    const added = hasAttendee(rows, c.name);
    const inputId = `${id}-${c.id}`;
    return (
      <li key={c.id} class={isSuggested ? 'directory-contact directory-contact-suggested' : 'directory-contact'}>
        <input type="checkbox" id={inputId} checked={added} aria-describedby={`${inputId}-about`} onChange={(e) => toggle(c, e.currentTarget.checked)} />
        <div class="directory-contact-text">
          <label for={inputId}>
            <span class="directory-contact-name">{c.name}</span>
            {/* Said by the ticked box itself; aria-hidden keeps it out of the box's name. */}
            {added && (
              <span class="directory-contact-added" aria-hidden="true">
                {t('attendees.directory.isAdded')}
              </span>
            )}
          </label>
          <span id={`${inputId}-about`} class="directory-contact-about">
            <span class="directory-contact-line">{[c.title?.trim(), c.organisation?.trim() || place].filter(Boolean).join(', ')}</span>
            <span class="directory-contact-line directory-contact-areas">{c.areas.map((a) => t(`area.${a}`)).join(', ')}</span>
          </span>
        </div>
      </li>
    );
  };

  // With no area chosen yet, or none of theirs, the contact persons are one list.
  const grouped = suggested.length > 0 && others.length > 0;
  return (
    <fieldset class="fieldset attendee-directory">
      <legend>{t('attendees.directory.title', { municipality: place })}</legend>
      {contacts.length === 0 ? (
        <p class="muted">{t('attendees.directory.none')}</p>
      ) : (
        <>
          <p class="hint">{t('attendees.directory.hint')}</p>
          {suggested.length > 0 && (
            <>
              <p id={`${id}-suggested`} class="directory-group">
                {t('attendees.directory.suggested')}
              </p>
              <ul class="plain-list directory-list" aria-labelledby={`${id}-suggested`}>
                {suggested.map((c) => item(c, true))}
              </ul>
            </>
          )}
          {others.length > 0 && (
            <>
              {grouped && (
                <p id={`${id}-others`} class="directory-group">
                  {t('attendees.directory.others')}
                </p>
              )}
              <ul class="plain-list directory-list" aria-labelledby={grouped ? `${id}-others` : undefined}>
                {others.map((c) => item(c, false))}
              </ul>
            </>
          )}
        </>
      )}
      <p role="status" class="visually-hidden">
        {said}
      </p>
    </fieldset>
  );
}
