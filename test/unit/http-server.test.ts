// The web host against a real project file: who may call the API, what it answers, which files it
// serves, and that no bad request changes the project or stops the host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../main/http/server.ts';
import { CSP } from '../../main/http/respond.ts';
import { MAX_BODY_BYTES } from '../../main/http/api.ts';
import { snapshot, tempDir, tempProject } from './support/project.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of the answer it expects
type Reply = { status: number; headers: IncomingHttpHeaders; text: string; json: any };

/** One raw HTTP request: node:http lets a test set Host and send paths exactly as written. */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    // The host may answer and close before an oversized body is fully sent; the answer is what counts.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

describe('web host', () => {
  const project = tempProject();
  const files = tempDir();
  const logs: string[] = [];
  let server: RunningServer;
  let port: number;
  let api: (method: string, body: unknown, headers?: Record<string, string>) => Promise<Reply>;

  before(async () => {
    const root = join(files.dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Framelens</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log("framelens");');
    writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(files.dir, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(files.dir, 'secret.txt'), join(root, 'link.txt'));
    server = await startServer({ project, staticDir: root, log: (m) => logs.push(m) });
    port = server.port;
    api = (method, body, headers = {}) =>
      send(port, {
        method: 'POST',
        path: `/api/${method}`,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Host: `127.0.0.1:${port}`, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    // Something in the project, so "unchanged" means something.
    const added = await api('articles.importText', { text: 'Ministern talade om ett hot.', source: 'DN' });
    assert.equal(added.status, 200, added.text);
  });

  after(async () => {
    await server.close();
    project.cleanup();
    files.cleanup();
  });

  /** The host still answers a good request, and the project is as it was. */
  async function stillFine(before: string) {
    const info = await api('project.info', {});
    assert.equal(info.status, 200);
    assert.equal(info.json.ok, true);
    assert.equal(snapshot(project), before);
  }

  test('prints a loopback URL with the token in the fragment', () => {
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[A-Za-z0-9_-]{40,}$`));
    assert.ok(server.url.endsWith(server.token));
    assert.equal(logs.length, 0, 'no warning on loopback');
  });

  test('a good call returns the envelope with no-store and the security headers', async () => {
    const reply = await api('articles.list', {});
    assert.equal(reply.status, 200);
    assert.equal(reply.json.ok, true);
    assert.equal(reply.json.value.articles.length, 1);
    assert.match(String(reply.headers['content-type']), /^application\/json/);
    assert.equal(reply.headers['cache-control'], 'no-store');
    assert.equal(reply.headers['content-security-policy'], CSP);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
    assert.equal(reply.headers['referrer-policy'], 'no-referrer');
  });

  test('a file arrives base64-encoded and is imported', async () => {
    const dataBase64 = Buffer.from('Rubrik\n\nEn text om suveränitet 😀.\n').toString('base64');
    const reply = await api('articles.importFiles', { files: [{ name: 'a.txt', dataBase64 }] });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.value.results[0].status, 'imported');
    const again = await api('articles.importFiles', { files: [{ name: 'a.txt', dataBase64 }] });
    assert.equal(again.json.value.results[0].status, 'duplicate');
  });

  test('without the token, or with a wrong one, the API answers 401', async () => {
    const before = snapshot(project);
    for (const auth of [undefined, 'Bearer', `Bearer ${server.token}x`, `Bearer ${'a'.repeat(server.token.length)}`, `Basic ${server.token}`, server.token]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Host: `127.0.0.1:${port}` };
      if (auth !== undefined) headers.Authorization = auth;
      const reply = await send(port, { method: 'POST', path: '/api/articles.importText', headers, body: JSON.stringify({ text: 'Intrång' }) });
      assert.equal(reply.status, 401, `for ${auth}`);
      assert.equal(reply.json.ok, false);
      assert.match(reply.json.error.message, /token/);
    }
    await stillFine(before);
  });

  test('a Host that is not the host itself is refused with 403 (DNS rebinding)', async () => {
    const before = snapshot(project);
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.2:${port}`]) {
      const reply = await api('articles.importText', { text: 'Intrång' }, { Host: host });
      assert.equal(reply.status, 403, host);
      assert.equal(reply.json.ok, false);
      const page = await send(port, { path: '/', headers: { Host: host } });
      assert.equal(page.status, 403, `static file for ${host}`);
    }
    for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const reply = await api('project.info', {}, { Host: host });
      assert.equal(reply.status, 200, host);
    }
    await stillFine(before);
  });

  test('an Origin other than the host’s own is refused with 403; its own is accepted', async () => {
    const before = snapshot(project);
    for (const origin of [
      'http://evil.example',
      `http://evil.example:${port}`,
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      'not a url',
    ]) {
      const reply = await api('articles.importText', { text: 'Intrång' }, { Origin: origin });
      assert.equal(reply.status, 403, origin);
      assert.equal(reply.json.ok, false);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const reply = await api('project.info', {}, { Origin: origin });
      assert.equal(reply.status, 200, origin);
    }
    await stillFine(before);
  });

  test('an unknown method is an UNKNOWN_METHOD envelope with 404', async () => {
    const before = snapshot(project);
    for (const method of ['nope', '__proto__', 'constructor', 'articles.list/x', '']) {
      const reply = await api(method, {});
      assert.equal(reply.status, 404, method);
      assert.equal(reply.json.ok, false);
      assert.equal(reply.json.error.code, 'UNKNOWN_METHOD');
    }
    await stillFine(before);
  });

  test('a mistyped field is INVALID_INPUT with 400 and names the field', async () => {
    const before = snapshot(project);
    const reply = await api('articles.get', { id: 'one' });
    assert.equal(reply.status, 400);
    assert.equal(reply.json.error.code, 'INVALID_INPUT');
    assert.match(reply.json.error.message, /id/);
    const date = await api('articles.importText', { text: 'Ny text', publishedAt: '2024-13' });
    assert.equal(date.status, 400);
    await stillFine(before);
  });

  test('NOT_FOUND is 404 and CONFLICT is 409', async () => {
    const missing = await api('articles.get', { id: 9999 });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'NOT_FOUND');
    assert.equal((await api('tags.create', { name: 'Hot' })).status, 200);
    const twice = await api('tags.create', { name: 'hot' });
    assert.equal(twice.status, 409);
    assert.equal(twice.json.error.code, 'CONFLICT');
  });

  test('malformed JSON is INVALID_INPUT with 400', async () => {
    const before = snapshot(project);
    for (const body of ['{', '{"text": "a",}', 'undefined', '\u0000']) {
      const reply = await api('articles.importText', body);
      assert.equal(reply.status, 400, body);
      assert.equal(reply.json.error.code, 'INVALID_INPUT');
      assert.match(reply.json.error.message, /JSON/);
    }
    await stillFine(before);
  });

  test('only POST with application/json reaches the API', async () => {
    const before = snapshot(project);
    const get = await send(port, { path: '/api/project.info', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${server.token}` } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const form = await api('articles.importText', 'text=Intrång', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    const plain = await api('articles.importText', JSON.stringify({ text: 'Intrång' }), { 'Content-Type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.equal(plain.json.ok, false);
    await stillFine(before);
  });

  test('a body declared larger than the limit is refused with 413 before it is read', async () => {
    assert.ok(MAX_BODY_BYTES >= Math.ceil((50 * 1024 * 1024 * 4) / 3) + 1024, 'a 50 MB file fits base64-encoded');
    const before = snapshot(project);
    const reply = await send(port, {
      method: 'POST',
      path: '/api/articles.importText',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Host: `127.0.0.1:${port}`, 'Content-Length': MAX_BODY_BYTES + 1 },
      body: '{"text": "',
    });
    assert.equal(reply.status, 413);
    assert.equal(reply.json.ok, false);
    assert.match(reply.json.error.message, /80 MB/);
    await stillFine(before);
  });

  test('a streamed body that grows past the limit is cut off with 413', async () => {
    const small = await startServer({ project, staticDir: files.dir, maxBodyBytes: 64 * 1024, log: () => {} });
    try {
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const reply = await send(small.port, {
        method: 'POST',
        path: '/api/articles.importText',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${small.token}`,
          Host: `127.0.0.1:${small.port}`,
          'Transfer-Encoding': 'chunked',
        },
        chunks: [Buffer.from('{"text":"'), ...Array.from({ length: 8 }, () => chunk), Buffer.from('"}')],
      });
      assert.equal(reply.status, 413);
      assert.equal(reply.json.error.code, 'INVALID_INPUT');
      const info = await send(small.port, {
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${small.token}`, Host: `127.0.0.1:${small.port}` },
        body: '{}',
      });
      assert.equal(info.status, 200);
    } finally {
      await small.close();
    }
  });

  test('the index page and assets are served with their content types and the CSP', async () => {
    const index = await send(port, { path: '/', headers: { Host: `127.0.0.1:${port}` } });
    assert.equal(index.status, 200);
    assert.match(String(index.headers['content-type']), /^text\/html/);
    assert.equal(index.headers['content-security-policy'], CSP);
    assert.equal(index.headers['x-content-type-options'], 'nosniff');
    assert.equal(index.headers['referrer-policy'], 'no-referrer');
    assert.match(index.text, /<title>Framelens/);
    const js = await send(port, { path: '/assets/app.js?v=1', headers: { Host: `127.0.0.1:${port}` } });
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    const css = await send(port, { path: '/assets/style.css', headers: { Host: `127.0.0.1:${port}` } });
    assert.match(String(css.headers['content-type']), /^text\/css/);
    const head = await send(port, { method: 'HEAD', path: '/index.html', headers: { Host: `127.0.0.1:${port}` } });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    const missing = await send(port, { path: '/nope.js', headers: { Host: `127.0.0.1:${port}` } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['content-security-policy'], CSP);
    const post = await send(port, { method: 'POST', path: '/index.html', headers: { Host: `127.0.0.1:${port}` } });
    assert.equal(post.status, 405);
  });

  test('paths that climb out of the renderer folder are refused', async () => {
    const before = snapshot(project);
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00/../secret.txt',
      '/%E0%A4%A',
      '/link.txt',
      `/${'../'.repeat(12)}etc/passwd`,
      '/assets',
    ];
    for (const path of attempts) {
      const reply = await send(port, { path, headers: { Host: `127.0.0.1:${port}` } });
      assert.ok(reply.status === 404 || reply.status === 400, `${path} gave ${reply.status}`);
      assert.doesNotMatch(reply.text, /TOP SECRET|root:/, path);
    }
    await stillFine(before);
  });

  test('without a built renderer, the index page says how to build it', async () => {
    const empty = await startServer({ project, staticDir: join(files.dir, 'nothing-here'), log: () => {} });
    try {
      assert.equal(empty.hasRenderer, false);
      const reply = await send(empty.port, { path: '/', headers: { Host: `127.0.0.1:${empty.port}` } });
      assert.equal(reply.status, 500);
      assert.match(reply.text, /npm run build:renderer/);
      assert.equal(reply.headers['content-security-policy'], CSP);
    } finally {
      await empty.close();
    }
  });

  test('a malformed HTTP request does not stop the host', async () => {
    const before = snapshot(project);
    const { connect } = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('THIS IS NOT HTTP\r\n\r\n'));
      socket.on('data', () => {});
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await stillFine(before);
  });

  test('listening beyond loopback prints a warning', async () => {
    const messages: string[] = [];
    const wide = await startServer({ project, host: '0.0.0.0', staticDir: files.dir, log: (m) => messages.push(m) });
    try {
      assert.match(messages.join('\n'), /Warning: .*other computers/);
      assert.match(wide.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=/);
      const reply = await send(wide.port, {
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${wide.token}`, Host: `127.0.0.1:${wide.port}` },
        body: '{}',
      });
      assert.equal(reply.status, 200);
    } finally {
      await wide.close();
    }
  });

  test('each launch has its own token', async () => {
    const other = await startServer({ project, staticDir: files.dir, log: () => {} });
    try {
      assert.notEqual(other.token, server.token);
      const reply = await send(other.port, {
        method: 'POST',
        path: '/api/project.info',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, Host: `127.0.0.1:${other.port}` },
        body: '{}',
      });
      assert.equal(reply.status, 401);
    } finally {
      await other.close();
    }
  });
});
