// Response helpers shared by the web host's routes: every response carries the same security headers.
import type { ServerResponse } from 'node:http';
import type { ApiError, Envelope, ErrorCode } from '../api/contract.ts';

export const CSP =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

/** Sends a JSON body (always an API envelope); API answers are never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, extraHeaders?: Record<string, string>): void {
  const error: ApiError = { code, message };
  sendJson(res, status, { ok: false, error }, extraHeaders);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

/** The HTTP status that goes with each envelope error code. */
export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'UNSUPPORTED':
      return 400;
    case 'READ_ONLY':
      return 403;
    case 'NOT_FOUND':
    case 'UNKNOWN_METHOD':
      return 404;
    // CANCELLED: the caller stopped the call itself; what it had done is undone or kept as the message says.
    case 'CONFLICT':
    case 'CANCELLED':
      return 409;
    case 'INTERNAL':
      return 500;
    case 'BUSY':
      // Another program holds the project's write lock; the wait for it ran out.
      return 503;
  }
}

/** Headers that go with an error code: a busy project is worth trying again in a moment. */
export function headersFor(code: ErrorCode): Record<string, string> {
  return code === 'BUSY' ? { 'Retry-After': '2' } : {};
}

/** Sends a dispatch envelope with the status (and headers) its outcome calls for. */
export function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  if (envelope.ok) sendJson(res, 200, envelope);
  else sendJson(res, statusFor(envelope.error.code), envelope, headersFor(envelope.error.code));
}
