// The compiled command line (dist/cli): it finds Framelens's own files from where it is, starts its
// worker threads from beside itself, and runs as the sources do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
let out: { dir: string; cleanup: () => void };

before(async () => {
  // Inside Framelens's folder, as dist/cli is: the compiled code finds package.json above itself.
  mkdirSync(join(root, 'dist'), { recursive: true });
  const dir = mkdtempSync(join(root, 'dist', 'cli-test-'));
  out = { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  const build = (await import(pathToFileURL(join(root, 'main', 'bin', 'build.mjs')).href)) as { buildCli: (o: { outDir: string }) => Promise<void> };
  await build.buildCli({ outDir: join(out.dir, 'cli') });
});
after(() => out.cleanup());

/** Runs the compiled command line in a process of its own, without tsx. */
function compiled(...args: string[]): string {
  const launcher = join(out.dir, 'launch.mjs');
  writeFileSync(launcher, `const { main } = await import('./cli/cli.mjs');\nawait main(process.argv.slice(2));\n`);
  return execFileSync(process.execPath, [launcher, ...args], {
    cwd: out.dir,
    encoding: 'utf8',
    env: { ...process.env, FRAMELENS_HOME: join(out.dir, 'home') },
  });
}

test('the compiled command line knows its version and imports a web page through its bundled conversion worker', () => {
  assert.equal(compiled('--version').trim(), `framelens ${pkg.version}`);
  const page = join(out.dir, 'sida.html');
  writeFileSync(page, readFileSync(new URL('./fixtures/import/news-page.html', import.meta.url)));
  const db = join(out.dir, 'p.framelens');
  const lines = compiled('import', page, '--db', db, '--no-detect', '--json')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; status?: string; title?: string });
  const result = lines.find((l) => l.event === 'result');
  assert.equal(result?.status, 'imported');
  assert.match(result?.title ?? '', /^Putin i Astana/);
  // The copy search runs in its own bundled worker too.
  assert.match(compiled('copies', '--db', db), /No copies at a threshold of 0\.8/);
});
