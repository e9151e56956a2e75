// The single entry point for every transport: validates the method and its input against the contract,
// runs the handler, and returns an envelope. Raw errors, stacks and SQL never cross this boundary.
import { z } from 'zod';
import { writeTransaction, type Db } from '../../db/connection.ts';
import { contract, isAsyncMethod, type Envelope, type Handlers, type Method, type ParsedInput } from './contract.ts';
import { AppError, invalid } from '../services/errors.ts';
import { fromSqliteError } from '../services/sqlite-errors.ts';
import { findUnsafeText } from '../services/text/controls.ts';

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}

/**
 * Fields whose text comes from outside (a pasted article): control and half characters there are cleaned at
 * import, with a word in the result, rather than refused.
 */
const importedText: Partial<Record<Method, string>> = { 'articles.importText': 'text' };

/**
 * Checks input against a method's schema. Half characters (lone surrogates) and control characters other than tab, line feed and carriage
 * return are refused in every text field: no export, search or spreadsheet handles them safely.
 */
export function parseInput<M extends Method>(method: M, input: unknown): ParsedInput<M> {
  const found = findUnsafeText(input ?? {}, importedText[method]);
  if (found) throw invalid(`${found.path.length ? `${found.path.join('.')}: ` : ''}${found.problem}.`);
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) throw invalid(describeZodError(parsed.error));
  return parsed.data as ParsedInput<M>;
}

export type Dispatch = (method: unknown, input: unknown) => Envelope<unknown>;
/** Every method, the asynchronous ones included: what the web host and the desktop app call. */
export type AsyncDispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export type DispatchOptions = {
  /** The project's connection: every write method runs in one transaction on it. */
  db: Db;
  /** Refuse every method that would change the project. */
  readOnly?: boolean;
  /** Where unexpected errors go, with their stack (never to the caller). */
  log?: (error: unknown) => void;
};

class OutputRefused extends Error {}

export const readOnlyMessage = 'This project is open read-only, so it cannot be changed. Nothing was changed.';

/**
 * Runs a method's handler with parsed input and checks its output. A write runs in one immediate
 * transaction with the output check inside it: when the output fails its schema, the change is rolled
 * back, so "nothing was changed" is true.
 */
export function createRunner(handlers: Handlers, options: Pick<DispatchOptions, 'db' | 'readOnly'>) {
  return <M extends Method>(method: M, parsed: ParsedInput<M>): unknown => {
    const spec = contract[method];
    const handler = handlers[method] as (input: unknown) => unknown;
    const checked = () => checkOutput(method, handler(parsed));
    if (isAsyncMethod(method) && spec.effect === 'read')
      throw new AppError('UNSUPPORTED', `${method} answers asynchronously; call it through the asynchronous dispatch.`);
    if (spec.effect === 'read') return checked();
    if (options.readOnly) throw new AppError('READ_ONLY', readOnlyMessage);
    if (isAsyncMethod(method)) throw new AppError('UNSUPPORTED', `${method} answers asynchronously; call it through the asynchronous dispatch.`);
    return writeTransaction(options.db, checked)();
  };
}

function checkOutput(method: Method, output: unknown): unknown {
  const result = contract[method].output.safeParse(output);
  if (!result.success) throw new OutputRefused(`${method} produced output its schema refuses: ${describeZodError(result.error)}`);
  return result.data;
}

/** An error as the envelope shows it: an AppError or a known SQLite condition as is, anything else logged. */
function failure(error: unknown, log: (error: unknown) => void): Envelope<unknown> {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
  const known = fromSqliteError(error);
  if (known) return { ok: false, error: { code: known.code, message: known.message } };
  log(error);
  return { ok: false, error: { code: 'INTERNAL', message: 'Framelens hit an unexpected problem; nothing was changed. Details are in the log.' } };
}

function unknownMethod(method: unknown): Envelope<unknown> {
  const message =
    typeof method === 'string'
      ? `There is no API method named ${JSON.stringify(method).slice(0, 120)}.`
      : 'An API method is named by a string, such as "articles.list".';
  return { ok: false, error: { code: 'UNKNOWN_METHOD', message } };
}

export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  const log = options.log ?? ((e: unknown) => console.error(e));
  const run = createRunner(handlers, options);
  return (method, input) => {
    if (!isMethod(method)) return unknownMethod(method);
    try {
      return { ok: true, value: run(method, parseInput(method, input)) };
    } catch (error) {
      return failure(error, log);
    }
  };
}

/**
 * The same for every method, answering asynchronously. An asynchronous method's handler writes in
 * transactions of its own (see `asyncMethods`); its output is checked as every other.
 */
export function createAsyncDispatch(handlers: Handlers, options: DispatchOptions): AsyncDispatch {
  const log = options.log ?? ((e: unknown) => console.error(e));
  const dispatch = createDispatch(handlers, options);
  return async (method, input) => {
    if (!isMethod(method) || !isAsyncMethod(method)) return dispatch(method, input);
    try {
      const parsed = parseInput(method, input);
      if (contract[method].effect === 'write') {
        if (options.readOnly) throw new AppError('READ_ONLY', readOnlyMessage);
        // Another program holding the write lock is said at once, before a file is read and converted.
        options.db.exec('BEGIN IMMEDIATE');
        options.db.exec('ROLLBACK');
      }
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: checkOutput(method, await handler(parsed)) };
    } catch (error) {
      return failure(error, log);
    }
  };
}
