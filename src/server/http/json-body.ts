// Request bodies on /api: JSON only, within a size limit per path, parsed with zod.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod/mini';
import { issueDetails } from '../../shared/errors.ts';
import { api } from '../../shared/api.ts';
import { PUSH_MAX_BYTES } from '../../shared/protocol.ts';
import { ApiError, errorResponse } from './api-error.ts';

const KB = 1024;
/** Body limits by path; others get DEFAULT_BODY_LIMIT. The push limit leaves room for JSON framing past the protocol's 2 MB. */
const BODY_LIMITS: Readonly<Record<string, number>> = {
  [api.login.path]: 16 * KB,
  [api.push.path]: PUSH_MAX_BYTES + 256 * KB,
};
const DEFAULT_BODY_LIMIT = 64 * KB;

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/** 415 for a body that is not `application/json` (charset allowed). */
export const requireJsonContentType: MiddlewareHandler = async (c, next) => {
  if (hasBody(c)) {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return errorResponse(c, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json', {
        contentType: type || null,
      });
    }
  }
  await next();
};

/**
 * A body that stopped arriving: the client went away, or Node's parser refused the rest (and has
 * answered already). The client's doing, not an unexpected error of the server's.
 */
function bodyReadError(e: unknown): unknown {
  if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') return e;
  return new ApiError(400, 'BAD_REQUEST', 'The connection closed before the whole body arrived');
}

const limiters = new Map<number, MiddlewareHandler>();
function limiter(maxSize: number): MiddlewareHandler {
  let handler = limiters.get(maxSize);
  if (!handler) {
    handler = bodyLimit({
      maxSize,
      // Connection: close, since the rest of the body is not read: a client must not send its next
      // request on this connection behind it.
      onError: (c) =>
        errorResponse(c, 413, 'PAYLOAD_TOO_LARGE', `The body is larger than this endpoint takes (${maxSize} bytes)`, { maxBytes: maxSize }, {
          Connection: 'close',
        }),
    });
    limiters.set(maxSize, handler);
  }
  return handler;
}

/** 413 past the path's limit, whether the client declared the length or streams the body. */
export const limitBodySize: MiddlewareHandler = async (c, next) => {
  try {
    return await limiter(BODY_LIMITS[c.req.path] ?? DEFAULT_BODY_LIMIT)(c, next);
  } catch (e) {
    throw bodyReadError(e); // a streamed body is read here
  }
};

/** The body as text; a body cut off or past the limit is the error the client can act on. */
export async function readBodyText(c: Context): Promise<string> {
  return c.req.text().catch((e: unknown) => {
    throw bodyReadError(e);
  });
}

/** A body's text as JSON: 400 BAD_REQUEST when it is empty or not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', text.trim() === '' ? 'The request needs a JSON body' : 'The body is not valid JSON');
  }
}

/** Parses a value with the schema: 400 INVALID naming the bad paths. */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, 'INVALID', 'Some fields are missing or wrong', issueDetails(result.error));
  return result.data;
}

/** Reads the body as JSON and parses it: 400 BAD_REQUEST if it is not JSON, 400 INVALID naming the bad paths. */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, parseJsonText(await readBodyText(c)));
}
