// The server's settings, from the environment.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultLogFormat, LOG_FORMATS, type LogFormat } from './log.ts';

export type Config = {
  port: number;
  /** The address to listen on; undefined: every interface. */
  host: string | undefined;
  dataDir: string;
  staticDir: string;
  demoPassword: string | undefined;
  trustProxy: boolean;
  logFormat: LogFormat;
};

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
    staticDir: resolve(env.STATIC_DIR?.trim() || DEFAULT_STATIC_DIR),
    demoPassword: env.DEMO_PASSWORD || undefined,
    trustProxy: trust === '1',
    logFormat: logFormat as LogFormat,
  };
}
