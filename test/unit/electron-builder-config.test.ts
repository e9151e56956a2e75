// electron-builder.yml, checked the way electron-builder itself checks it (app-builder-lib's schema
// validator), plus the settings Framelens relies on: fuses, no rebuild of node_modules, the beforePack hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..', '..');
// app-builder-lib and js-yaml are electron-builder's own dependencies: resolve them through it.
const builderRequire = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
const appBuilderRequire = createRequire(builderRequire.resolve('app-builder-lib'));
const yaml = appBuilderRequire('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = appBuilderRequire('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};

type Config = Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string }[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: { target: string }[] };
  beforePack: string;
};
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;

test('electron-builder.yml passes electron-builder’s own schema validation', async () => {
  await validateConfiguration(structuredClone(config), { isEnabled: false, add() {} });
});

test('the schema check would catch a mistake', async () => {
  await assert.rejects(validateConfiguration({ ...structuredClone(config), electronFuses: { runAsNodeTypo: false } }, { isEnabled: false, add() {} }));
});

test('the fuses that stop the packaged app from being used as a Node runtime are set', () => {
  assert.deepEqual(
    {
      runAsNode: config.electronFuses.runAsNode,
      enableNodeOptionsEnvironmentVariable: config.electronFuses.enableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: config.electronFuses.enableNodeCliInspectArguments,
      onlyLoadAppFromAsar: config.electronFuses.onlyLoadAppFromAsar,
      enableEmbeddedAsarIntegrityValidation: config.electronFuses.enableEmbeddedAsarIntegrityValidation,
      enableCookieEncryption: config.electronFuses.enableCookieEncryption,
    },
    {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    },
  );
});

test('packaging never rebuilds node_modules and builds better-sqlite3 for Electron in a hook', async () => {
  assert.equal(config.npmRebuild, false);
  assert.equal(config.asar, true);
  assert.ok(config.asarUnpack.includes('**/*.node'));
  const hookFile = resolve(root, config.beforePack);
  assert.ok(existsSync(hookFile), config.beforePack);
  const hook = await import(pathToFileURL(hookFile).href);
  assert.equal(typeof hook.default, 'function');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; main: string };
  assert.ok(!pkg.scripts.postinstall?.includes('install-app-deps'), 'no postinstall switching node_modules to Electron');
  assert.equal(pkg.main, 'dist/electron/main.cjs');
});

test('the package holds the built app and the Electron build of better-sqlite3', () => {
  for (const entry of ['package.json', 'dist/electron/**', 'dist/renderer/**', 'dist/electron-native/better_sqlite3.node']) {
    assert.ok(config.files.includes(entry), entry);
  }
  assert.equal((config.directories as { output: string }).output, 'dist/packages');
});

test('targets and the .framelens file association', () => {
  assert.equal(config.appId, 'org.framelens.desktop');
  assert.equal(config.productName, 'Framelens');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(
    config.mac.target.map((t) => t.target),
    ['dmg'],
  );
  assert.deepEqual(
    config.fileAssociations.map((a) => a.ext),
    ['framelens'],
  );
});
