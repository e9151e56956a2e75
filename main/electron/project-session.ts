// Which project the desktop app has open, and the small memory of it kept between launches. Opening is
// injected so the rules (a bad file never costs the analyst the project they have open) can be tested
// on Node without Electron.
import fs from 'node:fs';
import path from 'node:path';
import type { Project } from '../services/project.ts';
import { forgetProject, parseDesktopState, rememberProject, type DesktopState } from './policy.ts';

export type OpenProject = (file: string, options: { create?: boolean; nativeBinding?: string }) => Project;

export type StartupChoice = {
  /** A project named for this launch (argument, file association, FRAMELENS_PROJECT); created if missing. */
  requested: string | null;
  /** The project used when nothing else is named or works; created on first use. */
  fallback: string;
};

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'No reason was given.';
}

export class ProjectSession {
  readonly #open: OpenProject;
  readonly #stateFile: string;
  readonly #nativeBinding: string | undefined;
  #current: Project | null = null;
  #state: DesktopState;

  constructor(open: OpenProject, stateFile: string, nativeBinding?: string) {
    this.#open = open;
    this.#stateFile = stateFile;
    this.#nativeBinding = nativeBinding;
    this.#state = this.#readState();
  }

  get current(): Project {
    if (!this.#current) throw new Error('No Framelens project is open.');
    return this.#current;
  }

  get isOpen(): boolean {
    return this.#current !== null;
  }

  get recent(): readonly string[] {
    return this.#state.recent;
  }

  /**
   * Opens `file` and only then closes the project that was open, so a file that cannot be opened (not a
   * Framelens project, written by a newer version) leaves the analyst where they were. Throws in that case.
   */
  switchTo(file: string, options: { create?: boolean } = {}): Project {
    const target = path.resolve(file);
    if (this.#current && this.#current.path === target) return this.#current;
    const opened = this.#open(target, { create: options.create ?? false, nativeBinding: this.#nativeBinding });
    const previous = this.#current;
    this.#current = opened;
    previous?.close();
    this.#state = rememberProject(this.#state, opened.path);
    this.#writeState();
    return opened;
  }

  /**
   * Opens the first project that works: the one this launch names, the last one used, then the default.
   * Returns the problems met on the way, for the app to show once its window is up.
   */
  start(choice: StartupChoice): { project: Project; problems: string[] } {
    const problems: string[] = [];
    const attempts: { file: string; create: boolean }[] = [];
    if (choice.requested) attempts.push({ file: choice.requested, create: true });
    // The last project may have been moved or deleted since; then it is quietly skipped.
    if (this.#state.lastProject && fs.existsSync(this.#state.lastProject)) attempts.push({ file: this.#state.lastProject, create: false });
    attempts.push({ file: choice.fallback, create: true });
    for (const attempt of attempts) {
      try {
        return { project: this.switchTo(attempt.file, { create: attempt.create }), problems };
      } catch (error) {
        problems.push(`${attempt.file}: ${messageOf(error)}`);
        if (attempt.file === this.#state.lastProject) this.forget(attempt.file);
      }
    }
    throw new Error(`Framelens could not open any project.\n\n${problems.join('\n\n')}`);
  }

  forget(file: string): void {
    this.#state = forgetProject(this.#state, file);
    this.#writeState();
  }

  close(): void {
    this.#current?.close();
    this.#current = null;
  }

  #readState(): DesktopState {
    try {
      return parseDesktopState(JSON.parse(fs.readFileSync(this.#stateFile, 'utf8')));
    } catch {
      return parseDesktopState(null);
    }
  }

  /** Written atomically; losing this file costs only the recent list, so a failure is logged, not shown. */
  #writeState(): void {
    try {
      fs.mkdirSync(path.dirname(this.#stateFile), { recursive: true });
      const temp = `${this.#stateFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(this.#state, null, 2));
      fs.renameSync(temp, this.#stateFile);
    } catch (error) {
      console.error('Framelens could not remember the open project:', error);
    }
  }
}
