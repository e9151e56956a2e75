// Which articles the analyst is looking at: the article list's full-text search plus conditions on
// variables (the analyst's own, and the built-in source, author, language and publication date). One
// filter for the whole interface: the article list shows it, and a comparison or an export can take the
// same articles by reading `articleFilter.current`.
import type { ArticleCondition, ArticleFilter } from '../../../main/api/contract.ts';

class ArticleFilterState {
  /** The search as typed in the article list (the list keeps this current). */
  search = $state('');
  /** Conditions that must all hold, in the order they were added. Replaced, never changed in place. */
  conditions = $state.raw<readonly ArticleCondition[]>([]);
  /** 'once': near-duplicate copies are left out, so each family counts once, by its original. */
  copies = $state<'all' | 'once'>('all');

  /**
   * The filter as the API takes it (`articles.list`, `variables.setValue`, `variables.exportCsv`,
   * `export.csv`, `compare.summary`): plain data, with an empty search or no conditions left out.
   */
  get current(): ArticleFilter {
    const search = this.search.trim();
    return {
      ...(search ? { search } : {}),
      ...(this.conditions.length ? { conditions: this.conditions.map((c) => ({ ...c, ...(c.values ? { values: [...c.values] } : {}) })) } : {}),
      ...(this.copies === 'once' ? { copies: 'once' as const } : {}),
    };
  }

  /** Neither a search nor a condition: every article. */
  get isEmpty(): boolean {
    return !this.search.trim() && this.conditions.length === 0 && this.copies === 'all';
  }

  add(condition: ArticleCondition): void {
    this.conditions = [...this.conditions, condition];
  }

  remove(index: number): void {
    this.conditions = this.conditions.filter((_, i) => i !== index);
  }

  clearConditions(): void {
    if (this.conditions.length) this.conditions = [];
  }

  /** A deleted variable takes its conditions along (the project would refuse a filter naming it). */
  forgetVariable(id: number): void {
    if (this.conditions.some((c) => c.variable === id)) this.conditions = this.conditions.filter((c) => c.variable !== id);
  }
}

export const articleFilter = new ArticleFilterState();
