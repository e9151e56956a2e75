// The single entry point for every transport: validates the method and its input against the contract,
// runs the handler, and returns an envelope. Raw errors, stacks and SQL never cross this boundary.
import { z } from 'zod';
import { contract, type Envelope, type Handlers, type Method } from './contract.ts';
import { AppError } from '../services/errors.ts';

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}

export type Dispatch = (method: unknown, input: unknown) => Envelope<unknown>;

export function createDispatch(handlers: Handlers, log: (error: unknown) => void = (e) => console.error(e)): Dispatch {
  return (method, input) => {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no API method named ${JSON.stringify(String(method)).slice(0, 120)}.` } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: describeZodError(parsed.error) } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = spec.output.parse(handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      log(error);
      return { ok: false, error: { code: 'INTERNAL', message: 'Framelens hit an unexpected problem; nothing was changed. Details are in the log.' } };
    }
  };
}
