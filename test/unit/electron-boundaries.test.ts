// Architecture rule: 'electron' is imported under main/electron/ and nowhere else, and the desktop shell's
// pure modules (tested on Node) do not import it either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const importsElectron = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]electron(?:\/[^'"]*)?['"]/m;

function sources(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(full));
    else if (/\.(ts|mts|cts|js|mjs|cjs|svelte)$/.test(entry.name)) found.push(full);
  }
  return found;
}

test("only main/electron imports 'electron'", () => {
  const offenders = ['db', 'main', 'renderer', 'test']
    .flatMap((dir) => sources(join(root, dir)))
    .map((file) => relative(root, file).split('\\').join('/'))
    .filter((file) => !file.startsWith('main/electron/') && !file.startsWith('test/electron/'))
    .filter((file) => importsElectron.test(readFileSync(join(root, file), 'utf8')));
  assert.deepEqual(offenders, []);
});

test("the desktop shell's Node-tested modules do not import 'electron'", () => {
  for (const file of ['policy.ts', 'channels.ts', 'project-session.ts']) {
    assert.ok(!importsElectron.test(readFileSync(join(root, 'main', 'electron', file), 'utf8')), file);
  }
  // And the check itself notices an import.
  // (Written in pieces so this file does not match its own check.)
  const electron = 'electron';
  assert.ok(importsElectron.test(`import { app } from '${electron}';`));
  assert.ok(importsElectron.test(`const { shell } = require("${electron}")`));
  assert.ok(importsElectron.test(`import '${electron}/main';`));
  assert.ok(!importsElectron.test(`import x from '${electron}-builder';`));
});
