// Loads whose answers may arrive out of order (filters change while a request is on its way): only the
// latest call's answer is shown, so a slow, older answer never replaces a newer one.
import { messageOf } from './api.ts';

export class Latest {
  loading = $state(false);
  error = $state<string | null>(null);
  #seq = 0;
  #onerror: ((message: string) => void) | undefined;

  /** `onerror` tells the user some other way than through `error`, e.g. with a toast. */
  constructor(options: { loading?: boolean; onerror?: (message: string) => void } = {}) {
    this.loading = options.loading ?? false;
    this.#onerror = options.onerror;
  }

  /** Runs `load` and hands its answer to `apply`, unless a later run (or `cancel`) has come since. */
  async run<T>(load: () => Promise<T>, apply: (result: T) => void): Promise<void> {
    const mine = ++this.#seq;
    this.loading = true;
    try {
      const result = await load();
      if (mine !== this.#seq) return;
      apply(result);
      this.error = null;
    } catch (e) {
      if (mine !== this.#seq) return;
      this.error = messageOf(e);
      this.#onerror?.(this.error);
    } finally {
      if (mine === this.#seq) this.loading = false;
    }
  }

  /** Drops the answer of any load on its way, when there is nothing left to load. */
  cancel(): void {
    this.#seq++;
    this.loading = false;
  }
}
