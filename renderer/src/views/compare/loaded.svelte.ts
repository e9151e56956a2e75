// One panel's numbers: the answer of the latest request (an older, slower answer never replaces it),
// whether it is on its way, and why it failed.
import { Latest } from '../../lib/latest.svelte.ts';

export class Loaded<T> {
  value = $state.raw<T | null>(null);
  readonly #latest = new Latest();

  get loading(): boolean {
    return this.#latest.loading;
  }

  get error(): string | null {
    return this.#latest.error;
  }

  /** Loads with `fetch`, or with null forgets what was shown (there is nothing to ask for). */
  load(fetch: (() => Promise<T>) | null): void {
    if (!fetch) {
      this.#latest.cancel();
      this.#latest.error = null;
      this.value = null;
      return;
    }
    void this.#latest.run(fetch, (v) => (this.value = v));
  }
}
