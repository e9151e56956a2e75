// Serves the built renderer (dist/renderer) read-only. Paths are resolved and must stay inside the
// folder, also after following symbolic links.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from './respond.ts';
import { contentTypeFor } from './content-types.ts';

export const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Framelens: interface not built</title></head>
<body><h1>The Framelens web interface has not been built yet</h1>
<p>Run <code>npm run build:renderer</code> in the Framelens folder, then reload this page.</p></body></html>
`;

const plain = 'text/plain; charset=utf-8';

/** The file a URL path names inside root, or null when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const file = resolve(root, '.' + (decoded === '/' ? '/index.html' : decoded));
  return file === root || file.startsWith(root + sep) ? file : null;
}

/** Answers a GET or HEAD; other methods, and requests with a body, were refused from their headers. */
export async function handleStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const file = resolveInside(root, urlPath);
  if (!file) {
    sendText(res, 404, plain, 'Not found.\n');
    return;
  }

  let real: string;
  let size: number;
  try {
    real = await realpath(file);
    const realRoot = await realpath(root);
    if (!real.startsWith(realRoot + sep)) throw new Error('outside');
    const info = await stat(real);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    if (file === join(root, 'index.html')) sendText(res, 500, 'text/html; charset=utf-8', notBuiltPage);
    else sendText(res, 404, plain, 'Not found.\n');
    return;
  }

  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(real));
  res.setHeader('Content-Length', size);
  // A rebuilt renderer must show up on reload; the files come from this machine, so revalidating is cheap.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
