// Framelens's own folder (where its package.json is), found from wherever this code runs: the sources,
// the compiled command line in dist/cli, or the desktop bundle. Files shipped with Framelens (the built
// interface, data files, the version) are found from here, never from the shell's working directory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | null = null;

export function packageRoot(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'framelens') return (found = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Framelens cannot find its own folder (no package.json named framelens above its code).');
    dir = parent;
  }
}
