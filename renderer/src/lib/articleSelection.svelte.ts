// The articles chosen in the article list, to set or clear a variable on all of them at once. Either
// chosen one by one (a click, a shift-click for a range) or "all matching", which stands for every
// article the list's filter matches, also those the list does not show.
import { SvelteSet } from 'svelte/reactivity';
import type { ArticleFilter } from '../../../main/api/contract.ts';

export type SelectionTarget = { articleIds: number[] } | { filter: ArticleFilter };

class ArticleSelection {
  /** The chosen articles the list shows. */
  readonly ids = new SvelteSet<number>();
  /** Every article matching the filter is chosen, whether the list shows it or not. */
  allMatching = $state(false);
  #anchor: number | null = null;

  has(id: number): boolean {
    return this.ids.has(id);
  }

  get empty(): boolean {
    return this.ids.size === 0 && !this.allMatching;
  }

  /** How many articles are chosen, given how many the filter matches. */
  count(total: number): number {
    return this.allMatching ? total : this.ids.size;
  }

  /**
   * A click on a row's checkbox (`order`: the ids as the list shows them). With shift, every row from
   * the previous click to this one takes the state this one gets.
   */
  click(id: number, order: readonly number[], shift: boolean): void {
    const on = !this.ids.has(id);
    let range = [id];
    if (shift && this.#anchor !== null) {
      const from = order.indexOf(this.#anchor);
      const to = order.indexOf(id);
      if (from >= 0 && to >= 0) range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
    }
    for (const r of range) {
      if (on) this.ids.add(r);
      else this.ids.delete(r);
    }
    this.allMatching = false;
    this.#anchor = id;
  }

  /** Chooses every row shown; when they are all the filter matches, that is "all matching". */
  selectShown(order: readonly number[], total: number): void {
    for (const id of order) this.ids.add(id);
    this.allMatching = order.length >= total;
    this.#anchor = null;
  }

  /** Chooses every article the filter matches, including those the list does not show. */
  selectAllMatching(order: readonly number[]): void {
    for (const id of order) this.ids.add(id);
    this.allMatching = true;
  }

  clear(): void {
    if (this.empty) return;
    this.ids.clear();
    this.allMatching = false;
    this.#anchor = null;
  }

  /** After the list reloaded: a chosen article it no longer shows is no longer chosen. */
  keepShown(order: readonly number[]): void {
    if (this.empty) return;
    const shown = new Set(order);
    for (const id of [...this.ids]) if (!shown.has(id)) this.ids.delete(id);
    // "All matching" stays all matching: the articles that now match are chosen too.
    if (this.allMatching) for (const id of order) this.ids.add(id);
    if (this.ids.size === 0) this.allMatching = false;
  }

  /** What `variables.setValue` takes for the chosen articles: the filter when all matching are chosen. */
  target(filter: ArticleFilter): SelectionTarget {
    return this.allMatching ? { filter } : { articleIds: [...this.ids] };
  }
}

export const articleSelection = new ArticleSelection();
