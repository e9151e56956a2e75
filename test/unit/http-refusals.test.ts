// The web host refuses what it can tell from the request line and headers without reading the body:
// the answer comes at once with `Connection: close` and the host drops the connection, so a client
// cannot make it read (or drain, for keep-alive) a large upload it is going to refuse anyway.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../main/http/server.ts';
import type { AsyncDispatch } from '../../main/api/dispatch.ts';
import type { ApiError } from '../../main/api/contract.ts';
import { snapshot, tempDir, tempProject } from './support/project.ts';

const MB = 1024 * 1024;
/** What each request below announces; the test never sends more than a sliver of it. */
const ANNOUNCED = 100 * MB;
/** Long enough for a slow machine, far shorter than reading (or waiting for) 100 MB. */
const QUICK_MS = 3000;

type Raw = {
  /** Everything the host sent back, as text. */
  text: string;
  /** The host's (first final) answer. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from sending the headers to the first byte of the answer. */
  answeredAfter: number;
  /** True when the host closed the connection (not the test). */
  closedByHost: boolean;
  /** Body bytes the client managed to hand to the connection before it was closed. */
  bodyBytesSent: number;
};

/** The status, headers and body of the first answer in `text` (a final one, after any 100 Continue). */
function parseAnswer(text: string): { status: number; headers: Record<string, string>; body: string } {
  const final = text.replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, '');
  const end = final.indexOf('\r\n\r\n');
  const head = end < 0 ? final : final.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body =
    end < 0
      ? ''
      : Buffer.from(final.slice(end + 4))
          .subarray(0, length)
          .toString('utf8');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body };
}

/**
 * Opens a raw connection, sends `head` and then `first` (a little of the announced body), and then,
 * when `keepSending`, goes on writing the rest of the body as fast as the connection takes it until the
 * host closes it. Resolves when the connection is closed, or after `waitMs` with closedByHost false.
 */
function rawRequest(port: number, head: string, first: Buffer, keepSending: (sent: number) => Buffer | null, waitMs = QUICK_MS): Promise<Raw> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    let started = 0;
    let answeredAfter = -1;
    let bodyBytesSent = 0;
    let settled = false;
    const finish = (closedByHost: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const text = Buffer.concat(parts).toString('utf8');
      resolve({ text, ...parseAnswer(text), answeredAfter, closedByHost, bodyBytesSent });
      socket.destroy();
    };
    const timer = setTimeout(() => finish(false), waitMs);
    const pump = () => {
      while (!socket.destroyed && socket.writable) {
        const chunk = keepSending(bodyBytesSent);
        if (!chunk) return;
        bodyBytesSent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      started = Date.now();
      socket.write(head);
      socket.write(first);
      bodyBytesSent = first.length;
      // Let the host see the headers before the rest starts flowing.
      setTimeout(pump, 20);
    });
    socket.on('data', (chunk: Buffer) => {
      if (answeredAfter < 0) answeredAfter = Date.now() - started;
      parts.push(chunk);
    });
    // EPIPE / ECONNRESET: the host dropped the connection while the client was still writing.
    socket.on('error', () => finish(true));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

/** A body of `size` bytes that never ends before the host closes: 64 KB at a time. */
const slab = Buffer.alloc(64 * 1024, 'a');
const endless = (limit: number) => (sent: number) => (sent < limit ? slab : null);

