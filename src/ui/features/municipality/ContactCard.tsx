// One contact person: who, which areas, how to reach them, when the entry was last confirmed current;
// confirm it ("still current"), edit, deactivate or reactivate, delete. The network's directory shows the
// municipality too.
import type { Contact } from '../../../db/visit-queries.ts';
import { municipalityName } from '../../../db/queries.ts';
import { formatShortDate } from '../../common/format.ts';
import { useI18n } from '../../i18n/index.ts';
import { municipalityPaths } from '../../app/routes.ts';

export function ContactCard({
  contact,
  canEdit,
  onEdit,
  onSetActive,
  onDelete,
  onConfirm,
  municipality,
}: {
  contact: Contact;
  canEdit: boolean;
  onEdit: () => void;
  onSetActive: (active: boolean) => void;
  onDelete?: () => void;
  onConfirm: () => void;
  municipality?: { id: string; name: { fi: string; sv: string } };
}) {
  const { t, lang, dateLocale } = useI18n();
  const role = [contact.title, contact.organisation].filter(Boolean).join(', ');
  return (
    <li class={contact.active ? 'card contact-card' : 'card contact-card contact-inactive'} data-contact-id={contact.id}>
      <h3 class="contact-name">
        {contact.name}
        {!contact.active && <span class="badge badge-inactive">{t('contact.inactive')}</span>}
      </h3>
      {municipality && (
        <p class="contact-municipality">
          <a href={municipalityPaths.municipality(municipality.id)}>{municipalityName(municipality.name, lang)}</a>
        </p>
      )}
      {role && <p class="muted">{role}</p>}
      <ul class="tag-list" aria-label={t('contact.areas')}>
        {contact.areas.map((a) => (
          <li key={a} class="tag">
            {t(`area.${a}`)}
          </li>
        ))}
      </ul>
      {(contact.email || contact.phone) && (
        <dl class="contact-ways">
          {contact.email && (
            <div>
              <dt>{t('contact.email')}</dt>
              <dd>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </dd>
            </div>
          )}
          {contact.phone && (
            <div>
              <dt>{t('contact.phone')}</dt>
              <dd>
                <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
              </dd>
            </div>
          )}
        </dl>
      )}
      {contact.notes && <p class="pre-line contact-notes">{contact.notes}</p>}
      <p class="muted contact-confirmed">
        {contact.confirmedAt ? t('contact.confirmedOn', { date: formatShortDate(contact.confirmedAt, dateLocale) }) : t('contact.neverConfirmed')}
      </p>
      {canEdit && (
        <div class="card-actions">
          {contact.active && (
            <button type="button" class="button button-secondary button-small" onClick={onConfirm} aria-label={t('contact.confirmNamed', { name: contact.name })}>
              {t('contact.confirm')}
            </button>
          )}
          <button type="button" class="button button-secondary button-small" onClick={onEdit} aria-label={t('contact.editNamed', { name: contact.name })}>
            {t('contact.edit')}
          </button>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => onSetActive(!contact.active)}
            aria-label={t(contact.active ? 'contact.deactivateNamed' : 'contact.activateNamed', { name: contact.name })}
          >
            {t(contact.active ? 'contact.deactivate' : 'contact.activate')}
          </button>
          {onDelete && (
            <button type="button" class="button button-secondary button-small" onClick={onDelete} aria-label={t('contact.deleteNamed', { name: contact.name })}>
              {t('contact.delete')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
