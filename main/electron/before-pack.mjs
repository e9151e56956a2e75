// electron-builder's beforePack hook (electron-builder.yml): builds better-sqlite3 for the Electron version,
// platform and arch being packaged, into dist/electron-native/, before the app's files are copied.
// node_modules is never rebuilt (npmRebuild: false), so the tests keep running on Node.
import { createRequire } from 'node:module';
import { ensureElectronSqlite } from './native-sqlite.mjs';

const { Arch } = createRequire(import.meta.url)('electron-builder');

export default async function beforePack(context) {
  const arch = Arch[context.arch];
  if (arch === 'universal') {
    throw new Error('Framelens packages one macOS arch at a time (x64, arm64): better-sqlite3 needs a binary per arch.');
  }
  const { file, rebuilt } = await ensureElectronSqlite({
    root: context.packager.projectDir,
    electronVersion: context.packager.info.framework.version,
    platform: context.electronPlatformName,
    arch,
  });
  console.log(
    `  • better-sqlite3 for Electron ${context.packager.info.framework.version} ${context.electronPlatformName}-${arch}: ${rebuilt ? 'built' : 'up to date'} (${file})`,
  );
}
