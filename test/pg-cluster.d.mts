// Types of pg-cluster.mjs (plain JavaScript so the .mjs benchmark can import it too).
export type PgCluster = {
  /** postgresql://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  port: number;
  /** The temporary folder: the data, the log, the socket. */
  dir: string;
  /** The folder of the binaries used. */
  bin: string;
  /** The major version (PG_VERSION). */
  version: string;
  /** Stops the server and removes the folder; safe to call twice. */
  stop(): Promise<void>;
};

export function findPgBin(env?: NodeJS.ProcessEnv): string | null;
export function startPgCluster(options?: { bin?: string; parent?: string; settings?: Record<string, string> }): Promise<PgCluster>;
export function withDatabase(url: string, database: string): string;
export function createDatabase(url: string, prefix?: string): Promise<{ name: string; url: string; drop(): Promise<void> }>;
