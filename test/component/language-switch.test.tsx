import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { clear, get, set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/app/App.tsx';

beforeEach(async () => {
  await clear();
  window.history.replaceState(null, '', '/');
});

describe('the language switch on the sign-in page', () => {
  it('switches the page to Swedish at once and remembers it', async () => {
    await set('lang', 'en');
    render(<App />);
    await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.getByLabelText('Username')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'sv' } });

    await screen.findByRole('button', { name: 'Logga in' });
    expect(screen.getByLabelText('Användarnamn')).toBeTruthy();
    expect(screen.getByLabelText('Lösenord')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(document.documentElement.lang).toBe('sv');
    await waitFor(async () => expect(await get('lang')).toBe('sv'));
  });

  it('opens in the language chosen last time', async () => {
    await set('lang', 'fi');
    render(<App />);
    await screen.findByRole('button', { name: 'Kirjaudu' });
    expect(screen.getByLabelText('Käyttäjätunnus')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Kirjaudu sisään – Tillsyn'));
  });
});
