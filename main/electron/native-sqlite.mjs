// better-sqlite3 for Electron, built beside node_modules rather than in it: node_modules keeps the build
// for Node (the tests run there), and the desktop app loads dist/electron-native/better_sqlite3.node through
// better-sqlite3's `nativeBinding` option. Used by `npm start` (this machine) and by packaging's beforePack
// hook (the target platform and arch).
import fs from 'node:fs';
import path from 'node:path';

/** Where the Electron build lands, relative to the project root. main.ts reads it from the same place. */
export const NATIVE_DIR = path.join('dist', 'electron-native');
export const NATIVE_FILE = 'better_sqlite3.node';

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function statKey(file) {
  try {
    const s = fs.statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export function installedElectronVersion(root) {
  const pkg = readJson(path.join(root, 'node_modules', 'electron', 'package.json'));
  if (!pkg?.version) throw new Error('The electron package is not in node_modules; run npm install first.');
  return pkg.version;
}

/**
 * Makes sure dist/electron-native holds better-sqlite3 built for this Electron version, platform and arch.
 * Reuses the previous build when nothing changed. Needs the network the first time (Electron headers or a
 * prebuilt binary), like any native rebuild.
 */
export async function ensureElectronSqlite({ root, electronVersion, platform = process.platform, arch = process.arch, log = console.log }) {
  const sourceDir = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = readJson(path.join(sourceDir, 'package.json'))?.version;
  if (!sqliteVersion) throw new Error('better-sqlite3 is not in node_modules; run npm install first.');

  const wanted = { betterSqlite3: sqliteVersion, electron: electronVersion, platform, arch };
  const outDir = path.join(root, NATIVE_DIR);
  const outFile = path.join(outDir, NATIVE_FILE);
  const infoFile = path.join(outDir, 'build-info.json');
  const info = readJson(infoFile);
  if (fs.existsSync(outFile) && info && Object.entries(wanted).every(([k, v]) => info[k] === v)) {
    return { file: outFile, rebuilt: false };
  }

  log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}); node_modules stays built for Node.`);
  // A private copy with its own package.json, so @electron/rebuild finds this copy and nothing else.
  const workDir = path.join(
    root,
    'node_modules',
    '.cache',
    'framelens-electron',
    `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${platform}-${arch}`,
  );
  const moduleDir = path.join(workDir, 'node_modules', 'better-sqlite3');
  const sourceBuild = path.join(sourceDir, 'build');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(moduleDir), { recursive: true });
  fs.cpSync(sourceDir, moduleDir, {
    recursive: true,
    filter: (src) => src !== sourceBuild && !src.startsWith(sourceBuild + path.sep),
  });
  fs.writeFileSync(
    path.join(workDir, 'package.json'),
    JSON.stringify({ name: 'framelens-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );

  const nodeBinary = path.join(sourceBuild, 'Release', NATIVE_FILE);
  const before = statKey(nodeBinary);
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: workDir,
    // Stops the module search at the copy: the project's own node_modules must never be rebuilt.
    projectRootPath: workDir,
    electronVersion,
    platform,
    arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  });
  if (statKey(nodeBinary) !== before) {
    throw new Error(`${nodeBinary} changed during the Electron rebuild; run \`npm rebuild better-sqlite3\` to restore the Node build.`);
  }

  const built = path.join(moduleDir, 'build', 'Release', NATIVE_FILE);
  if (!fs.existsSync(built)) throw new Error(`The Electron rebuild of better-sqlite3 produced no ${NATIVE_FILE} in ${path.dirname(built)}.`);
  fs.mkdirSync(outDir, { recursive: true });
  fs.copyFileSync(built, outFile);
  fs.writeFileSync(infoFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2));
  return { file: outFile, rebuilt: true };
}
