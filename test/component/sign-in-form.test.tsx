import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from '../../src/ui/features/session/SignInForm.tsx';
import type { LoginResponse } from '../../src/shared/auth.ts';
import { I18nContext } from '../../src/ui/i18n/index.ts';
import { testI18n } from '../i18n-packs.ts';
import type { ComponentChildren } from 'preact';

const renderEn = (ui: ComponentChildren) => render(<I18nContext.Provider value={testI18n('en')}>{ui}</I18nContext.Provider>);

const okResponse: LoginResponse = {
  token: 'tok-123',
  user: { id: 'u-1', username: 'inspector', name: 'Ilona Inspector', role: 'inspector', regionIds: ['avi-1'] },
  expiresAt: '2030-01-01T00:00:00.000Z',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

function fillAndSubmit(username: string, password: string) {
  fireEvent.input(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the sign-in form', () => {
  it('names both missing fields and sends nothing', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderEn(<SignInForm onSignedIn={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = screen.getByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('Enter your username.'));
    expect(alert.textContent).toContain('Enter your password.');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('asks only for the password when the username is there', async () => {
    vi.stubGlobal('fetch', vi.fn());
    renderEn(<SignInForm onSignedIn={vi.fn()} />);
    fillAndSubmit('inspector', '');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Enter your password.'));
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBeNull();
  });

  it('shows "Wrong username or password" for a 401', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { error: { code: 'BAD_CREDENTIALS', message: 'Wrong username or password' } })));
    const onSignedIn = vi.fn();
    renderEn(<SignInForm onSignedIn={onSignedIn} />);
    fillAndSubmit('inspector', 'not-the-password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Wrong username or password'));
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('tells how many minutes to wait when rate limited', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(429, { error: { code: 'RATE_LIMITED', message: 'Too many attempts', details: { retryAfter: 300 } } }, { 'Retry-After': '300' }),
      ),
    );
    renderEn(<SignInForm onSignedIn={vi.fn()} />);
    fillAndSubmit('inspector', 'secret-password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Try again in 5 minutes'));
  });

  it('says sign-in needs a connection when the network is down', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    renderEn(<SignInForm onSignedIn={vi.fn()} />);
    fillAndSubmit('inspector', 'secret-password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('You are offline'));
  });

  it('names the field the server found invalid', async () => {
    const details = { issues: [{ path: ['username'], message: 'a username of 2–64 letters' }] };
    vi.stubGlobal('fetch', vi.fn(async () => json(400, { error: { code: 'INVALID', message: 'Invalid request', details } })));
    renderEn(<SignInForm onSignedIn={vi.fn()} />);
    fillAndSubmit('x', 'secret-password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Check the username'));
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('is busy while the request is away, then hands the session over', async () => {
    let answer!: (r: Response) => void;
    const fetchMock = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetchMock);
    const onSignedIn = vi.fn();
    renderEn(<SignInForm onSignedIn={onSignedIn} />);
    fillAndSubmit('inspector', 'secret-password');

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveProperty('disabled', true);
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();

    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/auth/login');
    expect(JSON.parse(init.body as string)).toEqual({ username: 'inspector', password: 'secret-password' });

    answer(json(200, okResponse));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(okResponse));
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('keeps the username fixed when signing in again', () => {
    renderEn(<SignInForm onSignedIn={vi.fn()} fixedUsername="coordinator" />);
    const username = screen.getByLabelText('Username') as HTMLInputElement;
    expect(username.value).toBe('coordinator');
    expect(username.readOnly).toBe(true);
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');
  });
});
