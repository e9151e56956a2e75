// The bundled main process (dist/electron/main.cjs) run on Node against a stand-in for the electron
// module. The Electron binary is missing on the build machines; this still proves the wiring: window
// settings, the app:// protocol and its CSP, the sender check on every IPC channel, the hardening
// handlers, and switching projects from the File menu.
import { latestVersion } from '../../db/migrations/index.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { methods } from '../../main/api/contract.ts';
import { tempDir } from './support/project.ts';

const root = resolve(import.meta.dirname, '..', '..');
const rootRequire = createRequire(join(root, 'package.json'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stand-in takes whatever Electron's listeners take
type Listener = (...args: any[]) => any;
type MenuItem = { label?: string; role?: string; click?: () => void; submenu?: MenuItem[] };

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener) {
    return this.on(name, listener);
  }
  emit(name: string, ...args: unknown[]) {
    return (this.listeners.get(name) ?? []).map((l) => l(...args));
  }
}

function fakeElectron(paths: Record<string, string>) {
  const calls = {
    privileged: [] as unknown[],
    sandboxEnabled: false,
    errorBoxes: [] as string[],
    openedExternally: [] as string[],
    saveDialogs: [] as { defaultPath?: string }[],
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, Listener>();
  const windows: FakeWindow[] = [];
  let menu: MenuItem[] = [];
  const dialogAnswers = { open: [] as string[][], save: [] as (string | undefined)[] };

  const sessionHandlers: Record<string, Listener> = {};
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: (h: Listener) => (sessionHandlers.request = h),
    setPermissionCheckHandler: (h: Listener) => (sessionHandlers.check = h),
    setDevicePermissionHandler: (h: Listener) => (sessionHandlers.device = h),
    webRequest: { onBeforeRequest: (filter: unknown, h: Listener) => Object.assign(sessionHandlers, { network: h, networkFilter: filter }) },
  });

  class FakeContents extends Emitter {
    windowOpenHandler: Listener | null = null;
    reloads = 0;
    setWindowOpenHandler(h: Listener) {
      this.windowOpenHandler = h;
    }
    reload() {
      this.reloads += 1;
    }
  }

  class FakeWindow extends Emitter {
    readonly webContents = new FakeContents();
    title = '';
    loaded: string | null = null;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    setTitle(title: string) {
      this.title = title;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
    static fromWebContents(contents: unknown) {
      return windows.find((w) => w.webContents === contents) ?? null;
    }
    static getAllWindows() {
      return windows;
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setPath: (name: string, value: string) => (paths[name] = value),
    getPath: (name: string) => paths[name] ?? join(paths.home!, name),
    enableSandbox: () => (calls.sandboxEnabled = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    isReady: () => true,
    quit: () => {},
    exit: (code: number) => {
      throw new Error(`app.exit(${code}): ${calls.errorBoxes.join(' | ')}`);
    },
    setAppUserModelId: () => {},
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => calls.privileged.push(...schemes),
      handle: (scheme: string, handler: Listener) => protocolHandlers.set(scheme, handler),
    },
    session: { defaultSession },
    shell: {
      openExternal: async (url: string) => {
        calls.openedExternally.push(url);
      },
    },
    ipcMain: { handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler) },
    dialog: {
      showErrorBox: (title: string, content: string) => calls.errorBoxes.push(`${title}: ${content}`),
      showMessageBox: async () => ({ response: 0 }),
      showOpenDialog: async (..._args: unknown[]) => {
        const filePaths = dialogAnswers.open.shift() ?? [];
        return { canceled: filePaths.length === 0, filePaths };
      },
      showSaveDialog: async (...args: unknown[]) => {
        calls.saveDialogs.push(args[args.length - 1] as { defaultPath?: string });
        const filePath = dialogAnswers.save.shift();
        return { canceled: !filePath, filePath };
      },
    },
    Menu: {
      buildFromTemplate: (template: MenuItem[]) => template,
      setApplicationMenu: (template: MenuItem[]) => (menu = template),
    },
  };
  return {
    electron,
    calls,
    ready: () => ready(),
    ipcHandlers,
    protocolHandlers,
    windows,
    sessionHandlers,
    dialogAnswers,
    menuItem: (label: string) => menu.flatMap((m) => m.submenu ?? []).find((i) => i.label === label),
  };
}

