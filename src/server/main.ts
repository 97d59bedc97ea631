// Entry of the built server: `node dist/server/server/main.js` serves; `… main.js admin …` runs the command line.
import { runCli } from './cli.ts';
import { readConfig } from './config.ts';
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
  try {
    const server = await startServer(readConfig());
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // once: a second Ctrl-C while shutting down falls through to Node's default and exits at once.
      process.once(signal, () => {
        console.log(`${signal}: finishing requests in flight, then stopping.`);
        server.close().then(
          () => {
            console.log('Tillsyn stopped.');
            process.exit(0);
          },
          (e: unknown) => {
            console.error('Stopping failed:', e);
            process.exit(1);
          },
        );
      });
    }
  } catch (e) {
    console.error(`Tillsyn could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
