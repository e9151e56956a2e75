// Runs the real Framelens web host (`framelens serve`) on a project file, as an analyst would, and
// reads the address it prints. Restarting on the same file checks that work survives a restart; a host
// started read-only (`--read-only`) serves the project without letting anyone change it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Input, Method, Output } from '../../../main/api/contract.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../../main/bin/framelens.mjs', import.meta.url));
const builtRenderer = fileURLToPath(new URL('../../../dist/renderer/index.html', import.meta.url));

const addressPattern = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;

export type WebHostOptions = {
  /** Serve the project with `--read-only`: it can be read, searched and exported, not changed. */
  readOnly?: boolean;
};

export class WebHost {
  readonly dbPath: string;
  readOnly: boolean;
  private child: ChildProcess | null = null;
  private address: string | null = null;
  private output = '';

  constructor(dbPath: string, options: WebHostOptions = {}) {
    this.dbPath = dbPath;
    this.readOnly = options.readOnly ?? false;
  }

  /** The address printed by the host, token included. */
  get url(): string {
    if (!this.address) throw new Error('The web host is not running.');
    return this.address;
  }

  /** The address without the token, as someone who did not copy the whole line would open it. */
  get origin(): string {
    return new URL(this.url).origin;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    if (!existsSync(builtRenderer)) {
      throw new Error('The renderer is not built (no dist/renderer/index.html). Run `npm run build:renderer` before the e2e tests.');
    }
    this.output = '';
    const args = [cli, 'serve', '--db', this.dbPath, '--port', '0', '--no-open', ...(this.readOnly ? ['--read-only'] : [])];
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    this.child = child;
    this.address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => fail(`did not print its address within ${timeoutMs / 1000} s`), timeoutMs);
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`framelens serve ${why}.\nIts output:\n${this.output}`));
      };
      const read = (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const match = addressPattern.exec(this.output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
      child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
      child.once('error', (error) => fail(`could not start: ${error.message}`));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.address = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** Calls the API as the renderer does, to set up data that a test is not about. */
  async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const url = new URL(this.url);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const response = await fetch(`${url.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
    const envelope = (await response.json()) as { ok: true; value: Output<M> } | { ok: false; error: { code: string; message: string } };
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value;
  }

  /** Stops the host and starts it again on the same file; `options` may switch read-only on or off. */
  async restart(options: WebHostOptions = {}): Promise<void> {
    if (options.readOnly !== undefined) this.readOnly = options.readOnly;
    await this.stop();
    await this.start();
  }
}
