// Entry of the built server: `node dist/server/server/main.js` serves; `… main.js admin …` runs the command line.
import { runCli } from './cli.ts';
import { readConfig } from './config.ts';
import { createLogger, defaultLogFormat } from './log.ts';
import { startServer } from './server.ts';

const args = process.argv.slice(2);

if (args[0] === 'admin') {
  const code = await runCli(args.slice(1), {
    stdin: process.stdin,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  });
  process.exit(code);
} else if (args.length > 0) {
  console.error(`Unknown arguments: ${args.join(' ')}\nRun with no arguments to serve, or "admin --help" for the command line.`);
  process.exit(2);
} else {
  let log = createLogger(defaultLogFormat());
  try {
    const config = readConfig();
    log = createLogger(config.logFormat);
    const server = await startServer(config, log);
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      // Ctrl-C under `npm start` arrives twice, from the terminal and forwarded by npm: one stop is
      // enough, and the grace period bounds how long it takes.
      if (stopping) return;
      stopping = true;
      log.info(`${signal}: finishing requests in flight, then stopping.`);
      server.close().then(
        () => {
          log.info('Tillsyn stopped.');
          process.exit(0);
        },
        (e: unknown) => {
          log.error('Stopping failed:', e);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (e) {
    log.error(`Tillsyn could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
