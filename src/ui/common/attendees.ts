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
