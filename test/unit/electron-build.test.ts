// The desktop bundles: main.cjs needs nothing from node_modules but electron and better-sqlite3, and the
// preload is one small file that works sandboxed (it may require 'electron' and nothing else).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { methods } from '../../main/api/contract.ts';
import { tempDir } from './support/project.ts';

const root = resolve(import.meta.dirname, '..', '..');
let out: { dir: string; cleanup: () => void };

before(async () => {
  out = tempDir('framelens-electron-build-');
  const build = await import(pathToFileURL(join(root, 'main', 'electron', 'build.mjs')).href);
  await build.buildElectron({ quiet: true, outDir: out.dir });
});
after(() => out.cleanup());

const requiresOf = (code: string) => new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!));

test('main.cjs loads only electron, better-sqlite3 and Node built-ins at run time', () => {
  const code = readFileSync(join(out.dir, 'main.cjs'), 'utf8');
  for (const name of requiresOf(code)) {
    const builtin = name.startsWith('node:') || builtinModules.includes(name);
    assert.ok(builtin || name === 'electron' || name === 'better-sqlite3', `main.cjs requires ${name}`);
  }
  assert.ok(!/\bimport\.meta\b/.test(code), 'no import.meta left in a CommonJS bundle');
});

test('the workers are bundled beside main.cjs, each loading only Node built-ins and better-sqlite3, with the tagger weights beside them', async () => {
  for (const worker of ['detect-worker.cjs', 'convert-worker.cjs', 'copies-worker.cjs']) {
    const code = readFileSync(join(out.dir, worker), 'utf8');
    for (const name of requiresOf(code)) {
      const builtin = name.startsWith('node:') || builtinModules.includes(name);
      assert.ok(builtin || name === 'better-sqlite3', `${worker} requires ${name}`);
    }
  }
  // The bundled detector reads its weights from data/ beside itself: the copy there loads whole.
  const { loadTagger } = await import('../../main/services/entities/detect/tagger/weights.ts');
  const loaded = loadTagger(join(out.dir, 'data', 'tagger.bin'));
  assert.equal(loaded.warning, null);
  assert.deepEqual([...loaded.models.keys()].sort(), ['en', 'sv']);
});

test('the preload is small, zod-free and requires only electron', () => {
  const code = readFileSync(join(out.dir, 'preload.cjs'), 'utf8');
  assert.deepEqual([...requiresOf(code)], ['electron']);
  assert.ok(code.length < 10_000, `preload.cjs is ${code.length} bytes`);
  assert.ok(!/zod|ZodError/.test(code), 'zod stays in the main process');
});

test('the preload exposes one function per contract method, each on its own channel', async () => {
  const code = readFileSync(join(out.dir, 'preload.cjs'), 'utf8');
  const exposed: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  const calls: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, value: Record<string, (...args: unknown[]) => Promise<unknown>>) => (exposed[name] = value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        calls.push(args);
        return { ok: true, value: null };
      },
    },
  };
  // A sandboxed preload gets a CommonJS wrapper whose require knows 'electron' (and a few others we do not use).
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const module = { exports: {} };
  vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(sandboxRequire, module, module.exports);

  assert.deepEqual(Object.keys(exposed).sort(), ['framelens', 'framelensDesktop']);
  assert.deepEqual(Object.keys(exposed.framelens!).sort(), [...methods].sort());
  assert.ok(Object.isFrozen(exposed.framelens));

  assert.deepEqual(await exposed.framelens!['articles.get']!({ id: 3 }), { ok: true, value: null });
  await exposed.framelensDesktop!.saveText!('export.csv', 'a,b\n');
  await exposed.framelensDesktop!.savePng!('chart.png', 'iVBORw0KGgo=');
  assert.deepEqual(calls, [
    ['api:articles.get', { id: 3 }],
    ['desktop:saveText', 'export.csv', 'a,b\n'],
    ['desktop:savePng', 'chart.png', 'iVBORw0KGgo='],
  ]);
});
