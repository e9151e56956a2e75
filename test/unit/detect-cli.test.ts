// `framelens detect` reads JSON lines on stdin and writes one line of mentions per input line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runner = `import { run } from './main/cli/detect.ts'; process.exitCode = await run(process.argv.slice(1));`;

function detect(input: string, args: string[] = []) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runner, '--', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('each input line gets one output line with UTF-16 offsets and canonical names', () => {
  const lines = [
    { id: 'a', text: 'Vladimir Putin höll tal i Astana. Putins ord väckte kritik hos CSTO:s ledning.' },
    { id: 7, text: '' },
    { id: 'c', text: '👍 Ingrid Bergkvist met officials in Oslo.' },
  ];
  const run = detect(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    out.map((o) => o.id),
    ['a', 7, 'c'],
  );
  const a = out[0].mentions as { start: number; end: number; type: string; text: string; entity: string }[];
  assert.deepEqual(
    a.map((m) => m.entity),
    ['Vladimir Putin', 'Astana', 'Vladimir Putin', 'CSTO'],
  );
  for (const m of a) assert.equal(lines[0]!.text.slice(m.start, m.end), m.text);
  assert.deepEqual(out[1].mentions, []);
  const c = out[2].mentions[0];
  assert.equal(lines[2]!.text.slice(c.start, c.end), 'Ingrid Bergkvist');
});

test('--lang applies to every line; --help explains the format', () => {
  const run = detect(JSON.stringify({ id: 1, text: 'Oslo' }) + '\n', ['--lang', 'en']);
  assert.equal(run.status, 0, run.stderr);
  const help = detect('', ['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: framelens detect/);
  assert.match(help.stdout, /UTF-16/);
});

test('bad lines are reported and answered, good lines still processed; bad options are usage errors', () => {
  const run = detect('not json\n{"id":"x","text":5}\n{"id":"y","text":"Halvard Okafor kom till Oslo."}\n');
  assert.equal(run.status, 1);
  const out = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(out.length, 3);
  assert.ok(out[0].error && out[1].error);
  assert.equal(out[2].id, 'y');
  assert.ok(out[2].mentions.length >= 2);
  assert.match(run.stderr, /line 1/);
  assert.equal(detect('', ['--nope']).status, 2);
  assert.equal(detect('', ['--lang', '!!']).status, 2);
});
