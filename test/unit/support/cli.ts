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

export type ImportReport = {
  project: string;
  results: { name: string; status: string; id?: number; title?: string; message?: string }[];
  progress: { done: number; total: number; unit: string }[];
  done: { files: number; imported: number; duplicate: number; failed: number };
};

/** What `framelens import --json` printed, one JSON value a line: progress, each result, and the counts last. */
export function importReport(stdout: string): ImportReport {
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string } & Record<string, unknown>);
  const done = lines.at(-1);
  if (done?.event !== 'done') throw new Error(`the last line is not the counts: ${stdout.slice(-300)}`);
  const strip = ({ event: _, ...rest }: { event: string } & Record<string, unknown>) => rest;
  return {
    project: done.project as string,
    results: lines.filter((l) => l.event === 'result').map(strip) as ImportReport['results'],
    progress: lines.filter((l) => l.event === 'progress').map(strip) as ImportReport['progress'],
    done: strip(done) as ImportReport['done'],
  };
}
