// Refusals the web host decides from the request line and headers alone. They are answered before a
// byte of the body is read, with `Connection: close`, and the connection is dropped once the answer is
// out: otherwise Node would read (or, to keep the connection alive, drain) an upload of any size only
// to throw it away.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../api/contract.ts';
import { checkHostAndOrigin, hasToken } from './guard.ts';
import { sendError } from './respond.ts';

/** Files of up to 50 MB arrive base64-encoded (4/3 larger) inside JSON, so allow some headroom. */
export const MAX_BODY_BYTES = 80 * 1024 * 1024;

export const tooLargeMessage = `The request is larger than the web host accepts (${MAX_BODY_BYTES / 1024 / 1024} MB). Import files of up to 50 MB, a few at a time.`;

export type Refusal = { status: number; code: ErrorCode; message: string; headers?: Record<string, string> };

export type Gate = {
  /** Every Host header value that names this server (see allowedHosts). */
  hosts: Set<string>;
  token: string;
  /** Largest API request body in bytes. */
  limit: number;
};

/** The path part of the request target, without the query. */
export const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0]!;

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

/** Does the request announce a body (chunked, or a Content-Length other than 0)? */
function announcesBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}

/** Why the request is refused before its body is read, or null when it may go on. */
export function refusalFor(req: IncomingMessage, gate: Gate): Refusal | null {
  const guard = checkHostAndOrigin(req, gate.hosts);
  if (guard) return { status: guard.status, code: 'INVALID_INPUT', message: guard.message };

  const path = pathOf(req);
  if (!path.startsWith('/api/')) {
    // The interface's own files: read-only, and nothing a browser asks for them carries a body.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return {
        status: 405,
        code: 'INVALID_INPUT',
        message: 'The Framelens interface is only read (GET); the API is under /api/.',
        headers: { Allow: 'GET, HEAD' },
      };
    }
    if (announcesBody(req)) return { status: 400, code: 'INVALID_INPUT', message: 'A request for a page of the Framelens interface carries no body.' };
    return null;
  }

  if (!hasToken(req, gate.token)) {
    return {
      status: 401,
      code: 'INVALID_INPUT',
      message: 'The access token is missing or out of date; open the address that `framelens serve` printed.',
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  if (req.method !== 'POST') return { status: 405, code: 'INVALID_INPUT', message: 'The Framelens API takes POST requests only.', headers: { Allow: 'POST' } };
  if (!isJson(req)) return { status: 415, code: 'INVALID_INPUT', message: 'The Framelens API takes a JSON body (Content-Type: application/json).' };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > gate.limit) return { status: 413, code: 'INVALID_INPUT', message: tooLargeMessage };
  return null;
}

/**
 * Answers the refusal with `Connection: close` and destroys the connection as soon as the answer has
 * been handed to the operating system, so whatever body is still on its way is never read.
 */
export function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  // Taken now: by the time 'finish' fires, Node has already detached the socket from the response.
  const socket = req.socket;
  res.once('finish', () => socket.destroy());
  sendError(res, refusal.status, refusal.code, refusal.message, { ...refusal.headers, Connection: 'close' });
}
