// A plain-text or Markdown file as one article: its bytes decoded (UTF-8, or UTF-16 with a BOM), line
// endings made LF, nothing else changed.
import { invalid } from '../errors.ts';
import { decodeArticleBytes } from '../text/decode.ts';
import type { ConvertedArticle } from './types.ts';

export function plainTextArticles(name: string, bytes: Uint8Array): ConvertedArticle[] {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  return [{ text: decodeArticleBytes(bytes, name), meta: {} }];
}
