// The server's settings, from the environment.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Config = {
  port: number;
  dataDir: string;
  staticDir: string;
  demoPassword: string | undefined;
  trustProxy: boolean;
};

export class ConfigError extends Error {
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
  return {
    port,
    dataDir: resolve(env.DATA_DIR?.trim() || './data'),
    staticDir: resolve(env.STATIC_DIR?.trim() || DEFAULT_STATIC_DIR),
    demoPassword: env.DEMO_PASSWORD || undefined,
    trustProxy: trust === '1',
  };
}
