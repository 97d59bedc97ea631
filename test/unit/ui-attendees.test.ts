// The attendees' rows and the contact persons offered for them: who comes first, what a ticked one fills,
// and that a person is matched by name (spaces and case aside), never added twice.
import { describe, expect, it } from 'vitest';
import { contactsForVisit, hasAttendee, withContact, withoutAttendee, type AttendeeRow } from '../../src/ui/common/attendees.ts';

const row = (key: number, name: string, role = '', organisation = ''): AttendeeRow => ({ key, name, role, organisation });
const anna = { id: 'a', name: 'Anna Aalto', title: 'Sosiaalijohtaja', organisation: null, areas: ['welfare'] };
const bertil = { id: 'b', name: 'Bertil Berg', title: null, organisation: 'Kunta', areas: ['substance', 'violence'] };

describe('contact persons as attendees', () => {
  it('puts those of the visit’s areas first, keeping each group’s order', () => {
    expect(contactsForVisit([anna, bertil], ['violence'])).toEqual({ suggested: [bertil], others: [anna] });
    expect(contactsForVisit([anna, bertil], ['welfare', 'substance'])).toEqual({ suggested: [anna, bertil], others: [] });
    expect(contactsForVisit([anna, bertil], [])).toEqual({ suggested: [], others: [anna, bertil] });
    expect(contactsForVisit([anna, bertil], ['planning'])).toEqual({ suggested: [], others: [anna, bertil] });
  });

  it('fills a row with the name, the title as role and the organisation, else the municipality', () => {
    expect(withContact([], anna, 'Porvoo')).toEqual([row(1, 'Anna Aalto', 'Sosiaalijohtaja', 'Porvoo')]);
    expect(withContact([row(4, 'X')], bertil, 'Porvoo')).toEqual([row(4, 'X'), row(5, 'Bertil Berg', '', 'Kunta')]);
  });

  it('takes the first wholly empty row rather than adding one', () => {
    const rows = [row(1, 'X'), row(2, '', 'Chair'), row(3, ' '), row(4, '')];
    expect(withContact(rows, anna, 'Porvoo')).toEqual([row(1, 'X'), row(2, '', 'Chair'), row(3, 'Anna Aalto', 'Sosiaalijohtaja', 'Porvoo'), row(4, '')]);
  });

  it('matches a person by name, spaces and case aside: never twice, and removed by name', () => {
    const rows = [row(1, '  anna   AALTO ', 'Chair')];
    expect(hasAttendee(rows, 'Anna Aalto')).toBe(true);
    expect(hasAttendee(rows, 'Anna Aaltonen')).toBe(false);
    expect(withContact(rows, anna, 'Porvoo')).toEqual(rows);
    expect(withoutAttendee([...rows, row(2, 'Bertil Berg')], 'Anna Aalto')).toEqual([row(2, 'Bertil Berg')]);
  });
});