describe('web host refusals decided from the headers', () => {
  const project = tempProject();
  const files = tempDir();
  let server: RunningServer;
  let port: number;
  let before_: string;

  before(async () => {
    const root = join(files.dir, 'renderer');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Framelens</title>');
    server = await startServer({ project, staticDir: root, log: () => {} });
    port = server.port;
    before_ = snapshot(project);
  });

  after(async () => {
    await server.close();
    project.cleanup();
    files.cleanup();
  });

  const host = () => `Host: 127.0.0.1:${port}\r\n`;
  const auth = () => `Authorization: Bearer ${server.token}\r\n`;
  const json = 'Content-Type: application/json\r\n';
  const announced = `Content-Length: ${ANNOUNCED}\r\n`;
  const start = Buffer.from('{"text":"');

  /** The refusal came at once, said Connection: close, and the host closed the connection itself. */
  function assertRefusedAtOnce(reply: Raw, status: number) {
    assert.equal(reply.status, status, reply.text);
    assert.equal(reply.headers.connection, 'close');
    assert.ok(reply.answeredAfter >= 0 && reply.answeredAfter < QUICK_MS, `answered after ${reply.answeredAfter} ms`);
    assert.ok(reply.closedByHost, 'the host closed the connection');
    assert.equal(JSON.parse(reply.body).ok, false, reply.body);
  }

  test('without the token, a POST announcing 100 MB is answered 401 and dropped at once', async () => {
    const reply = await rawRequest(port, `POST /api/articles.importText HTTP/1.1\r\n${host()}${json}${announced}\r\n`, start, () => null);
    assertRefusedAtOnce(reply, 401);
    assert.equal(reply.headers['www-authenticate'], 'Bearer');
  });

  test('a client that keeps sending after a refusal has its writes cut off long before 100 MB', async () => {
    const reply = await rawRequest(port, `POST /api/articles.importText HTTP/1.1\r\n${host()}${json}${announced}\r\n`, start, endless(ANNOUNCED));
    assertRefusedAtOnce(reply, 401);
    // Loopback buffers on both sides can take a few MB before the close is noticed; reading the
    // whole body would let all 100 MB through.
    assert.ok(reply.bodyBytesSent < ANNOUNCED / 4, `${(reply.bodyBytesSent / MB).toFixed(1)} MB were sent`);
  });

  test('a body that is not JSON is answered 415 and dropped without being read', async () => {
    const reply = await rawRequest(
      port,
      `POST /api/articles.importText HTTP/1.1\r\n${host()}${auth()}Content-Type: application/x-www-form-urlencoded\r\n${announced}\r\n`,
      Buffer.from('text=a'),
      endless(ANNOUNCED),
    );
    assertRefusedAtOnce(reply, 415);
    assert.ok(reply.bodyBytesSent < ANNOUNCED / 4, `${(reply.bodyBytesSent / MB).toFixed(1)} MB were sent`);
  });

  test('a POST to a page of the interface is answered 405 and dropped without being read', async () => {
    const reply = await rawRequest(port, `POST /index.html HTTP/1.1\r\n${host()}${json}${announced}\r\n`, start, endless(ANNOUNCED));
    assertRefusedAtOnce(reply, 405);
    assert.equal(reply.headers.allow, 'GET, HEAD');
    assert.ok(reply.bodyBytesSent < ANNOUNCED / 4, `${(reply.bodyBytesSent / MB).toFixed(1)} MB were sent`);
  });

  test('a PUT to an unknown path outside the API is refused the same way', async () => {
    const reply = await rawRequest(port, `PUT /uploads/x HTTP/1.1\r\n${host()}${announced}\r\n`, start, () => null);
    assertRefusedAtOnce(reply, 405);
  });

  test('a GET for a page that announces a body is refused instead of drained', async () => {
    const reply = await rawRequest(port, `GET /index.html HTTP/1.1\r\n${host()}${announced}\r\n`, start, () => null);
    assertRefusedAtOnce(reply, 400);
  });

  test('a declared Content-Length over the limit is answered 413 and dropped at once', async () => {
    const reply = await rawRequest(port, `POST /api/articles.importText HTTP/1.1\r\n${host()}${auth()}${json}${announced}\r\n`, start, endless(ANNOUNCED));
    assertRefusedAtOnce(reply, 413);
    assert.ok(reply.bodyBytesSent < ANNOUNCED / 4, `${(reply.bodyBytesSent / MB).toFixed(1)} MB were sent`);
  });

  test('a chunked body without the token is answered 401 and dropped without being read', async () => {
    const chunk = Buffer.concat([Buffer.from(`${slab.length.toString(16)}\r\n`), slab, Buffer.from('\r\n')]);
    const reply = await rawRequest(port, `POST /api/articles.importText HTTP/1.1\r\n${host()}${json}Transfer-Encoding: chunked\r\n\r\n`, chunk, (sent) =>
      sent < ANNOUNCED ? chunk : null,
    );
    assertRefusedAtOnce(reply, 401);
    assert.ok(reply.bodyBytesSent < ANNOUNCED / 4, `${(reply.bodyBytesSent / MB).toFixed(1)} MB were sent`);
  });

  test('a request addressed to another host is answered 403 and dropped without being read', async () => {
    const reply = await rawRequest(port, `POST /api/articles.importText HTTP/1.1\r\nHost: evil.example\r\n${auth()}${json}${announced}\r\n`, start, () => null);
    assertRefusedAtOnce(reply, 403);
  });

  test('a GET to the API is answered 405 and dropped', async () => {
    const reply = await rawRequest(port, `GET /api/project.info HTTP/1.1\r\n${host()}${auth()}${announced}\r\n`, start, () => null);
    assertRefusedAtOnce(reply, 405);
    assert.equal(reply.headers.allow, 'POST');
  });

  test('a refused request that asks to continue is never invited to send its body', async () => {
    const reply = await rawRequest(
      port,
      `POST /api/articles.importText HTTP/1.1\r\n${host()}${json}${announced}Expect: 100-continue\r\n\r\n`,
      Buffer.alloc(0),
      () => null,
    );
    assert.doesNotMatch(reply.text, /^HTTP\/1\.1 100/);
    assertRefusedAtOnce(reply, 401);
  });

  test('an accepted request that asks to continue is invited, answered, and keeps its connection', async () => {
    const body = '{}';
    const reply = await rawRequest(
      port,
      `POST /api/articles.list HTTP/1.1\r\n${host()}${auth()}${json}Content-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
      Buffer.alloc(0),
      (sent) => (sent === 0 ? Buffer.from(body) : null),
      500,
    );
    assert.match(reply.text, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    assert.equal(reply.closedByHost, false, 'a good request keeps its keep-alive connection');
  });

  test('after all these refusals the host answers a good request and the project is unchanged', async () => {
    const body = '{}';
    const reply = await rawRequest(
      port,
      `POST /api/articles.list HTTP/1.1\r\n${host()}${auth()}${json}Content-Length: ${body.length}\r\n\r\n`,
      Buffer.from(body),
      () => null,
      500,
    );
    assert.equal(reply.status, 200, reply.text);
    assert.notEqual(reply.headers.connection, 'close');
    assert.equal(snapshot(project), before_);
  });
});

describe('web host statuses for a project that cannot be changed right now', () => {
  const files = tempDir();
  let server: RunningServer;
  const answers: Record<string, ApiError> = {
    'tags.create': { code: 'READ_ONLY', message: 'This project is open read-only.' },
    'articles.importText': { code: 'BUSY', message: 'Another program is writing to this project; try again in a moment.' },
  };

  before(async () => {
    // A dispatch that answers as a read-only or a busy project would, so only the host's mapping is tested.
    const dispatchAsync: AsyncDispatch = async (method) => {
      const error = answers[String(method)];
      return error ? { ok: false, error } : { ok: true, value: {} };
    };
    server = await startServer({ project: { dispatchAsync }, staticDir: files.dir, log: () => {} });
  });

  after(async () => {
    await server.close();
    files.cleanup();
  });

  const call = (method: string) =>
    rawRequest(
      server.port,
      `POST /api/${method} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${server.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n`,
      Buffer.from('{}'),
      () => null,
      300,
    );

  test('READ_ONLY is 403 and keeps the envelope', async () => {
    const reply = await call('tags.create');
    assert.equal(reply.status, 403, reply.text);
    assert.deepEqual(JSON.parse(reply.body), { ok: false, error: answers['tags.create'] });
    assert.equal(reply.headers['retry-after'], undefined);
  });

  test('BUSY is 503 with Retry-After: 2', async () => {
    const reply = await call('articles.importText');
    assert.equal(reply.status, 503, reply.text);
    assert.equal(reply.headers['retry-after'], '2');
    assert.deepEqual(JSON.parse(reply.body), { ok: false, error: answers['articles.importText'] });
  });

  test('a success is still 200 without Retry-After', async () => {
    const reply = await call('articles.list');
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.headers['retry-after'], undefined);
  });
});
