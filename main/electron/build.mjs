// Bundles the desktop app's main process and preload (`npm run build:electron`):
//   main/electron/main.ts    -> dist/electron/main.cjs     (Node inside Electron; electron and better-sqlite3 stay external)
//   main/electron/preload.ts -> dist/electron/preload.cjs  (one self-contained file: sandboxed preloads cannot require our modules)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const defaultOutDir = path.join(root, 'dist', 'electron');
const contractFile = path.join(root, 'main', 'api', 'contract.ts');
const preloadFile = path.join(root, 'main', 'electron', 'preload.ts');

/** Electron 38 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/** The contract's method names, read by evaluating the contract itself (no second list to keep in step). */
async function contractMethods() {
  const result = await esbuild.build({
    entryPoints: [contractFile],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: NODE_TARGET,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  if (!Array.isArray(mod.methods) || mod.methods.length === 0 || !mod.methods.every((m) => typeof m === 'string')) {
    throw new Error('main/api/contract.ts exports no usable `methods` list.');
  }
  return mod.methods;
}

/** In the preload only, the contract import becomes the bare method list: no zod in the renderer's process. */
function contractAsMethodList(methods) {
  return {
    name: 'framelens-contract-methods',
    setup(build) {
      build.onResolve({ filter: /[\\/]api[\\/]contract\.ts$/ }, (args) => {
        if (path.resolve(args.importer) !== preloadFile) return undefined;
        return { path: 'contract-methods', namespace: 'framelens' };
      });
      build.onLoad({ filter: /.*/, namespace: 'framelens' }, () => ({
        contents: `export const methods = Object.freeze(${JSON.stringify(methods)});`,
        loader: 'js',
      }));
    },
  };
}

/** A sandboxed preload gets `require('electron')` and nothing else of ours; fail the build, not the app. */
function checkPreloadRequires(file) {
  const code = fs.readFileSync(file, 'utf8');
  const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const foreign = required.filter((name) => name !== 'electron');
  if (foreign.length > 0) throw new Error(`preload.cjs requires ${foreign.join(', ')}; a sandboxed preload can only require 'electron'.`);
}

/**
 * linkedom and pdf.js use an optional canvas package when it is installed ('canvas', '@napi-rs/canvas')
 * and a stand-in of their own when requiring it fails: the bundle takes the stand-in, so nothing outside
 * the bundle is looked for (reading text needs no canvas).
 */
const withoutOptionalCanvas = {
  name: 'framelens-no-canvas',
  setup(build) {
    build.onResolve({ filter: /^(canvas|@napi-rs\/canvas)$/ }, (args) => ({ path: args.path, namespace: 'framelens-absent' }));
    build.onLoad({ filter: /.*/, namespace: 'framelens-absent' }, () => ({
      contents: "throw new Error('canvas is not part of Framelens');",
      loader: 'js',
    }));
  },
};

/** Builds both bundles into `outDir` (dist/electron unless a test asks for another folder). */
export async function buildElectron({ quiet = false, outDir = defaultOutDir } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const methods = await contractMethods();

  const common = {
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    legalComments: 'none',
    metafile: true,
  };

  // Code written as ES modules reads import.meta.url; in a CommonJS bundle it comes from __filename.
  const nodeModuleUrl = {
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  const [mainResult, preloadResult] = await Promise.all([
    esbuild.build({
      ...common,
      ...nodeModuleUrl,
      entryPoints: [path.join(root, 'main', 'electron', 'main.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      platform: 'node',
      target: NODE_TARGET,
      // better-sqlite3 loads its native addon at run time; electron is provided by the runtime.
      external: ['electron', 'better-sqlite3'],
      plugins: [withoutOptionalCanvas],
    }),
    esbuild.build({
      ...common,
      entryPoints: [preloadFile],
      outfile: path.join(outDir, 'preload.cjs'),
      // 'browser' makes esbuild refuse Node built-ins, which a sandboxed preload does not have.
      platform: 'browser',
      target: CHROME_TARGET,
      external: ['electron'],
      plugins: [contractAsMethodList(methods)],
    }),
    // The worker threads: entity detection (its dictionaries are read from node_modules at run time),
    // converting imported files to text, and finding copy families (better-sqlite3 as in main.cjs).
    ...[
      ['entities/worker.ts', 'detect-worker.cjs'],
      ['import/convert-worker.ts', 'convert-worker.cjs'],
      ['copies/find-worker.ts', 'copies-worker.cjs'],
    ].map(([entry, outfile]) =>
      esbuild.build({
        ...common,
        ...nodeModuleUrl,
        entryPoints: [path.join(root, 'main', 'services', ...entry.split('/'))],
        outfile: path.join(outDir, outfile),
        platform: 'node',
        target: NODE_TARGET,
        external: ['better-sqlite3'],
        plugins: [withoutOptionalCanvas],
      }),
    ),
  ]);
  checkPreloadRequires(path.join(outDir, 'preload.cjs'));
  // The entity tagger's weights are read at run time from data/ beside the bundle that loads them.
  fs.mkdirSync(path.join(outDir, 'data'), { recursive: true });
  fs.copyFileSync(path.join(root, 'main', 'services', 'entities', 'detect', 'data', 'tagger.bin'), path.join(outDir, 'data', 'tagger.bin'));

  if (!quiet) {
    for (const [name, result] of [
      ['main.cjs', mainResult],
      ['preload.cjs', preloadResult],
    ]) {
      const bytes = Object.entries(result.metafile.outputs).find(([out]) => out.endsWith(name))?.[1].bytes ?? 0;
      console.log(`  ${path.relative(root, path.join(outDir, name))}  ${(bytes / 1024).toFixed(1)} kB`);
    }
    console.log(`  preload exposes ${methods.length} API methods and saveText`);
  }
  return { methods };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
