#!/usr/bin/env node
// The `framelens` command. Runs the compiled command line (dist/cli, `npm run build:cli`) when it is
// there and newer than every source file; otherwise registers tsx and runs the TypeScript sources as
// they are, so a change to the sources is never hidden behind an old build. Kept tiny: scripts (such
// as an entity-detection pipeline) may start it many times.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const compiled = join(root, 'dist', 'cli', 'cli.mjs');

/** The newest modification time of the TypeScript under these folders. */
function newestSource(dirs) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) visit(dir);
  return newest;
}

const current =
  process.env.FRAMELENS_FROM_SOURCES !== '1' && existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource([join(root, 'main'), join(root, 'db')]);

let main;
if (current) ({ main } = await import(compiled));
else {
  const { register } = await import('tsx/esm/api');
  // Framelens's own tsconfig, not whatever one sits in the directory the command is run from.
  const tsconfig = join(root, 'tsconfig.json');
  register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });
  ({ main } = await import('../cli.ts'));
}
await main(process.argv.slice(2));
