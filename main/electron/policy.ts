// The desktop shell's rules, kept free of 'electron' so plain Node tests can hold them to account:
// which URLs are Framelens's own, which links may leave the app, how an app:// request maps onto a file
// of the built UI, and which project file a launch asks for.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'framelens';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const PROJECT_EXTENSION = '.framelens';

/** Sent with every app:// response. The UI ships no inline script; Svelte and chart.js set inline styles. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export { apiChannel, SAVE_PNG_CHANNEL, SAVE_TEXT_CHANNEL, SAVE_ZIP_CHANNEL } from './channels.ts';
export { contentTypeFor } from '../http/content-types.ts';

function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True for URLs of the app's own origin. Node reports origin 'null' for custom schemes, so the parts are
 * compared one by one; credentials or a port would mean the URL was crafted, not produced by the app.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return url !== null && url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/** Whether an IPC message may reach the project: only from a top-level frame showing the app's own page. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

/**
 * The link an analyst may open in their browser (an article's source, say), or null. Only https, with a
 * real host and no embedded credentials, so a page can never launch local programs or file:// paths.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw === 'string' && raw.length > 2048) return null;
  const url = parseUrl(raw);
  if (!url || url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

export type AssetResolution = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app:// request onto a file under `root` (the built renderer). Refuses other origins, encoded
 * separators and anything that would resolve outside `root`. Paths without an extension get index.html,
 * so a reload on a client-side route still finds the UI.
 */
export function resolveAppAsset(root: string, requestUrl: string): AssetResolution {
  const url = parseUrl(requestUrl);
  if (!url || !isAppUrl(requestUrl)) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // A backslash or NUL never appears in the UI's own asset names; on Windows a backslash is a separator.
  if (decoded.includes('\\') || decoded.includes('\0')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 403 };
  const base = path.resolve(root);
  let relative = segments.join('/');
  if (relative === '' || path.extname(relative) === '') relative = 'index.html';
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return { ok: false, status: 403 };
  return { ok: true, file };
}

/**
 * The project file named on the command line (file association, `npm start -- my.framelens`, a second
 * launch), made absolute against the directory it was given in. Switches are skipped.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg || arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(PROJECT_EXTENSION)) return path.resolve(cwd, arg);
  }
  return null;
}

/** Appends .framelens when a save dialog returned a name without it. */
export function withProjectExtension(file: string): string {
  return file.toLowerCase().endsWith(PROJECT_EXTENSION) ? file : `${file}${PROJECT_EXTENSION}`;
}

/**
 * A file name the renderer suggests for a save dialog, reduced to a plain base name: no folders, no
 * control characters, no characters Windows refuses, never empty.
 */
export function safeFileName(raw: unknown, fallback = 'framelens-export.csv'): string {
  if (typeof raw !== 'string') return fallback;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : fallback;
}

/** Save dialog filters matching the suggested name's extension, so the analyst sees the right type. */
export function saveFilters(fileName: string): { name: string; extensions: string[] }[] {
  const ext = path.extname(fileName).slice(1).toLowerCase();
  const named: Record<string, string> = { png: 'PNG image', csv: 'CSV', jsonl: 'JSON Lines', json: 'JSON', txt: 'Text', qdpx: 'REFI-QDA project' };
  const filters = ext ? [{ name: named[ext] ?? ext.toUpperCase(), extensions: [ext] }] : [];
  return [...filters, { name: 'All files', extensions: ['*'] }];
}

/** The desktop state remembered between launches: the last project and a short recent list. */
export type DesktopState = { lastProject: string | null; recent: string[] };

export const RECENT_LIMIT = 8;

export function parseDesktopState(raw: unknown): DesktopState {
  const empty: DesktopState = { lastProject: null, recent: [] };
  if (typeof raw !== 'object' || raw === null) return empty;
  const record = raw as Record<string, unknown>;
  const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length < 4096 && path.isAbsolute(v);
  const recent = Array.isArray(record.recent) ? [...new Set(record.recent.filter(isPath))].slice(0, RECENT_LIMIT) : [];
  return { lastProject: isPath(record.lastProject) ? record.lastProject : null, recent };
}

export function rememberProject(state: DesktopState, file: string): DesktopState {
  return { lastProject: file, recent: [file, ...state.recent.filter((p) => p !== file)].slice(0, RECENT_LIMIT) };
}

export function forgetProject(state: DesktopState, file: string): DesktopState {
  return {
    lastProject: state.lastProject === file ? null : state.lastProject,
    recent: state.recent.filter((p) => p !== file),
  };
}
