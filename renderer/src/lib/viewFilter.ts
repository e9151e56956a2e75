// The filter the Compare and Charts views work under: the article list's (its search and its conditions), so a
// comparison covers the articles the analyst has narrowed the list to; and the reader's choice of
// coders (blind mode: only the active coder's codes), so a second coder is not led by the first here
// either.
import type { ArticleFilter } from '../../../main/api/contract.ts';
import { articleFilter } from './articleFilter.svelte.ts';
import { coding } from './coders.svelte.ts';

/** The filter as the API takes it, or undefined for every article and every coder. */
export function currentFilter(): ArticleFilter | undefined {
  const coders = coding.viewCoders;
  if (articleFilter.isEmpty && !coders) return undefined;
  return { ...articleFilter.current, ...(coders ? { coders } : {}) };
}
