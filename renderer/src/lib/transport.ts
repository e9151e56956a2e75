// The two ways the renderer reaches Framelens: the desktop preload or the web host's HTTP API.
// Both hand back the same envelope, so the API client above them does not know which one it uses.
import type { Envelope, Method } from '../../../main/api/contract.ts';

/** Codes the renderer adds for failures that happen before an envelope arrives. */
export type TransportErrorCode = 'UNAUTHORIZED' | 'NETWORK' | 'BAD_RESPONSE';

export type TransportEnvelope = Envelope<unknown> | { ok: false; error: { code: TransportErrorCode; message: string } };

export type Transport = (method: Method, input: unknown) => Promise<TransportEnvelope>;

type Bridge = NonNullable<Window['framelens']>;

export function desktopTransport(bridge: Bridge): Transport {
  return async (method, input) => {
    const call = bridge[method];
    if (typeof call !== 'function') {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `This version of the desktop app has no ${method}.` } };
    }
    return call(input);
  };
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  const b = body as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (b.ok === true) return 'value' in body;
  return b.ok === false && typeof b.error?.code === 'string' && typeof b.error?.message === 'string';
}

export function httpTransport(token: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): Transport {
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetchImpl(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
    } catch {
      return {
        ok: false,
        error: { code: 'NETWORK', message: 'The Framelens web host does not answer. Is `framelens serve` still running?' },
      };
    }
    // Status codes vary by error and the envelope is what counts; but a rejected token (401) means this
    // tab must be reopened from a fresh address, which the app shows as a screen of its own.
    if (response.status === 401) {
      return {
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'The web host did not accept this tab’s access token.' },
      };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (isEnvelope(body)) return body;
    return {
      ok: false,
      error: { code: 'BAD_RESPONSE', message: `The web host answered ${method} with something unexpected (HTTP ${response.status}).` },
    };
  };
}
