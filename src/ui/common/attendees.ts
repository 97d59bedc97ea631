// The attendees of a visit: the editor's rows of name, role and organisation, and what of them is stored.
// Planning a visit and the visit's details edit them alike.

export type AttendeeRow = { key: number; name: string; role: string; organisation: string };
export type Attendee = { name: string; role?: string; organisation?: string };

/** A row with a role or organisation but no name: it cannot be stored (an attendee needs a name). */
export function isNamelessRow(row: AttendeeRow): boolean {
  return row.name.trim() === '' && (row.role.trim() !== '' || row.organisation.trim() !== '');
}

export function attendeesFromRows(rows: readonly AttendeeRow[]): Attendee[] {
  return rows
    .filter((a) => a.name.trim() !== '')
    .map((a) => ({
      name: a.name.trim(),
      ...(a.role.trim() ? { role: a.role.trim() } : {}),
      ...(a.organisation.trim() ? { organisation: a.organisation.trim() } : {}),
    }));
}

/** What the attendees' suggestions need of a contact person of the municipality. */
type AttendeeContact = { id: string; name: string; title?: string | null | undefined; organisation?: string | null | undefined; areas: readonly string[] };

/** A name as attendees are matched by: spaces trimmed and collapsed, case ignored. */
function attendeeNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fi');
}

/** Whether a row already names this person. */
export function hasAttendee(rows: readonly AttendeeRow[], name: string): boolean {
  const key = attendeeNameKey(name);
  return rows.some((r) => attendeeNameKey(r.name) === key);
}

/** The contact persons whose areas overlap the visit's first, the others after, each group in the order given. */
export function contactsForVisit<C extends AttendeeContact>(contacts: readonly C[], visitAreas: readonly string[]): { suggested: C[]; others: C[] } {
  const overlaps = (c: C) => c.areas.some((a) => visitAreas.includes(a));
  return { suggested: contacts.filter(overlaps), others: contacts.filter((c) => !overlaps(c)) };
}

/**
 * The rows with the contact person as an attendee: name, their title as the role, their organisation or,
 * when they have none, the municipality's name. The first wholly empty row takes them, or a new one at
 * the end; a person already there is not added again.
 */
export function withContact(rows: readonly AttendeeRow[], contact: AttendeeContact, municipalityName: string): AttendeeRow[] {
  if (hasAttendee(rows, contact.name)) return [...rows];
  const filled = { name: contact.name.trim(), role: contact.title?.trim() ?? '', organisation: contact.organisation?.trim() || municipalityName };
  const empty = rows.findIndex((r) => r.name.trim() === '' && r.role.trim() === '' && r.organisation.trim() === '');
  if (empty >= 0) return rows.map((r, i) => (i === empty ? { ...filled, key: r.key } : r));
  const key = rows.reduce((max, r) => Math.max(max, r.key), 0) + 1;
  return [...rows, { key, ...filled }];
}

/** The rows without the attendees of this name. */
export function withoutAttendee(rows: readonly AttendeeRow[], name: string): AttendeeRow[] {
  const key = attendeeNameKey(name);
  return rows.filter((r) => attendeeNameKey(r.name) !== key);
}