const tmp = tempDir('framelens-main-');
const home = join(tmp.dir, 'home');
const fake = fakeElectron({ home: tmp.dir, appData: join(tmp.dir, 'appData'), documents: join(tmp.dir, 'Documents') });
const trusted = { senderFrame: { url: 'app://framelens/index.html', parent: null }, sender: {} };
const settle = () => new Promise((r) => setTimeout(r, 20));

before(async () => {
  // The bundle and a stand-in for the built renderer, side by side as in dist/.
  const build = await import(pathToFileURL(join(root, 'main', 'electron', 'build.mjs')).href);
  await build.buildElectron({ quiet: true, outDir: join(tmp.dir, 'dist', 'electron') });
  mkdirSync(join(tmp.dir, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(tmp.dir, 'dist', 'renderer', 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(tmp.dir, 'dist', 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'not for the renderer');

  process.env.FRAMELENS_HOME = home;
  process.env.FRAMELENS_PROJECT = join(tmp.dir, 'start.framelens');
  const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = moduleInternals._load;
  const sqlitePath = rootRequire.resolve('better-sqlite3');
  moduleInternals._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fake.electron;
    // The bundle lives in a temp folder; its better-sqlite3 is the project's (built for Node, as the tests need).
    if (request === 'better-sqlite3') return load.call(this, sqlitePath, ...rest);
    return load.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(join(tmp.dir, 'dist', 'electron', 'main.cjs'));
  fake.ready();
  await settle();
});

after(() => {
  fake.electron.app.emit('will-quit');
  tmp.cleanup();
});

test('before ready: app:// is privileged and the sandbox is on for every renderer', () => {
  assert.deepEqual(fake.calls.privileged, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  assert.ok(fake.calls.sandboxEnabled);
});

test('one window, locked down, loading app://framelens', () => {
  assert.equal(fake.windows.length, 1, fake.calls.errorBoxes.join('\n'));
  const win = fake.windows[0]!;
  assert.equal(win.loaded, 'app://framelens/index.html');
  const prefs = win.options.webPreferences;
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.preload, join(tmp.dir, 'dist', 'electron', 'preload.cjs'));
  assert.equal(win.title, 'start.framelens — Framelens');
});

test('app:// serves the renderer with the CSP header, and nothing else', async () => {
  const handler = fake.protocolHandlers.get('app')!;
  const index = (await handler({ url: 'app://framelens/index.html', method: 'GET' })) as Response;
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type')!, /text\/html/);
  assert.match(index.headers.get('content-security-policy')!, /default-src 'self'.*object-src 'none'.*base-uri 'none'/);
  assert.equal(await index.text(), '<!doctype html><div id="app"></div>');
  const script = (await handler({ url: 'app://framelens/assets/app.js', method: 'GET' })) as Response;
  assert.match(script.headers.get('content-type')!, /javascript/);
  for (const url of ['app://framelens/..%2Fsecret.txt', 'app://framelens/assets/..%2F..%2F..%2Fsecret.txt', 'app://elsewhere/index.html']) {
    const refused = (await handler({ url, method: 'GET' })) as Response;
    assert.equal(refused.status, 403, url);
    assert.doesNotMatch(await refused.text(), /not for the renderer/);
  }
  assert.equal(((await handler({ url: 'app://framelens/assets/missing.js', method: 'GET' })) as Response).status, 404);
  assert.equal(((await handler({ url: 'app://framelens/index.html', method: 'POST' })) as Response).status, 405);
});

test('one IPC channel per contract method, and each refuses foreign senders', async () => {
  assert.deepEqual([...fake.ipcHandlers.keys()].sort(), [...methods.map((m) => `api:${m}`), 'desktop:saveText', 'desktop:savePng', 'desktop:saveZip'].sort());
  const info = fake.ipcHandlers.get('api:project.info')!;
  assert.deepEqual(await info(trusted, {}), {
    ok: true,
    value: {
      path: join(tmp.dir, 'start.framelens'),
      fileName: 'start.framelens',
      articles: 0,
      annotations: 0,
      tags: 0,
      schemaVersion: latestVersion,
      readOnly: false,
      notices: [],
    },
  });
  for (const senderFrame of [
    { url: 'https://example.com/', parent: null },
    { url: 'file:///tmp/evil.html', parent: null },
    { url: 'app://framelens/index.html', parent: {} },
    null,
  ]) {
    const answer = (await info({ senderFrame, sender: {} }, {})) as { ok: boolean; error?: { code: string } };
    assert.deepEqual(answer.ok, false);
    assert.equal(answer.error?.code, 'UNSUPPORTED');
  }
  const invalid = (await fake.ipcHandlers.get('api:articles.get')!(trusted, { id: 'x' })) as { ok: boolean; error: { code: string } };
  assert.equal(invalid.error.code, 'INVALID_INPUT');
});

test('permissions, network, new windows and navigation are refused', () => {
  let granted: boolean | undefined;
  fake.sessionHandlers.request!({}, 'media', (answer: boolean) => (granted = answer));
  assert.equal(granted, false);
  assert.equal(fake.sessionHandlers.check!({}, 'clipboard-read', 'app://framelens'), false);
  let cancelled: boolean | undefined;
  fake.sessionHandlers.network!({ url: 'https://tracker.example/' }, (answer: { cancel: boolean }) => (cancelled = answer.cancel));
  assert.equal(cancelled, true);

  const contents = fake.windows[0]!.webContents;
  assert.deepEqual(contents.windowOpenHandler!({ url: 'https://www.dn.se/a' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler!({ url: 'file:///etc/passwd' }), { action: 'deny' });
  assert.deepEqual(fake.calls.openedExternally, ['https://www.dn.se/a'], 'only the https link went to the browser');

  const navigate = (name: string, url: string) => {
    let prevented = false;
    contents.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  assert.equal(navigate('will-navigate', 'app://framelens/index.html'), false);
  assert.equal(navigate('will-navigate', 'http://127.0.0.1:9/'), true);
  assert.equal(navigate('will-frame-navigate', 'https://example.com/'), true);
  assert.equal(navigate('will-redirect', 'https://example.com/'), true);
  assert.equal(navigate('will-attach-webview', 'app://framelens/index.html'), true);
});

test('File › Open Project… refuses a bad file and keeps the open project', async () => {
  const notes = join(tmp.dir, 'notes.framelens');
  writeFileSync(notes, 'plain text, not a project\n'.repeat(5));
  fake.dialogAnswers.open.push([notes]);
  fake.menuItem('Open Project…')!.click!();
  await settle();
  assert.equal(fake.calls.errorBoxes.length, 1);
  assert.match(fake.calls.errorBoxes[0]!, /could not open this project.*not a Framelens project/s);
  const info = (await fake.ipcHandlers.get('api:project.info')!(trusted, {})) as { value: { fileName: string } };
  assert.equal(info.value.fileName, 'start.framelens');
  assert.equal(fake.windows[0]!.webContents.reloads, 0);
});

test('File › New Project… creates, switches, reloads and remembers', async () => {
  fake.dialogAnswers.save.push(join(tmp.dir, 'Study two'));
  fake.menuItem('New Project…')!.click!();
  await settle();
  const created = join(tmp.dir, 'Study two.framelens');
  assert.ok(existsSync(created));
  const info = (await fake.ipcHandlers.get('api:project.info')!(trusted, {})) as { value: { path: string } };
  assert.equal(info.value.path, created);
  const win = fake.windows[0]!;
  assert.equal(win.webContents.reloads, 1);
  assert.equal(win.title, 'Study two.framelens — Framelens');
  const state = JSON.parse(readFileSync(join(home, 'desktop-state.json'), 'utf8'));
  assert.deepEqual(state, { lastProject: created, recent: [created, join(tmp.dir, 'start.framelens')] });
  // An existing file is never replaced.
  fake.dialogAnswers.save.push(join(tmp.dir, 'notes.framelens'));
  fake.menuItem('New Project…')!.click!();
  await settle();
  assert.match(fake.calls.errorBoxes.at(-1)!, /already exists/);
  assert.equal(win.webContents.reloads, 1);
});

test('saveText writes where the analyst chose, suggesting only a plain file name', async () => {
  const target = join(tmp.dir, 'export.csv');
  fake.dialogAnswers.save.push(target);
  const saveText = fake.ipcHandlers.get('desktop:saveText')!;
  const event = { ...trusted, sender: fake.windows[0]!.webContents };
  assert.deepEqual(await saveText(event, '../../evil.csv', 'a,b\n1,2\n'), { saved: true, path: target });
  assert.equal(readFileSync(target, 'utf8'), 'a,b\n1,2\n');
  assert.equal(fake.calls.saveDialogs.at(-1)!.defaultPath, join(tmp.dir, 'Documents', 'evil.csv'));
  assert.deepEqual(await saveText({ senderFrame: { url: 'https://x.test/', parent: null }, sender: {} }, 'x.csv', 'x'), { saved: false });
  assert.deepEqual(await saveText(event, 'x.csv', 42), { saved: false });
  fake.dialogAnswers.save.push(undefined);
  assert.deepEqual(await saveText(event, 'x.csv', 'x'), { saved: false }, 'cancelled');
});

test('savePng writes only real PNG data from the app itself', async () => {
  const target = join(tmp.dir, 'chart.png');
  const savePng = fake.ipcHandlers.get('desktop:savePng')!;
  const event = { ...trusted, sender: fake.windows[0]!.webContents };
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of image')]);
  fake.dialogAnswers.save.push(target);
  assert.deepEqual(await savePng(event, 'top entities.png', png.toString('base64')), { saved: true, path: target });
  assert.deepEqual(readFileSync(target), png);
  assert.deepEqual(await savePng(event, 'x.png', Buffer.from('not a png').toString('base64')), { saved: false });
  assert.deepEqual(await savePng(event, 'x.png', '<script>'), { saved: false });
  assert.deepEqual(await savePng({ senderFrame: { url: 'https://x.test/', parent: null }, sender: {} }, 'x.png', png.toString('base64')), { saved: false });
});

test('File › Merge Project… shows what would come in, merges on Merge and reloads; a bad file changes nothing', async () => {
  const { openProject } = await import('../../main/services/project.ts');
  const colleague = join(tmp.dir, 'colleague.framelens');
  const theirs = openProject(colleague);
  const text = 'Putin talade i Astana. Tokajev svarade att det var trolling på hög nivå.';
  const article = (theirs.dispatch('articles.importText', { text, title: 'Toppmötet' }) as { value: { id: number } }).value.id;
  const tag = (theirs.dispatch('tags.create', { name: 'Trolling' }) as { value: { id: number } }).value.id;
  theirs.dispatch('annotations.create', { articleId: article, tagId: tag, start: text.indexOf('trolling'), end: text.length - 1, annotator: 'Bo' });
  theirs.close();
  const win = fake.windows[0]!;
  const reloads = win.webContents.reloads;
  const before = ((await fake.ipcHandlers.get('api:project.info')!(trusted, {})) as { value: { articles: number; annotations: number } }).value;
  fake.dialogAnswers.open.push([colleague]);
  fake.menuItem('Merge Project…')!.click!();
  await settle();
  const after = ((await fake.ipcHandlers.get('api:project.info')!(trusted, {})) as { value: { articles: number; annotations: number } }).value;
  assert.deepEqual([after.articles - before.articles, after.annotations - before.annotations], [1, 1]);
  assert.equal(win.webContents.reloads, reloads + 1);
  const errors = fake.calls.errorBoxes.length;
  fake.dialogAnswers.open.push([join(tmp.dir, 'notes.framelens')]);
  fake.menuItem('Merge Project…')!.click!();
  await settle();
  assert.equal(fake.calls.errorBoxes.length, errors + 1);
  assert.match(fake.calls.errorBoxes.at(-1)!, /could not merge this project/);
  assert.equal(win.webContents.reloads, reloads + 1);
});
