// The municipality's contact persons: the active ones (former ones on request), adding, editing,
// deactivating and deleting them. Focus returns to the section heading after each change, with a message.
import { useRef, useState } from 'preact/hooks';
import { confirmContact, deleteContact, setContactActive } from '../../../db/contacts.ts';
import type { Contact } from '../../../db/visit-queries.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { useSignedIn } from '../../app/session-context.ts';
import { ConfirmDialog } from '../../common/ConfirmDialog.tsx';
import { ContactCard } from './ContactCard.tsx';
import { ContactForm } from './ContactForm.tsx';
import '../../common/section.css';

export function MunicipalityContacts({ municipalityId, contacts, canEdit }: { municipalityId: string; contacts: readonly Contact[]; canEdit: boolean }) {
  const { t } = useI18n();
  const { db, session } = useSignedIn();
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const [message, setMessage] = useState<{ key: MessageKey; name: string; error?: boolean } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const inactive = contacts.filter((c) => !c.active).length;
  const shown = contacts.filter((c) => showInactive || c.active || c.id === editing);

  const done = (key: MessageKey, name: string, error = false) => {
    setMessage({ key, name, error });
    setEditing(null);
    heading.current?.focus();
  };
  const run = async (work: Promise<unknown>, key: MessageKey, name: string) => {
    try {
      await work;
      done(key, name);
    } catch (e) {
      console.error('A contact could not be changed', e);
      done('contact.changeFailed', name, true);
    }
  };

  return (
    <section class="report-section" aria-labelledby="municipality-contacts">
      <h2 id="municipality-contacts" ref={heading} tabIndex={-1}>
        {t('contact.sectionTitle')} <span class="count">({contacts.length - inactive})</span>
      </h2>
      <p class={message?.error ? 'notice notice-error' : 'save-state'} role="status">
        {message && t(message.key, { name: message.name })}
      </p>
      <div class="toolbar">
        {canEdit && editing !== 'new' && (
          <button type="button" class="button button-primary" onClick={() => setEditing('new')}>
            {t('contact.addButton')}
          </button>
        )}
        {inactive > 0 && (
          <div class="check">
            <input id="contacts-show-inactive" type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
            <label for="contacts-show-inactive">{t('contact.showInactive', { count: inactive })}</label>
          </div>
        )}
      </div>
      {editing === 'new' && (
        <ContactForm municipalityId={municipalityId} onDone={(saved) => (saved ? done('contact.added', saved.name) : (setEditing(null), heading.current?.focus()))} />
      )}
      {shown.length === 0 ? (
        <p class="muted">{canEdit ? t('contact.noneCanAdd') : t('contact.none')}</p>
      ) : (
        <ul class="card-list contact-list">
          {shown.map((c) =>
            c.id === editing ? (
              <li key={c.id} class="contact-edit">
                <ContactForm municipalityId={municipalityId} contact={c} onDone={(saved) => (saved ? done('contact.saved', saved.name) : (setEditing(null), heading.current?.focus()))} />
              </li>
            ) : (
              <ContactCard
                key={c.id}
                contact={c}
                canEdit={canEdit}
                onEdit={() => setEditing(c.id)}
                onSetActive={(active) => void run(setContactActive(db, c.id, active, session.user), active ? 'contact.activated' : 'contact.deactivated', c.name)}
                onDelete={() => setDeleting(c)}
                onConfirm={() => void run(confirmContact(db, c.id, session.user), 'contact.confirmed', c.name)}
              />
            ),
          )}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('contact.deleteTitle', { name: deleting.name })}
          text={t('contact.deleteText')}
          confirmLabel={t('contact.delete')}
          onClose={() => setDeleting(null)}
          onConfirm={() => {
            const c = deleting;
            setDeleting(null);
            void run(deleteContact(db, c.id, session.user), 'contact.deleted', c.name);
          }}
        />
      )}
    </section>
  );
}
