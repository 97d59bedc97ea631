// Attachments' files (SYNC.md "Attachments"): HEAD, PUT and GET /api/blobs/{sha256}. A file is named by
// the SHA-256 of its bytes, so an upload is checked against its name and a resent one is answered at once;
// it is stored only when whole, of its hash, within BLOB_MAX_BYTES and a JPEG, PNG, WebP or PDF by its
// first bytes. It is served only to a user who may see a live attachment naming it; to anyone else it is
// as if absent (404). The body is streamed in and out, never JSON: app.ts exempts these paths from the
// JSON body rules, and from `Cache-Control: no-store` for a file served (immutable under its hash).
import type { Context, Hono } from 'hono';
import { API_PREFIX } from '../../shared/api.ts';
import { requireUser } from '../auth/middleware.ts';
import type { Sessions } from '../auth/sessions.ts';
import { isSha256, BlobRefused, type BlobInfo, type BlobStore } from '../blobs/blob-store.ts';
import { ApiError, errorResponse } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import type { Clock } from '../auth/sessions.ts';
import type { UserRecord } from '../store/store.ts';

const BLOBS_PATH = `${API_PREFIX}/blobs`;
const BLOB_PATH = `${BLOBS_PATH}/:sha256`;

/** True for a path of this route: its bodies are files, not JSON. */
export const isBlobPath = (path: string): boolean => path.startsWith(`${BLOBS_PATH}/`);

/**
 * What a served file may do when opened on its own (a PDF or an image in a tab): nothing. No script, no
 * plugin, no form, no frame around it: a file a municipality handed over cannot act as the app.
 */
const BLOB_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

/** Who may upload: a signed-in, active user who writes visits (requireUser refuses a disabled one). */
const UPLOADERS: readonly UserRecord['role'][] = ['inspector', 'coordinator', 'admin'];

const blobJson = (b: BlobInfo) => ({ sha256: b.sha256, mediaType: b.mediaType, bytes: b.bytes });
const etagOf = (sha256: string) => `"${sha256}"`;

function sha256Param(c: Context<AppEnv>): string {
  const sha256 = c.req.param('sha256') ?? '';
  if (!isSha256(sha256)) {
    throw new ApiError(400, 'INVALID', 'A file is named by its SHA-256: 64 lowercase hex digits', { issues: [{ path: ['sha256'], message: 'a SHA-256 in lowercase hex' }] });
  }
  return sha256;
}

const tooLarge = (maxBytes: number) =>
  // Connection: close: the rest of the body is not read, so nothing may follow it on this connection.
  new ApiError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than the server takes (${maxBytes} bytes)`, { maxBytes }, { Connection: 'close' });

export function blobRoutes(app: Hono<AppEnv>, { blobs, sessions, maxBytes, now }: { blobs: BlobStore; sessions: Sessions; maxBytes: number; now: Clock }): void {
  const auth = requireUser(sessions);
  const at = () => new Date(now()).toISOString();

  // GET, and HEAD (Hono answers a HEAD with its GET route, the body dropped).
  app.get(BLOB_PATH, auth, async (c) => {
    const sha256 = sha256Param(c);
    if (c.req.method === 'HEAD') {
      // Whether the server holds it, for an uploader deciding to send it: only the uploader of the same
      // bytes can know the name, so this tells nothing of anyone's records.
      const held = await blobs.stat(sha256);
      if (!held) return c.body(null, 404);
      return c.body(null, 200, { 'Content-Length': String(held.bytes), 'Content-Type': held.mediaType, ETag: etagOf(sha256) });
    }
    const user = c.var.user;
    if (!(await blobs.visibleTo(sha256, { userId: user.id, role: user.role, regionIds: user.regionIds }))) throw notFound();
    const etag = etagOf(sha256);
    const headers: Record<string, string> = {
      ETag: etag,
      'Cache-Control': 'private, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': BLOB_CONTENT_SECURITY_POLICY,
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    if (matchesEtag(c.req.header('if-none-match'), etag)) {
      if (!(await blobs.stat(sha256))) throw notFound();
      return c.body(null, 304, headers);
    }
    const found = await blobs.read(sha256);
    if (!found) throw notFound();
    return c.body(found.body, 200, {
      ...headers,
      'Content-Type': found.info.mediaType,
      'Content-Length': String(found.info.bytes),
      // Opened on its own, a file is shown, under a name of its hash (its own name is in the record).
      'Content-Disposition': `inline; filename="${sha256.slice(0, 16)}${extension(found.info.mediaType)}"`,
    });
  });

  app.put(BLOB_PATH, auth, async (c) => {
    const sha256 = sha256Param(c);
    if (!UPLOADERS.includes(c.var.user.role)) throw new ApiError(403, 'FORBIDDEN', 'Only users who write visits upload files');
    const declared = c.req.header('content-length');
    if (declared !== undefined && (!/^\d+$/.test(declared.trim()) || Number(declared) > maxBytes)) throw tooLarge(maxBytes);
    // Held already: answered at once, the time renewed so that collection leaves it to the push that follows.
    const held = await blobs.touch(sha256, at());
    if (held) return c.json(blobJson(held), 200);
    const body = c.req.raw.body;
    if (!body) throw new ApiError(400, 'BAD_REQUEST', 'Send the file as the body of the PUT');
    try {
      const { info, created } = await blobs.put(sha256, body, { maxBytes, at: at() });
      return c.json(blobJson(info), created ? 201 : 200);
    } catch (e) {
      if (!(e instanceof BlobRefused)) throw e;
      switch (e.reason) {
        case 'PAYLOAD_TOO_LARGE':
          throw tooLarge(maxBytes);
        case 'HASH_MISMATCH':
          throw new ApiError(400, 'HASH_MISMATCH', e.message, e.details);
        case 'UNSUPPORTED_MEDIA_TYPE':
          // The rest of the body is not read.
          throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', e.message, e.details, { Connection: 'close' });
        case 'BODY_CUT':
          throw new ApiError(400, 'BAD_REQUEST', e.message);
      }
    }
  });

  app.all(BLOB_PATH, (c) =>
    errorResponse(c, 405, 'METHOD_NOT_ALLOWED', `${BLOB_PATH} takes GET, HEAD or PUT, not ${c.req.method}`, { allowed: ['GET', 'HEAD', 'PUT'] }, { Allow: 'GET, HEAD, PUT' }),
  );
}

const notFound = () => new ApiError(404, 'NOT_FOUND', 'No such file, or not one of a record you may see');

/** If-None-Match names this ETag (or `*`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

function extension(mediaType: string): string {
  return ({ 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'application/pdf': '.pdf' } as Record<string, string>)[mediaType] ?? '';
}
