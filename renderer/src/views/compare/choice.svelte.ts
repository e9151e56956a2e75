// What the analyst compares, kept while they switch views: the tags (two or more side by side, or one
// against all other tagged passages), the grouping, and how each panel shows its numbers.
import type { Comparison, Grouping, Tag } from '../../../../main/api/contract.ts';
import type { LinesRequest } from './LinesPanel.svelte';

export type Mode = 'tags' | 'rest';
export type TimeUnit = 'week' | 'month' | 'year';

/** A grouping as a select's value: 'none', 'var:source', 'var:12', 'annotator', 'time:month'. */
export type GroupValue = string;

/** The API allows 30 sides; more would not fit a chart anyway. */
export const MAX_TAGS = 12;

export function groupingOf(value: GroupValue): Grouping | undefined {
  if (value === 'annotator') return { kind: 'annotator' };
  const [kind, rest] = value.split(':') as [string, string | undefined];
  if (kind === 'time' && (rest === 'week' || rest === 'month' || rest === 'year')) return { kind: 'time', unit: rest };
  if (kind === 'var' && rest) {
    if (rest === 'source' || rest === 'author' || rest === 'language' || rest === 'publishedAt') return { kind: 'variable', variable: rest };
    const id = Number(rest);
    if (Number.isInteger(id) && id > 0) return { kind: 'variable', variable: id };
  }
  return undefined;
}

class CompareChoice {
  mode = $state<Mode>('tags');
  /** In 'rest' mode only the first counts. */
  tagIds = $state<number[]>([]);
  group = $state<GroupValue>('none');

  /** Prevalence: bars of the share of articles, or of passages. */
  prevalence = $state<'articles' | 'passages'>('articles');
  timelineUnit = $state<TimeUnit>('month');
  timelineMeasure = $state<'passages' | 'articleShare'>('articleShare');
  /** Co-occurrence of the chosen tags (each with its subtags), or of every tag in the codebook. */
  cooccurrenceTags = $state<'chosen' | 'codebook'>('chosen');
  cooccurrenceScope = $state<'passage' | 'article'>('passage');
  cooccurrenceMeasure = $state<'count' | 'jaccard'>('count');
  crosstabShares = $state<'row' | 'column'>('row');
  distinctiveSide = $state(0);
  distinctiveKind = $state<'words' | 'entities'>('words');
  /** The passages open beside the panels, still there after reading one in the Articles view. */
  lines = $state.raw<LinesRequest | null>(null);

  /** The tags that make the sides, in the order chosen. */
  readonly chosen = $derived(this.mode === 'rest' ? this.tagIds.slice(0, 1) : this.tagIds);

  /** The comparison to ask for, or null until enough tags are chosen. */
  readonly comparison = $derived.by((): Comparison | null => {
    const groupBy = groupingOf(this.group);
    if (this.mode === 'rest') return this.chosen.length === 1 ? { tagIds: [...this.chosen], rest: true, groupBy } : null;
    return this.chosen.length >= 2 ? { tagIds: [...this.chosen], groupBy } : null;
  });

  toggle(id: number, on: boolean): void {
    if (this.mode === 'rest') {
      this.tagIds = on ? [id] : [];
      return;
    }
    this.tagIds = on ? [...this.tagIds.filter((t) => t !== id), id].slice(0, MAX_TAGS) : this.tagIds.filter((t) => t !== id);
  }

  /** Tags deleted from the codebook leave the choice; a side that no longer exists is not shown. */
  keepExisting(tags: readonly Tag[]): void {
    const ids = new Set(tags.map((t) => t.id));
    const kept = this.tagIds.filter((id) => ids.has(id));
    if (kept.length !== this.tagIds.length) this.tagIds = kept;
  }
}

/** One choice for the whole session: leaving the Compare view and coming back keeps it. */
export const choice = new CompareChoice();
