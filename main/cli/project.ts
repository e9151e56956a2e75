// How commands open a project and call its API: `--db` names the file, else the default project.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Input, type Method, type Output, type ParsedInput } from '../api/contract.ts';
import { parseInput } from '../api/dispatch.ts';
import { defaultProjectPath, openProject, type Project } from '../services/project.ts';
import { CliError, UsageError } from './common.ts';

export const dbHelp = `--db FILE         the project file (.framelens); without it, your default project
                    (${defaultProjectPathSafe()})`;

function defaultProjectPathSafe(): string {
  try {
    return defaultProjectPath();
  } catch {
    return 'in your user data folder';
  }
}

/**
 * Opens the project a command works on. `create` lets a new file come into being (import, serve), and
 * the command says so when it does; commands that only read or change existing articles refuse a path
 * with no project (or an empty file), so a typo in --db does not silently start an empty project.
 * What the opening found (a read-only file, a journal set aside) goes to stderr.
 */
export function openForCommand(
  command: string,
  db: string | undefined,
  { create, detectOnImport = false, readOnly = false }: { create: boolean; detectOnImport?: boolean; readOnly?: boolean },
): Project {
  let project: Project;
  if (db === undefined) project = openProject(defaultProjectPath(), { create: true, detectOnImport, readOnly });
  else {
    if (db.trim() === '') throw new UsageError(command, '--db needs a file name.');
    const path = resolve(db);
    if (!create && !existsSync(path)) {
      throw new CliError(`There is no Framelens project at ${path}. Check the path, or start one with \`framelens import FILE --db ${db}\`.`);
    }
    project = openProject(path, { create, detectOnImport, readOnly });
  }
  if (project.created) process.stderr.write(`framelens: created a new project at ${project.path}.\n`);
  for (const notice of project.notices) process.stderr.write(`framelens: ${notice}\n`);
  return project;
}

/** Runs fn with the project open and always closes it, so the file is left clean. */
export async function withProject<T>(
  command: string,
  db: string | undefined,
  options: { create: boolean },
  fn: (project: Project) => T | Promise<T>,
): Promise<T> {
  const project = openForCommand(command, db, options);
  try {
    return await fn(project);
  } finally {
    project.close();
  }
}

/** Checks input against the contract, as dispatch does for the app's transports. */
export function checkInput<M extends Method>(method: M, input: unknown): ParsedInput<M> {
  return parseInput(method, input);
}

/**
 * Calls a contract method as dispatch does (checked input, a write in one transaction, refused when the
 * project is read-only). Unlike dispatch, an unexpected error is not logged with its stack here: it
 * propagates to the CLI's error report, which prints one line.
 */
export function call<M extends Method>(project: Project, method: M, input: Input<M>): Output<M> {
  return project.run(method, checkInput(method, input)) as Output<M>;
}
