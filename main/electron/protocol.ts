// Serves the built renderer (dist/renderer) on app://framelens/ instead of file://, so the UI has a real
// origin of its own, a CSP sent as a header, and no reach into the rest of the disk.
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppAsset } from './policy.ts';

/** Must run before the app is ready: a standard, secure scheme behaves like https for the page. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Answers app:// requests from `rendererRoot`; call once the app is ready. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const asset = resolveAppAsset(rendererRoot, request.url);
    if (!asset.ok) return plain(asset.status, 'Not available');
    let body: Buffer;
    try {
      body = await readFile(asset.file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(asset.file) },
    });
  });
}
