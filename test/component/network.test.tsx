// The contact network on a seeded device: the directory searched by a municipality's Swedish name and
// filtered, an entry confirmed and the invitation's addresses; the gaps with their counts; a Windows-1252
// spreadsheet imported with its problems named, a duplicate merged only when asked, cancel writing nothing.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import type { LocalRecord, UserDb } from '../../src/db/database.ts';
import { ContactImportPage } from '../../src/ui/features/network/ContactImportPage.tsx';
import { NetworkGapsPage } from '../../src/ui/features/network/NetworkGapsPage.tsx';
import { NetworkPage } from '../../src/ui/features/network/NetworkPage.tsx';
import { bccLinks } from '../../src/ui/features/network/invitation-links.ts';
import { freshDb, renderAs, user } from './review-seed.ts';

const inspector = user('inspector');
const stamps = { version: 2, deleted: false, updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u-coordinator' };
const contact = (n: number, municipalityId: string, name: string, extra: Partial<LocalRecord<'contact'>> = {}): LocalRecord<'contact'> => ({
  id: `0193a0c4-5b6d-7e8f-9a0b-0000000000${String(n).padStart(2, '0')}`,
  municipalityId,
  name,
  title: null,
  organisation: null,
  areas: ['substance'],
  email: null,
  phone: null,
  notes: null,
  active: true,
  ...stamps,
  ...extra,
});

async function seed(): Promise<UserDb> {
  const db = await freshDb(inspector);
  await db.contact.bulkPut([
    contact(1, '638', 'Liisa Virtanen', { email: 'liisa.virtanen@porvoo.fi', organisation: 'Porvoon kaupunki', confirmedAt: '2024-02-01' }), // Porvoo / Borgå
    contact(2, '091', 'Pekka Ääritalo', { areas: ['welfare', 'substance'], email: 'pekka.aaritalo@hel.fi', confirmedAt: '2025-06-01' }),
    contact(3, '091', 'Former Person', { active: false, email: 'former@hel.fi' }),
    contact(4, '049', 'Eeva Espoolainen', { areas: ['violence'] }), // Espoo, no email
    contact(5, '837', 'Tampere Person', { email: 't@tampere.fi' }), // another region: not listed
  ]);
  return db;
}

const names = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.firstChild?.textContent);
const outbox = (db: UserDb) => db.outbox.toArray();

