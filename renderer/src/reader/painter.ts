// Writes blocks' text into the page a slice at a time. The blocks at the top of an article are written at
// once; the rest follow in short tasks (about 8 ms each) so the first screen paints without waiting for a
// long article, and a block the reader is about to show can be written on demand (paintNow).

export type Painter = {
  /** Queues `paint` for block `index` (the block calls this while it is still empty). */
  register(index: number, paint: () => void): void;
  unregister(index: number): void;
  /** Writes the blocks first..last now, if they are still queued. */
  paintNow(first: number, last: number): void;
  /** Blocks still waiting. */
  readonly pending: number;
  dispose(): void;
};

/** Runs `task` soon, after the browser has had a chance to render and handle input. */
export type Yield = (task: () => void) => void;

export function createPainter(budgetMs = 8, yieldTo?: Yield): Painter {
  const queue = new Map<number, () => void>();
  let scheduled = false;
  let disposed = false;
  const channel = !yieldTo && typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;

  const run = () => {
    scheduled = false;
    if (disposed) return;
    const t0 = performance.now();
    for (const [index, paint] of queue) {
      queue.delete(index);
      paint();
      if (performance.now() - t0 > budgetMs) break;
    }
    schedule();
  };
  // A message (not setTimeout) yields to rendering and input without the 4 ms clamp on nested timers.
  if (channel) channel.port1.onmessage = run;
  const schedule = () => {
    if (scheduled || disposed || queue.size === 0) return;
    scheduled = true;
    if (yieldTo) yieldTo(run);
    else if (channel) channel.port2.postMessage(null);
    else setTimeout(run, 0);
  };

  return {
    register(index, paint) {
      queue.set(index, paint);
      schedule();
    },
    unregister(index) {
      queue.delete(index);
    },
    paintNow(first, last) {
      for (let i = first; i <= last; i++) {
        const paint = queue.get(i);
        if (!paint) continue;
        queue.delete(i);
        paint();
      }
    },
    get pending() {
      return queue.size;
    },
    dispose() {
      disposed = true;
      queue.clear();
      channel?.port1.close();
    },
  };
}
