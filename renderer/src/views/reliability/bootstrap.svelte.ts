// Bootstrap intervals of alpha, asked for tag by tag so the analyst sees progress and can stop: one
// `reliability.agreement` call per tag (with `tagIds: [id]`), then one for all the tags together. The
// intervals belong to the figures they were computed for; when those change they are no longer shown.
import type { AgreementInput, AgreementRow, Api, BootstrapInterval } from '../../../../main/api/contract.ts';
import { SvelteMap } from 'svelte/reactivity';
import { messageOf } from '../../lib/api.ts';

/** What the intervals were computed for: the request and its point figures. */
export function fingerprint(input: AgreementInput, rows: readonly AgreementRow[]): string {
  const figures = rows.map((r) => `${r.tagId}:${r.articles}:${r.characters}:${r.codedCharacters}:${r.alpha.ok ? r.alpha.value : '-'}`);
  return JSON.stringify({ ...input, bootstrap: undefined, figures });
}

/** null key: the row of all tags together. */
export type RowKey = number | null;

export class BootstrapRun {
  /** Each row's interval; null where none could be computed; a row missing was not asked for (yet). */
  readonly intervals = new SvelteMap<RowKey, BootstrapInterval | null>();
  running = $state(false);
  done = $state(0);
  /** The tags asked for, one at a time; the row of all tags comes after them. */
  tags = $state(0);
  seed = $state<number | null>(null);
  resamples = $state(0);
  /** Stopped before the end: the intervals so far stay. */
  cancelled = $state(false);
  error = $state<string | null>(null);
  /** The figures the intervals belong to (see `fingerprint`). */
  basis = $state<string | null>(null);
  #run = 0;

  /** The step under way, for the progress bar: 0 … tags + 1. */
  get steps(): number {
    return this.tags + 1;
  }

  async start(api: Api, input: AgreementInput, rows: readonly AgreementRow[], seed: number, resamples: number): Promise<void> {
    const run = ++this.#run;
    const tagRows = rows.filter((r): r is AgreementRow & { tagId: number } => r.tagId !== null);
    this.#reset();
    this.running = true;
    this.tags = tagRows.length;
    this.seed = seed;
    this.resamples = resamples;
    this.basis = fingerprint(input, rows);
    const bootstrap = { seed, resamples };
    const current = () => run === this.#run;
    try {
      for (const row of tagRows) {
        // A tag whose alpha is undefined has no interval either; no need to ask.
        if (row.alpha.ok) {
          const result = await api['reliability.agreement']({ ...input, tagIds: [row.tagId], bootstrap: { ...bootstrap, rows: 'tags' } });
          if (!current()) return;
          this.intervals.set(row.tagId, result.rows.find((r) => r.tagId === row.tagId)?.interval ?? null);
        } else this.intervals.set(row.tagId, null);
        this.done++;
      }
      const all = rows.find((r) => r.tagId === null);
      if (all?.alpha.ok) {
        const result = await api['reliability.agreement']({ ...input, bootstrap: { ...bootstrap, rows: 'all' } });
        if (!current()) return;
        this.intervals.set(null, result.rows.find((r) => r.tagId === null)?.interval ?? null);
      } else this.intervals.set(null, null);
      this.done++;
    } catch (e) {
      if (current()) this.error = messageOf(e);
    } finally {
      if (current()) this.running = false;
    }
  }

  /** Stops after the call on its way; what came back so far stays shown. */
  cancel(): void {
    if (!this.running) return;
    this.#run++;
    this.running = false;
    this.cancelled = true;
  }

  /** Forgets the intervals (the figures they were for are gone). */
  clear(): void {
    this.#run++;
    this.#reset();
  }

  #reset(): void {
    this.running = false;
    this.done = 0;
    this.tags = 0;
    this.seed = null;
    this.cancelled = false;
    this.error = null;
    this.basis = null;
    this.intervals.clear();
  }
}

/** One run for the session: intervals survive leaving the view and coming back. */
export const bootstrap = new BootstrapRun();
