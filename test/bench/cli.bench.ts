// Start-up of the command line: `framelens --help` and `framelens articles` on a small project, compiled
// (dist/cli) and from the TypeScript sources through tsx, beside bare `node -e 0`, medians of runs taken
// in turn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmt, median } from './corpus.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));
const RUNS = 11;

export async function runCliBench(log: (line: string) => void = console.log) {
  const build = fileURLToPath(new URL('../../main/bin/build.mjs', import.meta.url));
  const { buildCli } = (await import(pathToFileURL(build).href)) as { buildCli: () => Promise<void> };
  await buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'framelens-cli-bench-'));
  try {
    const env = { ...process.env, FRAMELENS_HOME: join(dir, 'home') };
    const db = join(dir, 'small.framelens');
    for (let i = 0; i < 20; i++)
      writeFileSync(join(dir, `a${i}.txt`), `Artikel ${i}\n\nRegeringen och oppositionen möttes i debatten om budgeten, nummer ${i}.`);
    spawnSync(process.execPath, [bin, 'import', dir, '--db', db, '--no-detect', '--pattern', 'txt'], { env });
    const runs: Record<string, string[]> = {
      'node -e 0': ['-e', '0'],
      'framelens --help': [bin, '--help'],
      'framelens articles': [bin, 'articles', '--db', db],
    };
    const times = new Map<string, { compiled: number[]; sources: number[] }>(Object.keys(runs).map((k) => [k, { compiled: [], sources: [] }]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, args] of Object.entries(runs)) {
        for (const mode of ['compiled', 'sources'] as const) {
          if (name === 'node -e 0' && mode === 'sources') continue;
          const t = performance.now();
          const run = spawnSync(process.execPath, args, { env: { ...env, FRAMELENS_FROM_SOURCES: mode === 'sources' ? '1' : '0' }, encoding: 'utf8' });
          const ms = performance.now() - t;
          if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr.slice(0, 300)}`);
          times.get(name)![mode].push(ms);
        }
      }
    }
    const bare = median(times.get('node -e 0')!.compiled);
    for (const [name, { compiled, sources }] of times) {
      if (name === 'node -e 0') continue;
      const target = name === 'framelens --help' ? 150 : 250;
      log(
        `${name}: ${fmt(median(compiled))} ms compiled (target ≤ ${target} ms) | from the sources through tsx ${fmt(median(sources))} ms | bare node -e 0 ${fmt(bare)} ms (medians of ${RUNS})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCliBench();