describe('the contact network', () => {
  it('lists the region’s active contacts, searched by a Swedish municipality name and filtered', async () => {
    const db = await seed();
    renderAs(db, inspector, <NetworkPage />);
    await screen.findByRole('heading', { level: 1, name: 'Contact network' });
    await waitFor(() => expect(names()).toEqual(['Eeva Espoolainen', 'Pekka Ääritalo', 'Liisa Virtanen']));
    expect(screen.getByText('3 contact persons of 4 shown')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Search by name, municipality or organisation'), { target: { value: 'borgå' } });
    await waitFor(() => expect(names()).toEqual(['Liisa Virtanen']));
    fireEvent.input(screen.getByLabelText('Search by name, municipality or organisation'), { target: { value: 'porvoon kaup' } });
    await waitFor(() => expect(names()).toEqual(['Liisa Virtanen']));
    fireEvent.input(screen.getByLabelText('Search by name, municipality or organisation'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Area of work'), { target: { value: 'welfare' } });
    await waitFor(() => expect(names()).toEqual(['Pekka Ääritalo']));
    fireEvent.change(screen.getByLabelText('Area of work'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Not confirmed since'), { target: { value: '2025-01-01' } });
    await waitFor(() => expect(names()).toEqual(['Eeva Espoolainen', 'Liisa Virtanen']));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'inactive' } });
    await waitFor(() => expect(names()).toEqual(['Former Person']));
  });

  it('confirms an entry current today, and offers the addresses of the active ones shown', async () => {
    const db = await seed();
    renderAs(db, inspector, <NetworkPage />);
    await waitFor(() => expect(names()).toHaveLength(3));
    expect(screen.getByText('2 email addresses of the active contact persons shown. 1 has no email address.')).toBeTruthy();
    const mail = screen.getByRole('link', { name: 'Write an email (addresses in Bcc)' });
    expect(mail.getAttribute('href')).toBe('mailto:?bcc=pekka.aaritalo%40hel.fi,liisa.virtanen%40porvoo.fi');

    fireEvent.click(screen.getByRole('button', { name: 'Liisa Virtanen is still current' }));
    const today = format(new Date(), 'yyyy-MM-dd');
    await waitFor(async () => expect((await db.contact.get(contact(1, '', '').id))?.confirmedAt).toBe(today));
    expect((await outbox(db)).map((r) => (r.op === 'upsert' ? r.fields : null))).toEqual([{ confirmedAt: today }]);
  });

  it('splits a long Bcc list into links mail programs take, losing no address', () => {
    const addresses = Array.from({ length: 120 }, (_, i) => `person.number${i}@municipality.fi`);
    const links = bccLinks(addresses);
    expect(links.length).toBeGreaterThan(1);
    for (const l of links) expect(l.href.length).toBeLessThanOrEqual(1900);
    const back = links.flatMap((l) => decodeURIComponent(l.href.replace('mailto:?bcc=', '')).split(','));
    expect(back).toEqual(addresses);
    expect(links.reduce((n, l) => n + l.count, 0)).toBe(120);
  });

  it('shows the municipalities without an active contact per area, with counts', async () => {
    const db = await seed();
    renderAs(db, inspector, <NetworkGapsPage />);
    const any = await screen.findByRole('radio', { name: /^In any area/ });
    const avi1 = await db.municipality.where('regionId').equals('avi-1').count();
    // Every municipality of avi-1 but Helsinki (substance, welfare), Porvoo (substance) and Espoo (violence) lacks all three.
    expect(any.closest('label')!.textContent).toBe(`In any area${avi1}`);
    const count = (name: string) => screen.getByRole('radio', { name: new RegExp(`^${name}`) }).closest('label')!.querySelector('.region-filter-count')!.textContent;
    expect(count('Substance-abuse prevention')).toBe(String(avi1 - 2));
    expect(count('Health and welfare promotion')).toBe(String(avi1 - 1));
    expect(count('Prevention of violence')).toBe(String(avi1 - 1));
    fireEvent.click(screen.getByRole('radio', { name: /^Health and welfare promotion/ }));
    const table = screen.getByRole('table');
    await waitFor(() => expect(within(table).queryByRole('link', { name: 'Helsinki' })).toBeNull());
    const porvoo = within(table).getByRole('link', { name: 'Porvoo' }).closest('tr')!;
    expect([...porvoo.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Yes', 'Missing', 'Missing']);
  });
});

// Windows-1252 bytes for a Finnish Excel file: ä 0xE4, ö 0xF6, å 0xE5.
const cp1252 = (text: string) => Uint8Array.from([...text].map((ch) => ({ ä: 0xe4, ö: 0xf6, å: 0xe5, Ä: 0xc4 })[ch] ?? ch.charCodeAt(0)));

async function chooseFile(bytes: Uint8Array<ArrayBuffer>, name = 'yhdyshenkilot.csv') {
  const input = await screen.findByLabelText('CSV file');
  const file = new File([bytes], name, { type: 'text/csv' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const spreadsheet = [
  'Kunta;Nimi;Sähköposti;Osa-alue',
  'Borgå;Liisa Virtanen;liisa.virtanen@porvoo.fi;EPT ja HYTE', // 2: the same e-mail as an existing contact
  'Helsinki;Sanna Säästäjä;sanna@hel.fi;hyte', // 3: new
  'Tampere;Kalle;;EPT', // 4: another region
  'Espoo;Väinö;not-an-email;', // 5: bad email, no area
  '',
  'Kauniainen;Åke Öst;ake@kauniainen.fi;väkivalta', // 7: new
].join('\r\n');

describe('importing a contact spreadsheet', () => {
  it('previews every row with its problems, merges a duplicate only when asked, and writes the rest in one go', async () => {
    const db = await seed();
    renderAs(db, inspector, <ContactImportPage />);
    await chooseFile(cp1252(spreadsheet));
    expect(await screen.findByText('yhdyshenkilot.csv: 5 rows, Windows-1252, separated by semicolons.')).toBeTruthy();
    expect(((await screen.findByLabelText('Municipality (name or code)')) as HTMLSelectElement).value).toBe('0');
    const table = screen.getByRole('table', { name: '5 rows of the spreadsheet' });
    const row = (n: number) => within(table).getByText(String(n), { selector: 'td' }).closest('tr')!;
    expect(row(4).textContent).toContain('Tampere is not in your regions.');
    expect(row(5).textContent).toContain('“not-an-email” is not an email address.');
    expect(row(5).textContent).toContain('No area of work');
    expect(row(2).textContent).toContain('Merge into Liisa Virtanen');
    expect(row(3).textContent).toContain('Ready');
    expect(row(7).querySelector('th')!.textContent).toBe('Åke Öst');

    // Cancel writes nothing.
    const importButton = screen.getByRole('button', { name: 'Import 2 rows' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull());
    expect(await outbox(db)).toEqual([]);
    expect(importButton.isConnected).toBe(false);

    // Again, this time with the duplicate merged and areas for rows that name none.
    await chooseFile(cp1252(spreadsheet));
    fireEvent.click(await screen.findByRole('checkbox', { name: /^Merge into Liisa Virtanen/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Prevention of violence in close relationships' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 3 rows' }));
    expect(await screen.findByText(/^Imported 2 new contact persons\. Merged 1 row into an existing contact person\./)).toBeTruthy();

    const all = await db.contact.toArray();
    const byName = (name: string) => all.find((c) => c.name === name);
    const today = format(new Date(), 'yyyy-MM-dd');
    expect(byName('Sanna Säästäjä')).toMatchObject({ municipalityId: '091', areas: ['welfare'], email: 'sanna@hel.fi', active: true, confirmedAt: today });
    expect(byName('Åke Öst')).toMatchObject({ municipalityId: '235', areas: ['violence'] });
    expect(byName('Liisa Virtanen')).toMatchObject({ areas: ['substance', 'welfare'], confirmedAt: today, organisation: 'Porvoon kaupunki' });
    expect(byName('Väinö')).toBeUndefined();
    expect(all.filter((c) => c.name === 'Liisa Virtanen')).toHaveLength(1);
    const rows = await outbox(db);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === byName('Liisa Virtanen')!.id)).toMatchObject({ op: 'upsert', fields: { areas: ['substance', 'welfare'], confirmedAt: today } });
  });

  it('says so when a file has no rows', async () => {
    const db = await seed();
    renderAs(db, inspector, <ContactImportPage />);
    await chooseFile(new TextEncoder().encode('Kunta;Nimi\r\n'), 'empty.csv');
    expect((await screen.findByRole('alert')).textContent).toBe('empty.csv has no rows below a header row.');
  });
});
