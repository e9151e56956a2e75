// A file's converted articles as the project stores them: metadata fitted to what each field holds, the
// analyst's details for the batch winning over what the file says.
import type { ImportInput } from '../articles.ts';
import type { ConvertedArticle } from './types.ts';

/** What the analyst gave for a whole batch; a field given wins over what the file says. */
export type GivenMeta = { source?: string | null; author?: string | null; publishedAt?: string | null; language?: string | null; url?: string | null };

const LIMITS = { title: 500, source: 300, author: 300, url: 2000 } as const;

/** Text from a file's metadata as a field can hold it: no control characters or half characters, within its length. */
function fit(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const clean = value
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    .replace(/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** A file's articles as the project stores them, each named after its file (and its place in it). */
export function importInputs(fileName: string, articles: ConvertedArticle[], given: GivenMeta = {}, title?: string): ImportInput[] {
  const chosen = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  return articles.map((a) => ({
    text: a.text,
    name: a.part ? `${fileName} › ${a.part}` : fileName,
    title: (articles.length === 1 ? title : undefined) ?? fit(a.title, LIMITS.title),
    meta: {
      source: fit(a.meta.source, LIMITS.source),
      author: fit(a.meta.author, LIMITS.author),
      publishedAt: a.meta.publishedAt,
      language: a.meta.language,
      url: fit(a.meta.url, LIMITS.url),
      ...chosen,
    },
  }));
}
