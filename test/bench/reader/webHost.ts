// Starts the real web host (`framelens serve`) on a project file for the reader benchmark, reads the address
// it prints and calls its API the way the renderer does.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Input, Method, Output } from '../../../main/api/contract.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../../main/bin/framelens.mjs', import.meta.url));
const addressPattern = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;

export type RunningHost = {
  url: string;
  origin: string;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  stop(): Promise<void>;
};

export async function startHost(dbPath: string, timeoutMs = 30_000): Promise<RunningHost> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--db', dbPath, '--port', '0', '--no-open'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`framelens serve ${why}. Its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`printed no address within ${timeoutMs / 1000} s`), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = addressPattern.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
  child.removeAllListeners('exit');
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  const origin = parsed.origin;
  return {
    url,
    origin,
    async call(method, input) {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, Origin: origin },
        body: JSON.stringify(input),
      });
      const envelope = (await res.json()) as { ok: true; value: never } | { ok: false; error: { message: string } };
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
      return envelope.value;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
