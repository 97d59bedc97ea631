// The sign-in endpoints, by the API table (src/shared/api.ts): its paths and methods, and its schemas
// checking the answers.
import type { LoginResponse, User } from '../../../shared/auth.ts';
import { api } from '../../../shared/api.ts';
import { apiFetch } from '../../../sync/http.ts';

export async function login(username: string, password: string): Promise<LoginResponse> {
  const { path, method, response } = api.login;
  return response.parse(await apiFetch(path, { method, body: { username, password } }));
}

export async function logout(token: string, signal?: AbortSignal): Promise<void> {
  const { path, method } = api.logout;
  await apiFetch(path, signal ? { method, token, signal } : { method, token });
}

export async function fetchMe(token: string): Promise<User> {
  const { path, method, response } = api.me;
  return response.parse(await apiFetch(path, { method, token })).user;
}
