// POST /api/<method>: reads a JSON body within the size limit and hands it to the project's dispatch.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../api/dispatch.ts';
import { sendError, sendJson, statusFor } from './respond.ts';

/** Files of up to 50 MB arrive base64-encoded (4/3 larger) inside JSON, so allow some headroom. */
export const MAX_BODY_BYTES = 80 * 1024 * 1024;

const tooLargeMessage = `The request is larger than the web host accepts (${MAX_BODY_BYTES / 1024 / 1024} MB). Import files of up to 50 MB, a few at a time.`;

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop holding the body in memory; the caller answers 413 and closes the connection.
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function isJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, dispatch: Dispatch, limit = MAX_BODY_BYTES): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'INVALID_INPUT', 'The Framelens API takes POST requests only.', { Allow: 'POST' });
    return;
  }
  if (!isJson(req)) {
    sendError(res, 415, 'INVALID_INPUT', 'The Framelens API takes a JSON body (Content-Type: application/json).');
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    sendError(res, 413, 'INVALID_INPUT', tooLargeMessage, { Connection: 'close' });
    return;
  }

  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      sendError(res, 413, 'INVALID_INPUT', tooLargeMessage, { Connection: 'close' });
      return;
    }
    throw error;
  }

  let input: unknown;
  if (body.length === 0) {
    input = {};
  } else {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 400, 'INVALID_INPUT', 'The request body is not valid JSON.');
      return;
    }
  }

  const envelope = dispatch(method, input);
  sendJson(res, envelope.ok ? 200 : statusFor(envelope.error.code), envelope);
}
