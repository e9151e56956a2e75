// Builds the renderer's Api (one async function per contract method) over whichever transport exists.
import { methods, type Api, type Method } from '../../../main/api/contract.ts';
import { desktopTransport, httpTransport, type Transport } from './transport.ts';
import { takeToken } from './token.ts';

/** A failed call, with the stable code from the envelope and a message meant for the analyst. */
export class ApiCallError extends Error {
  readonly code: string;
  readonly method: Method;
  constructor(code: string, message: string, method: Method) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.method = method;
  }
}

export type ApiHooks = { onUnauthorized?: () => void };

export function createApi(transport: Transport, hooks: ApiHooks = {}): Api {
  const api: Partial<Record<Method, (input: unknown) => Promise<unknown>>> = {};
  for (const method of methods) {
    api[method] = async (input: unknown) => {
      const envelope = await transport(method, input ?? {});
      if (envelope.ok) return envelope.value;
      if (envelope.error.code === 'UNAUTHORIZED') hooks.onUnauthorized?.();
      throw new ApiCallError(envelope.error.code, envelope.error.message, method);
    };
  }
  return api as Api;
}

export type Connection = { kind: 'desktop' | 'web'; api: Api } | { kind: 'missing-token' };

export function connect(hooks: ApiHooks = {}): Connection {
  if (window.framelens) return { kind: 'desktop', api: createApi(desktopTransport(window.framelens), hooks) };
  const token = takeToken();
  if (!token) return { kind: 'missing-token' };
  return { kind: 'web', api: createApi(httpTransport(token), hooks) };
}

export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong, and no reason was given.';
}

/** Input fields an INVALID_INPUT message names ("language: …; publishedAt: …"), to mark them in a form. */
export function fieldsNamedIn(message: string | null): Set<string> {
  const fields = new Set<string>();
  for (const part of (message ?? '').split('; ')) {
    const match = /^([A-Za-z]+)(?:\.[\w.]+)?: /.exec(part);
    if (match?.[1]) fields.add(match[1]);
  }
  return fields;
}
