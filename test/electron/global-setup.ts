// Builds what the desktop tests launch: the renderer, the Electron bundles, and better-sqlite3 for
// Electron. Without the Electron binary there is nothing to build for; the specs skip and say why.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { electronBinary, MISSING_BINARY_REASON } from '../../main/electron/electron-binary.mjs';
import { ensureElectronSqlite, installedElectronVersion } from '../../main/electron/native-sqlite.mjs';

const root = resolve(import.meta.dirname, '..', '..');

export default async function globalSetup(): Promise<void> {
  if (!electronBinary()) {
    console.log(`\nThe desktop end-to-end tests will not run: ${MISSING_BINARY_REASON}.\n`);
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error('`npm run build` failed; the desktop app cannot be tested.');
  await ensureElectronSqlite({ root, electronVersion: installedElectronVersion(root) });
}
