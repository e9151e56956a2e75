// `npm start`: builds the renderer and the desktop bundles, makes sure better-sqlite3 is built for
// Electron (beside node_modules, never in it), and launches the desktop app. Arguments after `--` go to
// the app, e.g. `npm start -- ~/research/election.framelens`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite, installedElectronVersion } from './native-sqlite.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const MISSING_BINARY = [
  'Framelens cannot start the desktop app here: the Electron binary is not installed on this machine',
  '(the electron package was installed without it, for example with ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
  'To get it, on a machine with internet access and without that variable set, run',
  '`npm rebuild electron` (or `node node_modules/electron/install.js`, or reinstall with `npm install`);',
  '`npx electron --version` then prints the version. Meanwhile, `npm run web` builds and serves the same',
  'Framelens UI on 127.0.0.1 for your browser.',
].join(' ');

async function main() {
  const binary = electronBinary();
  if (!binary) {
    console.error(MISSING_BINARY);
    process.exit(1);
  }

  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  try {
    await ensureElectronSqlite({ root, electronVersion: installedElectronVersion(root) });
  } catch (error) {
    console.error(
      `Framelens could not build better-sqlite3 for Electron: ${error instanceof Error ? error.message : error}\n` +
        'This needs the internet once (a prebuilt binary or the Electron headers) or a C++ toolchain. ' +
        'node_modules was left as it was, so the tests and `npm run web` still work.',
    );
    process.exit(1);
  }

  const env = { ...process.env };
  // Would make the Electron binary behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

await main();
