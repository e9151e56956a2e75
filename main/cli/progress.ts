// Progress of a long command: on a terminal one line rewritten in place on standard error ("1,200 of
// 10,000 files · 830 a second · about 11 s left"); with --json a JSON line on standard output, so a
// script reading the lines sees the progress beside the results; otherwise nothing.
import type { Job } from '../services/jobs.ts';

export type Progress = (done: number, total: number) => void;

/** Writes one JSON value as a line of its own. */
export const jsonLine = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const EVERY_MS = 200;

export function progressFor(mode: { json?: boolean }, unit: string, started = Date.now()): Progress {
  const terminal = !mode.json && process.stderr.isTTY;
  if (!mode.json && !terminal) return () => {};
  let shown = 0;
  return (done, total) => {
    const at = Date.now();
    if (done < total && at - shown < EVERY_MS) return;
    shown = at;
    const seconds = (at - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 ? Math.ceil((total - done) / rate) : null;
    if (mode.json) {
      jsonLine({ event: 'progress', unit, done, total, perSecond: Math.round(rate), secondsLeft: left });
      return;
    }
    const count =
      unit === 'bytes' ? `${Math.floor((100 * done) / Math.max(total, 1))}%` : `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit}`;
    const speed = unit === 'bytes' ? '' : ` · ${Math.round(rate).toLocaleString('en-US')} a second`;
    process.stderr.write(`\r${count}${speed}${left === null ? '' : ` · about ${left} s left`}\x1b[K${done >= total ? '\n' : ''}`);
  };
}

/** A service job that reports to a command's progress; the command's Ctrl+C ends the process itself. */
export function cliJob(progress: Progress): Job {
  return { signal: new AbortController().signal, report: (_phase, done, total) => progress(done, total), cancelled: () => false, end() {} };
}
