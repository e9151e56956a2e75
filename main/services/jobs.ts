// Long calls (importing files and sheets, finding copies) that the caller can follow and cancel: the
// caller names the job with an id of its choosing, asks for its progress while the call runs, and may
// cancel it. A cancel that arrives before the call itself still counts.
export type JobProgress = { running: boolean; phase: string; done: number; total: number };

export type Job = {
  signal: AbortSignal;
  report(phase: string, done: number, total: number): void;
  /** Whether the caller asked to stop; checked where stopping leaves the project whole. */
  cancelled(): boolean;
  end(): void;
};

const EARLY_CANCELS = 100;

export function createJobs() {
  const running = new Map<string, { controller: AbortController; progress: JobProgress }>();
  const cancelledEarly: string[] = [];

  const detached: Job = { signal: new AbortController().signal, report() {}, cancelled: () => false, end() {} };

  return {
    /** A job for a call; one without an id runs untracked. */
    begin(id: string | undefined): Job {
      if (id === undefined) return detached;
      const controller = new AbortController();
      const early = cancelledEarly.indexOf(id);
      if (early >= 0) {
        cancelledEarly.splice(early, 1);
        controller.abort();
      }
      const entry = { controller, progress: { running: true, phase: 'starting', done: 0, total: 0 } };
      running.set(id, entry);
      return {
        signal: controller.signal,
        report(phase, done, total) {
          entry.progress = { running: true, phase, done, total };
        },
        cancelled: () => controller.signal.aborted,
        end() {
          if (running.get(id) === entry) running.delete(id);
        },
      };
    },
    progress(id: string): JobProgress {
      return running.get(id)?.progress ?? { running: false, phase: 'none', done: 0, total: 0 };
    },
    /** Whether a running job was told to stop; an id not running yet is remembered for a while. */
    cancel(id: string): { cancelled: boolean } {
      const entry = running.get(id);
      if (entry) {
        entry.controller.abort();
        return { cancelled: true };
      }
      cancelledEarly.push(id);
      if (cancelledEarly.length > EARLY_CANCELS) cancelledEarly.shift();
      return { cancelled: false };
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
