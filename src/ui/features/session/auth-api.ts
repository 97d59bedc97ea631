// The sign-in endpoints, with their answers checked against the shared schemas.
import { loginResponseSchema, meResponseSchema, type LoginResponse, type User } from '../../../shared/auth.ts';
import { apiFetch } from '../../../sync/http.ts';

export async function login(username: string, password: string): Promise<LoginResponse> {
  return loginResponseSchema.parse(await apiFetch('/api/auth/login', { method: 'POST', body: { username, password } }));
}

export async function logout(token: string, signal?: AbortSignal): Promise<void> {
  await apiFetch('/api/auth/logout', signal ? { method: 'POST', token, signal } : { method: 'POST', token });
}

export async function fetchMe(token: string): Promise<User> {
  return meResponseSchema.parse(await apiFetch('/api/me', { token })).user;
}
