// Node's HTTP server around the app: every answer in the one JSON error shape with the security
// headers, even to requests that never reach the app, and one log line per request.
import { getRequestListener } from '@hono/node-server';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from '../../shared/errors.ts';
import type { Logger } from '../log.ts';
import { codeForStatus } from './api-error.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

type Fetch = (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;

/** The signed-in user of each request in flight, for its log line; the app notes it (noteUserId). */
const userIds = new WeakMap<IncomingMessage, string>();

export function noteUserId(incoming: IncomingMessage | undefined, userId: string): void {
  if (incoming) userIds.set(incoming, userId);
}

function errorHeaders(body: string): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    // What is left of a malformed request on the connection cannot be trusted to frame the next one.
    Connection: 'close',
  };
}

function errorJson(status: number, message: string): string {
  return JSON.stringify(errorBody(codeForStatus(status), message));
}

/** A whole HTTP/1.1 answer as bytes, for a socket whose request Node's parser refused. */
function rawErrorResponse(status: number, message: string): string {
  const body = errorJson(status, message);
  const head = Object.entries(errorHeaders(body)).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${head.join('')}\r\n${body}`;
}

const PARSER_ERRORS: Record<string, [status: number, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'The chunk extensions are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request took too long to arrive'],
};

/** The path without its query (which may carry anything), and not endless. */
function logPath(url: string | undefined): string {
  const path = (url ?? '').split(/[?#]/, 1)[0]!;
  return path.length > 300 ? `${path.slice(0, 300)}…` : path;
}

export function createHttpServer(fetch: Fetch, log: Logger): Server {
  const appListener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
    // @hono/node-server cannot make a Request of some targets (a backslash in the path, a bad Host):
    // its own answer would be a bare 400.
    errorHandler: (e) => {
      const body = errorJson(400, `The request could not be read: ${e instanceof Error ? e.message : 'malformed'}`);
      return new Response(body, { status: 400, headers: errorHeaders(body) });
    },
  });

  // requireHostHeader: false, so that a request without Host reaches the errorHandler above
  // (@hono/node-server refuses it) instead of Node's bare 400.
  const server = createServer({ requireHostHeader: false }, (incoming, outgoing) => {
    const started = performance.now();
    outgoing.once('close', () => {
      log.info('request', {
        method: incoming.method,
        path: logPath(incoming.url),
        status: outgoing.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        userId: userIds.get(incoming),
        ...(outgoing.writableFinished ? {} : { aborted: true }),
      });
    });
    void appListener(incoming, outgoing);
  });

  // Node's parser refused the request (bad framing, headers too large, too slow): Node's own answer
  // would be a bare status line with no body and none of our headers.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, message] = PARSER_ERRORS[err.code ?? ''] ?? [400, 'The request is not valid HTTP'];
    // Only when no answer has begun on this connection, or its bytes would be mixed into that one.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    log.info('request', { status, reason: err.code });
    socket.end(rawErrorResponse(status, message));
    socket.once('finish', () => socket.destroy());
  });

  return server;
}
