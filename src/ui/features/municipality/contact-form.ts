// The contact form's draft and its errors: the schema's issues (from saveContact) turned into one message per field.
import type { Contact } from '../../../db/visit-queries.ts';
import type { ContactInput } from '../../../db/contacts.ts';
import type { MessageKey } from '../../i18n/index.ts';

export const contactFields = ['name', 'title', 'organisation', 'areas', 'email', 'phone', 'notes'] as const;
export type ContactField = (typeof contactFields)[number];
export type ContactErrors = Partial<Record<ContactField, MessageKey>>;

export function contactDraft(contact?: Contact): ContactInput {
  return {
    name: contact?.name ?? '',
    title: contact?.title ?? '',
    organisation: contact?.organisation ?? '',
    areas: contact?.areas ?? [],
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    notes: contact?.notes ?? '',
    active: contact?.active ?? true,
  };
}

const messages: Record<ContactField, MessageKey> = {
  name: 'contact.error.name',
  title: 'contact.error.tooLong',
  organisation: 'contact.error.tooLong',
  areas: 'contact.error.areas',
  email: 'contact.error.email',
  phone: 'contact.error.phone',
  notes: 'contact.error.tooLong',
};

/** One message per field the schema found wrong, in the form's order; the first issue of a field counts. */
export function contactErrors(issues: readonly { path: readonly (string | number)[] }[]): ContactErrors {
  const errors: ContactErrors = {};
  for (const issue of issues) {
    const field = contactFields.find((f) => f === issue.path[0]);
    if (field && !errors[field]) errors[field] = messages[field];
  }
  return errors;
}
