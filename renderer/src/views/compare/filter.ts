// The article filter the Compare view works under: the same one the article list shows (its search and
// its conditions), so a comparison covers the articles the analyst has narrowed the list to.
import type { ArticleFilter } from '../../../../main/api/contract.ts';
import { articleFilter } from '../../lib/articleFilter.svelte.ts';

/** The filter as the API takes it, or undefined for every article. */
export function currentFilter(): ArticleFilter | undefined {
  return articleFilter.isEmpty ? undefined : articleFilter.current;
}
