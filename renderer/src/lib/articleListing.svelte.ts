// The article list as the filter asks for it. The app shell loads the list for the search alone; while
// conditions are set, or after values were changed from the list itself, the list loads its own
// articles with the whole filter, and goes back to the shell's list when that is again the right one.
import type { Api, ArticleFilter, ArticleListItem } from '../../../main/api/contract.ts';
import { Latest } from './latest.svelte.ts';
import { notify } from './toasts.svelte.ts';

export type ListPage = { articles: ArticleListItem[]; total: number };

export class ArticleListing {
  /** The articles loaded here, or null while the shell's list is the right one. */
  loaded = $state.raw<ListPage | null>(null);
  #latest = new Latest({ onerror: (message) => notify('error', message) });

  get loading(): boolean {
    return this.#latest.loading;
  }

  /** The last load failed: what is shown may not match the filter. */
  get failed(): boolean {
    return this.#latest.error !== null;
  }

  reload(api: Api, filter: ArticleFilter): Promise<void> {
    return this.#latest.run(
      () => api['articles.list']({ search: filter.search, conditions: filter.conditions, copies: filter.copies }),
      (page) => (this.loaded = page),
    );
  }

  /** The shell's list shows the right articles again. */
  useShellList(): void {
    this.#latest.cancel();
    this.#latest.error = null;
    this.loaded = null;
  }
}
