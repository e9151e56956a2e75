// A project is one SQLite file (.framelens). Opening one gives the services, the handlers and the
// dispatch that every transport (web host, desktop IPC, command line) goes through.
import { mkdirSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { openProjectDatabase, ProjectOpenError, type Db, type OpenOptions } from '../../db/connection.ts';
import type { Handlers } from '../api/contract.ts';
import { createAsyncDispatch, createDispatch, createRunner, type AsyncDispatch, type Dispatch } from '../api/dispatch.ts';
import { AppError } from './errors.ts';
import { fromSqliteError } from './sqlite-errors.ts';
import { createHandlers, createServices, type Services } from './handlers.ts';
import { createDetectionQueue, spawnSourceWorker, type DetectionQueue, type SpawnWorker } from './entities/queue.ts';
import type { SpawnFindWorker } from './copies/families-store.ts';

export type Project = {
  path: string;
  db: Db;
  services: Services;
  handlers: Handlers;
  /** Every method but the asynchronous ones (see `asyncMethods`), synchronously. */
  dispatch: Dispatch;
  /** Every method; what the web host and the desktop app call. */
  dispatchAsync: AsyncDispatch;
  /** Runs a method with input already parsed (the command line's path; dispatch uses the same). */
  run: ReturnType<typeof createRunner>;
  detection: DetectionQueue;
  /** Nothing can be changed: the file or its folder is not writable, or it was opened read-only. */
  readOnly: boolean;
  /** The file was new or empty and now holds a new project. */
  created: boolean;
  /** What the analyst should be told about this opening. */
  notices: string[];
  close(): void;
};

export type ProjectOptions = OpenOptions & {
  /** Detect entities in each imported article in the background (the app's behaviour). Default off. */
  detectOnImport?: boolean;
  /** How the detection worker is started (the desktop app runs a bundled copy). */
  spawnDetectionWorker?: SpawnWorker;
  /** How the copy-finding worker is started (likewise). */
  spawnCopiesWorker?: SpawnFindWorker;
};

export const PROJECT_EXTENSION = '.framelens';

export function openProject(path: string, options: ProjectOptions = {}): Project {
  const fullPath = path === ':memory:' ? path : resolve(path);
  if (fullPath !== ':memory:' && options.create !== false && !options.readOnly) makeFolder(dirname(fullPath));
  let opened: ReturnType<typeof openProjectDatabase>;
  try {
    opened = openProjectDatabase(fullPath, options);
  } catch (error) {
    if (error instanceof ProjectOpenError) throw new AppError(error.kind === 'NOT_FOUND' ? 'NOT_FOUND' : 'UNSUPPORTED', error.message);
    const known = fromSqliteError(error);
    if (known) throw known;
    throw error;
  }
  const { db, readOnly, created, notices } = opened;
  const services = createServices(db, { copies: { spawn: options.spawnCopiesWorker, nativeBinding: options.nativeBinding } });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck();
  const detectedCount = count('detection_state');
  const articleCount = count('articles');
  const detection = createDetectionQueue(
    {
      articles: services.articles,
      entities: services.entities,
      counts: () => ({ detected: detectedCount.get() as number, articles: articleCount.get() as number }),
    },
    options.spawnDetectionWorker ?? spawnSourceWorker,
  );
  const handlers = createHandlers(services, { path: fullPath, detection, detectOnImport: options.detectOnImport ?? false, readOnly, notices });
  return {
    path: fullPath,
    db,
    services,
    handlers,
    dispatch: createDispatch(handlers, { db, readOnly }),
    dispatchAsync: createAsyncDispatch(handlers, { db, readOnly }),
    run: createRunner(handlers, { db, readOnly }),
    detection,
    readOnly,
    created,
    notices,
    close: () => {
      void detection.close();
      if (db.open) db.close();
    },
  };
}

/** Creates the project's folder, saying plainly why when it cannot be made. */
function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a part of the path is a file'
          : (code ?? 'error');
    throw new AppError('UNSUPPORTED', `Framelens cannot create the folder ${folder} for the project (${why}). Choose another place.`);
  }
}

/**
 * Where the user's data lives on each platform: the folders Electron's app.getPath('userData') uses, so
 * the desktop app and the web host open the same default project. FRAMELENS_HOME overrides it.
 */
export function userDataDir(): string {
  const home = homedir();
  if (process.env.FRAMELENS_HOME) return resolve(process.env.FRAMELENS_HOME);
  switch (platform()) {
    case 'win32':
      return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Framelens');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Framelens');
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Framelens');
  }
}

/** The project opened when none is named: created on first use. */
export function defaultProjectPath(): string {
  return join(userDataDir(), `default${PROJECT_EXTENSION}`);
}
