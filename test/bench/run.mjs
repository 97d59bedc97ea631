// `npm run bench`: builds (the npm script), runs each benchmark and prints its figures with the goal
// beside it. Benchmarks print; they never fail on a time. Run one part with `npm run bench -- server` (or bundle, pg, report, browser, photo).
import { browserBenchmarks } from './browser.mjs';
import { bundleFigures } from './bundle.mjs';
import { deviceReportBenchmarks } from './device-report.mjs';
import { pgBenchmarks } from './pg.mjs';
import { photoBenchmarks } from './photo.mjs';
import { serverBenchmarks } from './server.mjs';

const suites = { bundle: async () => bundleFigures(), server: serverBenchmarks, pg: pgBenchmarks, report: deviceReportBenchmarks, browser: browserBenchmarks, photo: photoBenchmarks };
const wanted = process.argv.slice(2);
const rows = [];
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.error(`bench: ${name}…`);
  rows.push(...(await run()));
}
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\n${'measure'.padEnd(width)}  ${'result'.padEnd(22)}  goal`);
for (const [label, value, goal] of rows) console.log(`${label.padEnd(width)}  ${String(value).padEnd(22)}  ${goal}`);
