// The server's settings, from the environment.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOB_MAX_BYTES_DEFAULT } from '../shared/vocabulary.ts';
import { defaultLogFormat, LOG_FORMATS, type LogFormat } from './log.ts';
import { DEFAULT_PG_SETTINGS, type PgSettings } from './store/pg/pg-store.ts';

export type Config = {
  port: number;
  /** The address to listen on; undefined: every interface. */
  host: string | undefined;
  /** The SQLite database's folder; unused when `database` names a PostgreSQL server. */
  dataDir: string;
  /** DATABASE_URL: the PostgreSQL database to use instead of SQLite, and its pool's settings. */
  database: { url: string; settings: PgSettings } | undefined;
  staticDir: string;
  demoPassword: string | undefined;
  trustProxy: boolean;
  logFormat: LogFormat;
  /** BLOB_MAX_BYTES: the largest attachment file an upload may be (15 MiB by default). */
  blobMaxBytes: number;
  /** BLOB_GC_GRACE_HOURS: how long a file no live attachment names is kept after its last upload (7 days by default). */
  blobGcGraceHours: number;
};

/** Files no attachment names are kept this long after their last upload: a device may upload and push days apart. */
const BLOB_GC_GRACE_HOURS_DEFAULT = 7 * 24;

class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The built app, beside the built server: dist/server/server/config.js → dist/app/. */
const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../app/', import.meta.url));

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const rawPort = env.PORT?.trim() || '8080';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (0: any free port), not "${env.PORT}"`);
  }
  const trust = env.TRUST_PROXY?.trim() ?? '';
  if (!['', '0', '1'].includes(trust)) throw new ConfigError(`TRUST_PROXY must be 1 (behind a proxy that sets X-Forwarded-For) or 0, not "${trust}"`);
  const logFormat = env.LOG_FORMAT?.trim().toLowerCase() || defaultLogFormat();
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat)) throw new ConfigError(`LOG_FORMAT must be json or text, not "${logFormat}"`);
  return {
    port,
    host: env.HOST?.trim() || undefined,
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    database: readDatabase(env),
    staticDir: resolve(env.STATIC_DIR?.trim() || DEFAULT_STATIC_DIR),
    demoPassword: env.DEMO_PASSWORD || undefined,
    trustProxy: trust === '1',
    logFormat: logFormat as LogFormat,
    ...readBlobSettings(env),
  };
}

/** BLOB_MAX_BYTES and BLOB_GC_GRACE_HOURS, checked; the command line's `blobs gc` reads them too. */
export function readBlobSettings(env: NodeJS.ProcessEnv): Pick<Config, 'blobMaxBytes' | 'blobGcGraceHours'> {
  return {
    // At most 1 GiB, the largest size an attachment record may name (src/shared/records.ts).
    blobMaxBytes: wholeNumber(env, 'BLOB_MAX_BYTES', BLOB_MAX_BYTES_DEFAULT, 1024, 1024 * 1024 * 1024, 'bytes'),
    blobGcGraceHours: wholeNumber(env, 'BLOB_GC_GRACE_HOURS', BLOB_GC_GRACE_HOURS_DEFAULT, 1, 24 * 366, 'hours'),
  };
}

/** A whole number of the setting, from `min` to `max`, or its default when unset. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(`${name} must be a whole number of ${unit} from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** DATABASE_URL and the PG_ settings; undefined (SQLite under DATA_DIR) when DATABASE_URL is unset. */
/** DATABASE_URL and its pool's settings, checked; undefined without it (SQLite). The command line reads it too. */
export function readDatabase(env: NodeJS.ProcessEnv): Config['database'] {
  const url = env.DATABASE_URL?.trim();
  const settings: PgSettings = {
    poolMax: wholeNumber(env, 'PG_POOL_MAX', DEFAULT_PG_SETTINGS.poolMax, 1, 1000, 'connections'),
    statementTimeoutMs: wholeNumber(env, 'PG_STATEMENT_TIMEOUT_MS', DEFAULT_PG_SETTINGS.statementTimeoutMs, 100, 3_600_000, 'milliseconds'),
    connectTimeoutMs: wholeNumber(env, 'PG_CONNECT_TIMEOUT_MS', DEFAULT_PG_SETTINGS.connectTimeoutMs, 100, 600_000, 'milliseconds'),
  };
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\/./.test(url)) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/tillsyn (leave it unset to use SQLite under DATA_DIR)');
  }
  return { url, settings };
}
