// The desktop app's main process: one window on app://framelens/, one open project, the File menu to
// switch projects. Bundled by build.mjs to dist/electron/main.cjs (package.json "main").
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { app, BrowserWindow, dialog, Menu, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { defaultProjectPath, openProject } from '../services/project.ts';
import { useConvertWorker } from '../services/import/convert-pool.ts';
import { registerApi, registerSaveText } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { mergeFromMenu } from './merge.ts';
import { projectPathFromArgv, withProjectExtension } from './policy.ts';
import { messageOf, ProjectSession } from './project-session.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { installSecurity } from './security.ts';
import { createMainWindow } from './window.ts';

// Everything is found relative to dist/electron/main.cjs, the same way in a dev run and in app.asar.
const distDir = path.resolve(__dirname, '..');
const rendererRoot = path.join(distDir, 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const detectWorkerPath = path.join(__dirname, 'detect-worker.cjs');
const convertWorkerPath = path.join(__dirname, 'convert-worker.cjs');
const copiesWorkerPath = path.join(__dirname, 'copies-worker.cjs');
// better-sqlite3 built for Electron by native-sqlite.mjs; node_modules holds the build for Node.
const electronSqlite = path.join(distDir, 'electron-native', 'better_sqlite3.node');

const PROJECT_FILTERS = [
  { name: 'Framelens project', extensions: ['framelens'] },
  { name: 'All files', extensions: ['*'] },
];

// Same folder the web host and CLI use for the default project (FRAMELENS_HOME overrides both).
app.setPath('userData', process.env.FRAMELENS_HOME ? path.resolve(process.env.FRAMELENS_HOME) : path.join(app.getPath('appData'), 'Framelens'));
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Framelens is running; it receives our arguments through 'second-instance'.
  app.quit();
} else {
  runApp();
}

function runApp(): void {
  // Files are converted to text in bundled workers, off the process that answers the window.
  useConvertWorker(() => new Worker(convertWorkerPath));
  const session = new ProjectSession(
    // Entity detection and the search for copies run in bundled workers too.
    (target, options) =>
      openProject(target, {
        ...options,
        detectOnImport: true,
        spawnDetectionWorker: () => new Worker(detectWorkerPath),
        spawnCopiesWorker: (request) => new Worker(copiesWorkerPath, { workerData: request }),
      }),
    path.join(app.getPath('userData'), 'desktop-state.json'),
    fs.existsSync(electronSqlite) ? electronSqlite : undefined,
  );
  let win: BrowserWindow | null = null;
  let pendingFile: string | null = null;

  const focusedWindow = (): BrowserWindow | undefined => (win && !win.isDestroyed() ? win : undefined);

  function refresh(): void {
    Menu.setApplicationMenu(
      buildMenu({
        newProject: () => void newProject(),
        openProject: () => void chooseProject(),
        openRecent,
        mergeProject: () => void mergeInto(),
        recent: session.recent,
        currentPath: session.isOpen ? session.current.path : null,
        developer: !app.isPackaged,
      }),
    );
    const w = focusedWindow();
    if (w && session.isOpen) w.setTitle(`${path.basename(session.current.path)} — Framelens`);
  }

  function showWindow(): BrowserWindow {
    const existing = focusedWindow();
    if (existing) {
      if (existing.isMinimized()) existing.restore();
      existing.focus();
      return existing;
    }
    const created = createMainWindow(preloadPath);
    // The window title names the project; the page's own <title> must not replace it.
    created.on('page-title-updated', (event) => event.preventDefault());
    created.on('closed', () => {
      if (win === created) win = null;
    });
    win = created;
    refresh();
    return created;
  }

  /** Opens another project; a file that cannot be opened leaves the current one open and says why. */
  function switchProject(file: string, create: boolean): void {
    try {
      session.switchTo(file, { create });
    } catch (error) {
      dialog.showErrorBox('Framelens could not open this project', `${file}\n\n${messageOf(error)}`);
      return;
    }
    refresh();
    const w = focusedWindow();
    if (w) w.webContents.reload();
    else showWindow();
  }

  async function newProject(): Promise<void> {
    const options: SaveDialogOptions = {
      title: 'New Framelens project',
      buttonLabel: 'Create',
      defaultPath: path.join(app.getPath('documents'), 'Untitled.framelens'),
      filters: PROJECT_FILTERS.slice(0, 1),
      properties: ['createDirectory'],
    };
    const owner = focusedWindow();
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return;
    const file = withProjectExtension(choice.filePath);
    if (fs.existsSync(file)) {
      // Never replace a file, even after the system dialog's "replace?" question: it may hold someone's work.
      dialog.showErrorBox(
        'That file already exists',
        `${file}\n\nFramelens does not replace existing files. Choose another name, or use File › Open Project… to open it.`,
      );
      return;
    }
    switchProject(file, true);
  }

  async function chooseProject(): Promise<void> {
    const options: OpenDialogOptions = { title: 'Open Framelens project', filters: PROJECT_FILTERS, properties: ['openFile'] };
    const owner = focusedWindow();
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return;
    switchProject(file, false);
  }

  async function mergeInto(): Promise<void> {
    if (!session.isOpen) return;
    if (await mergeFromMenu(focusedWindow(), session.current, PROJECT_FILTERS.slice(0, 1))) focusedWindow()?.webContents.reload();
  }

  function openRecent(file: string): void {
    if (!fs.existsSync(file)) {
      dialog.showErrorBox('That project is no longer there', `${file}\n\nIt may have been moved or deleted. It is removed from the recent list.`);
      session.forget(file);
      refresh();
      return;
    }
    switchProject(file, false);
  }

  // macOS delivers double-clicked project files as 'open-file', possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (session.isOpen) switchProject(file, false);
    else pendingFile = file;
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = projectPathFromArgv(argv, workingDirectory);
    if (file && session.isOpen) switchProject(file, false);
    if (app.isReady()) showWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && session.isOpen) showWindow();
  });

  app.on('will-quit', () => session.close());

  app
    .whenReady()
    .then(() => {
      if (process.platform === 'win32') app.setAppUserModelId('org.framelens.desktop');
      installSecurity();
      serveRenderer(rendererRoot);
      registerApi(() => session.current.dispatchAsync);
      registerSaveText();

      const requested = process.env.FRAMELENS_PROJECT
        ? path.resolve(process.env.FRAMELENS_PROJECT)
        : (pendingFile ?? projectPathFromArgv(process.argv, process.cwd()));
      let problems: string[];
      try {
        ({ problems } = session.start({ requested, fallback: defaultProjectPath() }));
      } catch (error) {
        const hint = app.isPackaged ? '' : '\n\nIn a development run, start the app with `npm start`: it builds better-sqlite3 for Electron.';
        dialog.showErrorBox('Framelens cannot start', `${messageOf(error)}${hint}`);
        app.exit(1);
        return;
      }

      const shown = showWindow();
      if (problems.length > 0) {
        shown.once('ready-to-show', () => {
          void dialog.showMessageBox(shown, {
            type: 'warning',
            message: `Framelens opened ${path.basename(session.current.path)} instead`,
            detail: problems.join('\n\n'),
          });
        });
      }
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Framelens cannot start', messageOf(error));
      app.exit(1);
    });
}
