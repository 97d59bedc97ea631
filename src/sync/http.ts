// The app's one way to call the API: JSON in and out, the bearer token, and typed errors.
import { errorBodySchema, type RequestErrorCode } from '../shared/errors.ts';

/**
 * What `ApiError.code` can be: a code of the server's error shape (errors.ts), `BAD_RESPONSE` for an
 * answer that does not parse, `LOCAL_ERROR` for the device failing its side, or `HTTP_<status>` for an
 * error that is not the server's shape (a proxy, a captive portal).
 */
export type ApiErrorCode = RequestErrorCode | 'BAD_RESPONSE' | 'LOCAL_ERROR' | `HTTP_${number}`;

/** The server answered with an error status; `code` comes from the JSON error shape. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;
  /** Seconds to wait before trying again (429), from `Retry-After` or the error's details. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown, retryAfter?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

/** The request never got an answer: offline, DNS, connection refused, aborted. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type ApiRequest = {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A file's bytes, sent as they are (an attachment's upload). */
  bytes?: Blob;
  /** `blob`: the answer is a file, returned as a Blob rather than parsed as JSON. */
  as?: 'blob';
  /** Sent as JSON. */
  body?: unknown;
  /**
   * A body already encoded as JSON, sent as it is (the sync engine measures a push batch while
   * encoding it), or prepared ahead of its request (`prepareJson`).
   */
  json?: string | JsonBody;
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** What `apiFetch` needs of `fetch`: the browser's, or a test's in-process server (`app.request`). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Calls the API and returns the parsed JSON body (`undefined` for an empty answer such as 204).
 * The caller validates what it gets with the shared schema of that endpoint.
 */
export async function apiFetch(path: string, request: ApiRequest = {}): Promise<unknown> {
  // Looked up at each call, so a test that stubs the global fetch is heard.
  return callApi((input, init) => fetch(input, withBlobBody(init)), path, request, { blobs: true });
}

/** Bodies from this size on go to the browser's fetch as a Blob. */
const BLOB_BODY_FROM = 64 * 1024;

/** A JSON body prepared ahead of its request: its text, and for a large one the Blob the browser's fetch is given. */
export type JsonBody = { readonly text: string; readonly blob: Blob | null };

/**
 * Prepares a JSON body before its request is due (the next push batch, while the one before it is
 * away): making the Blob of a 500 kB batch takes the main thread about 10 to 20 ms.
 */
export function prepareJson(text: string): JsonBody {
  const large = text.length >= BLOB_BODY_FROM && typeof Blob !== 'undefined';
  return { text, blob: large ? new Blob([text], { type: 'application/json' }) : null };
}

/**
 * A large body as a Blob: Chromium hands a Blob to the network service as it is, while a string body
 * costs the page's main thread about 100 ms per 500 kB push batch (measured: a batch's request took
 * 190 ms with a string body, 35 ms with a Blob). The bytes sent are the same, and so is the
 * Content-Type, which the request sets itself.
 */
function withBlobBody(init: RequestInit): RequestInit {
  const { body } = init;
  if (typeof body !== 'string' || body.length < BLOB_BODY_FROM || typeof Blob === 'undefined') return init;
  return { ...init, body: new Blob([body], { type: 'application/json' }) };
}

/** An `apiFetch` over another `fetch` and origin: a test's in-process server, or a server elsewhere. */
export function createApiFetch(fetchImpl: FetchLike, baseUrl = ''): (path: string, request?: ApiRequest) => Promise<unknown> {
  return (path, request = {}) => callApi(fetchImpl, `${baseUrl}${path}`, request, { blobs: false });
}

/** The body to send: a prepared body's Blob only to the browser's fetch (`blobs`); a test's fetch reads text. */
function bodyOf(request: ApiRequest, blobs: boolean): string | Blob | null {
  const { json } = request;
  if (request.bytes) return request.bytes;
  if (json === undefined) return request.body === undefined ? null : JSON.stringify(request.body);
  if (typeof json === 'string') return json;
  return blobs && json.blob ? json.blob : json.text;
}

async function callApi(fetchImpl: FetchLike, path: string, request: ApiRequest, options: { blobs: boolean }): Promise<unknown> {
  const headers: Record<string, string> = { Accept: request.as === 'blob' ? '*/*' : 'application/json', ...request.headers };
  const body = bodyOf(request, options.blobs);
  if (body !== null) headers['Content-Type'] = request.bytes ? 'application/octet-stream' : 'application/json';
  if (request.token) headers['Authorization'] = `Bearer ${request.token}`;

  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: request.method ?? (body === null ? 'GET' : 'POST'),
      headers,
      body,
      signal: request.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new NetworkError(`No answer from ${path}`, { cause });
  }

  if (response.ok && request.as === 'blob') return readBlob(response);
  const text = await readText(response);
  if (!response.ok) throw errorFromResponse(response, text);
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `The server's answer from ${path} is not JSON`);
  }
}

async function readBlob(response: Response): Promise<Blob> {
  try {
    return await response.blob();
  } catch (cause) {
    throw new NetworkError(`The file from ${response.url || 'the server'} was cut off`, { cause });
  }
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    // The connection dropped while the body was on its way.
    throw new NetworkError(`The answer from ${response.url || 'the server'} was cut off`, { cause });
  }
}

function errorFromResponse(response: Response, text: string): ApiError {
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = errorBodySchema.safeParse(json);
  const headerWait = parseRetryAfter(response.headers.get('Retry-After'));
  if (!parsed.success) {
    // Not our JSON shape: a proxy, a captive portal or a crashed server answered.
    return new ApiError(response.status, `HTTP_${response.status}`, response.statusText || `HTTP ${response.status}`, undefined, headerWait);
  }
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code, message, details, headerWait ?? detailsRetryAfter(details));
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function detailsRetryAfter(details: unknown): number | undefined {
  if (typeof details !== 'object' || details === null || !('retryAfter' in details)) return undefined;
  const value = (details as { retryAfter: unknown }).retryAfter;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
