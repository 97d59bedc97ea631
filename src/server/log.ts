// The server's log: one line per event on stdout, as a JSON object (for a supervisor or a log
// collector) or as readable text (for a person at a terminal).

export type LogFields = Record<string, unknown>;

export type Logger = {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
};

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

type Level = 'info' | 'warn' | 'error';

function errorFields(error: unknown): LogFields {
  if (error === undefined) return {};
  if (error instanceof Error) return { error: { name: error.name, message: error.message, stack: error.stack } };
  return { error: String(error) };
}

/** JSON for a value in a text line, unless it is a plain word: `path=/api/me`, `username="a b"`. */
function textValue(value: unknown): string {
  if (typeof value === 'string' && /^[^\s"=]+$/.test(value)) return value;
  return JSON.stringify(value) ?? String(value);
}

export function formatLine(format: LogFormat, level: Level, message: string, fields: LogFields, time = new Date()): string {
  if (format === 'json') return JSON.stringify({ time: time.toISOString(), level, msg: message, ...fields });
  const { error, ...rest } = fields;
  const pairs = Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}=${textValue(v)}`)
    .join('');
  // An error's stack reads best on the lines below, as Node prints it.
  const stack = (error as { stack?: unknown } | undefined)?.stack;
  const tail = stack !== undefined ? `\n${String(stack)}` : error !== undefined ? ` error=${textValue(error)}` : '';
  return `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${pairs}${tail}`;
}

/** A logger writing each event as one line (text: a multi-line message keeps its lines). */
export function createLogger(format: LogFormat, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: Level, message: string, fields: LogFields = {}) => write(formatLine(format, level, message, fields));
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, error, fields) => emit('error', message, { ...fields, ...errorFields(error) }),
  };
}

/** Text for a person at a terminal, JSON lines otherwise (a supervisor, a pipe, a file). */
export function defaultLogFormat(stdoutIsTerminal = process.stdout.isTTY === true): LogFormat {
  return stdoutIsTerminal ? 'text' : 'json';
}
