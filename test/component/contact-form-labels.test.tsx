// The contact form's labels point at their inputs, and no id on the page is used twice (the Title field's
// id once equalled the form heading's, so its label pointed at the heading).
import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { MunicipalityPage } from '../../src/ui/features/municipality/MunicipalityPage.tsx';
import { freshDb, MUNICIPALITY_ID, renderAs, user } from './review-seed.ts';

const inspector = user('inspector');

describe('the contact form', () => {
  it('labels each text field, Title included, and names the form by its heading', async () => {
    const db = await freshDb(inspector);
    renderAs(db, inspector, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a contact person' }));
    const form = await screen.findByRole('form', { name: 'New contact person' });

    for (const label of [/^Name/, 'Title', 'Organisation', 'Email', 'Phone', 'Notes']) {
      const field = within(form).getByLabelText(label);
      expect(['INPUT', 'TEXTAREA'], String(label)).toContain(field.tagName);
    }
    // What a browser does with `for`: the first element of the page with that id must be the control.
    for (const label of form.querySelectorAll('label')) {
      expect(['INPUT', 'TEXTAREA'], label.textContent ?? '').toContain(document.getElementById(label.htmlFor)?.tagName);
    }
    fireEvent.input(within(form).getByLabelText('Title'), { target: { value: 'Hyvinvointikoordinaattori' } });
    expect((within(form).getByLabelText('Title') as HTMLInputElement).value).toBe('Hyvinvointikoordinaattori');
  });

  it('uses no id twice on the page', async () => {
    const db = await freshDb(inspector);
    const { container } = renderAs(db, inspector, <MunicipalityPage params={{ id: MUNICIPALITY_ID }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a contact person' }));
    await screen.findByRole('form', { name: 'New contact person' });
    const ids = [...container.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
