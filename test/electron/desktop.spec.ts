// The desktop app end to end: the built app in real Electron on a temporary project, checked for the
// things only Electron can show: the app:// origin, context isolation, the preload bridge and the
// main-process guards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, MISSING_BINARY_REASON } from '../../main/electron/electron-binary.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const binary = electronBinary();

test.skip(!binary, MISSING_BINARY_REASON);

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
type Bridge = { framelens?: Record<string, (input: unknown) => Promise<Envelope>>; framelensDesktop?: Record<string, unknown> };

let app: ElectronApplication;
let page: Page;
let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'framelens-electron-'));
  app = await electron.launch({
    executablePath: binary!,
    args: [root],
    cwd: root,
    env: { ...process.env, FRAMELENS_PROJECT: join(dir, 'e2e.framelens'), FRAMELENS_HOME: join(dir, 'home') },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the window shows the UI from app://framelens', async () => {
  expect(page.url()).toMatch(/^app:\/\/framelens\//);
  await expect(page.locator('#app')).not.toBeEmpty();
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe('e2e.framelens — Framelens');
});

test('the page has no Node, only the two preload objects', async () => {
  const globals = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown> & Bridge;
    return {
      require: typeof w.require,
      process: typeof w.process,
      module: typeof w.module,
      Buffer: typeof w.Buffer,
      framelens: typeof w.framelens,
      framelensDesktop: typeof w.framelensDesktop,
      methods: Object.keys(w.framelens ?? {}).length,
      saveText: typeof w.framelensDesktop?.saveText,
    };
  });
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    Buffer: 'undefined',
    framelens: 'object',
    framelensDesktop: 'object',
    methods: expect.any(Number),
    saveText: 'function',
  });
  expect(globals.methods).toBeGreaterThan(10);
});

test('an API call reaches the temporary project, and bad input comes back as an envelope', async () => {
  const info = await page.evaluate(() => (window as unknown as Bridge).framelens!['project.info']!({}));
  expect(info).toMatchObject({ ok: true, value: { fileName: 'e2e.framelens', articles: 0 } });
  const created = await page.evaluate(() => (window as unknown as Bridge).framelens!['tags.create']!({ name: 'Threat' }));
  expect(created).toMatchObject({ ok: true, value: { name: 'Threat' } });
  const invalid = await page.evaluate(() => (window as unknown as Bridge).framelens!['articles.get']!({ id: -1 }));
  expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});

test('the window runs sandboxed with context isolation', async () => {
  // Electron has no public getter for a window's webPreferences; its own test suite uses this one.
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
    const p = contents.getLastWebPreferences?.();
    return p
      ? { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag }
      : null;
  });
  test.skip(prefs === null, 'this Electron version has no getLastWebPreferences to read the settings back');
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
});

test('app:// responses carry the CSP and refuse paths outside the UI', async () => {
  const result = await page.evaluate(async () => {
    const index = await fetch('/index.html');
    const escape = await fetch('/assets/..%2F..%2F..%2Fpackage.json');
    return { csp: index.headers.get('content-security-policy'), escape: escape.status };
  });
  expect(result.csp).toContain("default-src 'self'");
  expect(result.csp).toContain("object-src 'none'");
  expect(result.escape).toBe(403);
});

test('the page cannot navigate away or open windows', async () => {
  // http:// is never handed to the browser either, so nothing opens on the test machine.
  const opened = await page.evaluate(() => window.open('http://127.0.0.1:9/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'http://127.0.0.1:9/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/framelens\//);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
