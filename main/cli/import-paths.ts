// What `framelens import` is given to read: files, folders (everything in them of the kinds Framelens
// imports, or of the extensions --pattern names) and "-" for paths on standard input, one per line, so
// 100,000 files never meet the shell's limit on arguments. And its progress line on a terminal.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './common.ts';

/** "html,htm", "*.html *.htm" or ".docx" as the extensions they name. */
export function readPattern(text: string): string[] {
  const extensions = text
    .split(/[\s,;]+/)
    .map((p) =>
      p
        .trim()
        .replace(/^\*?\.?/, '')
        .toLowerCase(),
    )
    .filter(Boolean)
    .map((p) => `.${p}`);
  if (!extensions.length || extensions.some((e) => !/^\.[a-z0-9]+$/.test(e)))
    throw new UsageError('import', `--pattern takes file extensions such as "html,docx", not ${JSON.stringify(text)}.`);
  return extensions;
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Every file under a folder with one of the extensions, in name order; hidden files and folders are passed over. */
function walk(folder: string, extensions: readonly string[], into: string[]): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, extensions, into);
    else if (entry.isFile() && extensions.some((e) => entry.name.toLowerCase().endsWith(e))) into.push(path);
  }
}

async function standardInput(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The files to import, in the order given; a named file is read whatever its extension. */
export async function expandPaths(paths: readonly string[], extensions: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if (path === '-') out.push(...(await standardInput()));
    else if (isDirectory(path)) walk(path, extensions, out);
    else out.push(path);
  }
  return out;
}
