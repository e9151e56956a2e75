// Compiles the command line and the web host to JavaScript (`npm run build:cli`), so `framelens` starts
// without compiling TypeScript each time: dist/cli/cli.mjs and the three worker threads, named as their
// source entries are (the code that starts a worker finds it beside itself either way). Our own code is
// bundled and split by command, so `framelens --help` loads only what it needs; packages stay in
// node_modules, as they are when run from the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliOutDir = path.join(root, 'dist', 'cli');

export async function buildCli({ outDir = cliOutDir } = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: {
      cli: path.join(root, 'main', 'cli.ts'),
      'worker-entry': path.join(root, 'main', 'services', 'entities', 'worker.ts'),
      'convert-worker-entry': path.join(root, 'main', 'services', 'import', 'convert-worker.ts'),
      'find-worker-entry': path.join(root, 'main', 'services', 'copies', 'find-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildCli().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
