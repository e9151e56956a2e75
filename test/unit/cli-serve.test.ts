// `framelens serve`: prints a working address, answers the API with its token, and on Ctrl-C closes the
// project cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/project.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));

test('serve prints the address, answers with the token, and stops cleanly on SIGINT', async () => {
  const tmp = tempDir('framelens-serve-');
  const db = join(tmp.dir, 'web.framelens');
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--no-open', '--port', '0'], {
    cwd: tmp.dir,
    env: { ...process.env, FRAMELENS_HOME: join(tmp.dir, 'home') },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    assert.match(stdout, /Framelens is serving .*web\.framelens/);
    assert.ok(existsSync(db), 'serve creates a new project file');

    const { origin, hash } = new URL(url);
    const token = hash.replace('#token=', '');
    const reply = await fetch(`${origin}/api/project.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    assert.equal(reply.status, 200);
    const body = (await reply.json()) as { ok: boolean; value: { fileName: string } };
    assert.equal(body.value.fileName, 'web.framelens');
    const refused = await fetch(`${origin}/api/project.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(refused.status, 401);

    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(stderr, /Stopping Framelens/);
    assert.doesNotMatch(stderr, /^\s+at /m);
    assert.equal(existsSync(`${db}-wal`), false, 'the project was closed (WAL checkpointed and removed)');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    tmp.cleanup();
  }
});

test('serve refuses a bad port and a port in use, in plain words', async () => {
  const tmp = tempDir('framelens-serve-');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
  const busy = (blocker.address() as { port: number }).port;
  try {
    const env = { ...process.env, FRAMELENS_HOME: join(tmp.dir, 'home') };
    const bad = spawnSync(process.execPath, [bin, 'serve', '--no-open', '--port', 'eighty'], { cwd: tmp.dir, env, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--port takes a number from 0 to 65535/);
    const inUse = spawnSync(process.execPath, [bin, 'serve', '--db', join(tmp.dir, 'p.framelens'), '--no-open', '--port', String(busy)], {
      cwd: tmp.dir,
      env,
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(inUse.status, 1);
    assert.match(inUse.stderr, new RegExp(`Port ${busy} is already in use`));
    assert.doesNotMatch(inUse.stderr, /^\s+at /m);
  } finally {
    blocker.close();
    tmp.cleanup();
  }
});
