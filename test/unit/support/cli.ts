// Runs the real `framelens` command in a folder of its own (its own home, so no default project of the
// machine is touched), and reads what it printed and how it exited.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../main/bin/framelens.mjs', import.meta.url));

export type Run = { code: number; stdout: string; stderr: string };

export function cliIn(dir: string): (...args: string[]) => Promise<Run> {
  return (...args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, FRAMELENS_HOME: join(dir, 'home') } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
}
