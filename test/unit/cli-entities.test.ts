// `framelens import` with and without detection, `framelens entities` and `framelens entities detect`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { tempDir } from './support/project.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));
const tmp = tempDir('framelens-cli-entities-');

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: tmp.dir, env: { ...process.env, FRAMELENS_HOME: join(tmp.dir, 'home') } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Made-up people and places for these tests.
const TEXT = 'Toppmöte i Visby\n\nStatsrådet Maria Ekström talade i Visby i går. Ekströms förslag stöddes av Nordiska rådet.\n';

before(() => writeFileSync(join(tmp.dir, 'visby.txt'), TEXT));
after(() => tmp.cleanup());

test('import waits for detection; entities lists them; --no-detect leaves it for later', async () => {
  const db = join(tmp.dir, 'a.framelens');
  const imported = await run('import', 'visby.txt', '--db', db, '--lang', 'sv');
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Entities: \d+ entity mentions? found in 1 article/);

  const listed = await run('entities', '--db', db, '--json');
  const { entities } = JSON.parse(listed.stdout) as { entities: { name: string; type: string; aliases: string[]; mentionCount: number }[] };
  const person = entities.find((e) => e.name === 'Maria Ekström');
  assert.ok(person, listed.stdout);
  assert.equal(person.type, 'PER');
  assert.equal(person.mentionCount, 2, 'the genitive "Ekströms" is the same person');

  const csv = parse((await run('entities', '--db', db, '--csv', '--type', 'PER')).stdout, { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(csv[0]!), ['entity', 'type', 'aliases', 'mentions', 'articles']);
  assert.ok(csv.every((r) => r.type === 'PER'));

  const skipped = join(tmp.dir, 'b.framelens');
  assert.equal((await run('import', 'visby.txt', '--db', skipped, '--no-detect')).code, 0);
  assert.match((await run('entities', '--db', skipped)).stdout, /No entities found/);
  const detected = await run('entities', 'detect', '--db', skipped, '--article', '1');
  assert.equal(detected.code, 0, detected.stderr);
  assert.match(detected.stdout, /found in 1 article/);
  assert.match((await run('entities', '--db', skipped, '--type', 'per')).stdout, /Maria Ekström/);
});

test('entities refuses a bad type or article id with a usage message', async () => {
  const db = join(tmp.dir, 'a.framelens');
  const badType = await run('entities', '--db', db, '--type', 'PERSON');
  assert.equal(badType.code, 2);
  assert.match(badType.stderr, /--type is one of PER, LOC, ORG, MISC/);
  const badId = await run('entities', 'detect', '--db', db, '--article', '99');
  assert.equal(badId.code, 1);
  assert.match(badId.stderr, /Article 99 does not exist/);
  assert.doesNotMatch(badId.stderr, /^\s+at /m);
});
