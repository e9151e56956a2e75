// POST /api/<method>: reads a JSON body within the size limit and hands it to the project's dispatch.
// Everything that can be refused from the headers (token, method, content type, declared size) has
// been refused before this runs (see refusals.ts); here only the body itself can still be wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AsyncDispatch } from '../api/dispatch.ts';
import { MAX_BODY_BYTES, refuse, tooLargeMessage } from './refusals.ts';
import { sendEnvelope, sendError } from './respond.ts';

export { MAX_BODY_BYTES };

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop holding the body in memory; the caller answers 413 and drops the connection.
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

export async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, dispatch: AsyncDispatch, limit = MAX_BODY_BYTES): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      // A chunked body, or one sent without a Content-Length, that grew past the limit.
      refuse(req, res, { status: 413, code: 'INVALID_INPUT', message: tooLargeMessage });
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

  sendEnvelope(res, await dispatch(method, input));
}
