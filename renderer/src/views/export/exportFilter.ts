// The filter an export is made under: the article list's, when the analyst asks for only the articles
// it shows, and the coders ticked, when any are.
import type { ArticleFilter } from '../../../../main/api/contract.ts';
import { articleFilter } from '../../lib/articleFilter.svelte.ts';

export function exportFilter(onlyListed: boolean, coders: readonly string[]): ArticleFilter | undefined {
  const listed = onlyListed && !articleFilter.isEmpty ? articleFilter.current : {};
  const filter: ArticleFilter = coders.length ? { ...listed, coders: [...coders] } : listed;
  return Object.keys(filter).length ? filter : undefined;
}
