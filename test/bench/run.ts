// `npm run bench`: every benchmark in turn, each in its own process so one's memory and JIT state do
// not colour the next. Benchmarks print figures beside their baselines; they do not pass or fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = [
  ['Storage: import, search, CSV export', 'storage.bench.ts'],
  ['Command line start-up', 'cli.bench.ts'],
  ['Comparing frames: compare view, co-occurrence, distinctive words, matrix export, variables', 'compare.bench.ts'],
  ['Reliability between coders: agreement, bootstrap, unitized alpha', 'reliability.bench.ts'],
  ['Merging a colleague’s project', 'merge.bench.ts'],
  ['Entity detection', 'detect.bench.ts'],
  ['Importing web pages, PDF and spreadsheets', 'import.bench.ts'],
  ['PDF text', 'pdf.bench.ts'],
  ['Near-duplicate copies among 100,000 articles', 'copies.bench.ts'],
  ['Reader in Chromium', 'reader.bench.ts'],
] as const;

let failed = 0;
for (const [title, file] of benches) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  console.log(`\n=== ${title} (${file})`);
  if (!existsSync(path)) {
    console.log('not present in this copy');
    continue;
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.log(`${file} stopped with exit code ${run.status}`);
  }
}
process.exitCode = failed ? 1 : 0;
