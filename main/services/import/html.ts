// A web page saved from the browser: its article text found by Mozilla's Readability (the reader view
// of Firefox) on a linkedom DOM, and its metadata from the page. linkedom builds a DOM and nothing else:
// scripts never run and nothing is fetched.
import { Readability } from '@mozilla/readability';
import { invalid } from '../errors.ts';
import { nodeText, parseHtmlSafely } from './html-text.ts';
import { languageCode } from './language-code.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';

type Doc = ReturnType<typeof parseHtmlSafely>;
type Json = Record<string, unknown>;

const clean = (value: string | null | undefined) => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};

/** The page's <meta> values by property, name and itemprop, first one kept: one pass over the document, not one search per key. */
function metaValues(document: Doc): Map<string, string> {
  const values = new Map<string, string>();
  for (const el of document.getElementsByTagName('meta')) {
    const value = clean(el.getAttribute('content'));
    if (!value) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attribute);
      if (key && !values.has(key)) values.set(key, value);
    }
  }
  return values;
}

const firstValue = (values: Map<string, string>, ...keys: string[]) => keys.map((k) => values.get(k)).find((v) => v !== undefined);

/** The objects of the page's JSON-LD blocks (including those inside @graph); a block that is not JSON is skipped. */
function linkedData(document: Doc): Json[] {
  const out: Json[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      out.push(value as Json);
      if ('@graph' in value) visit((value as Json)['@graph']);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken block says nothing; the page's other metadata still counts.
    }
  }
  return out;
}

const nameOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return clean(value.map(nameOf).filter(Boolean).join(', '));
  if (value && typeof value === 'object') return nameOf((value as Json).name);
  return undefined;
};

const firstOf = (items: Json[], key: string) => items.map((item) => item[key]).find((v) => v !== undefined && v !== null && v !== '');

/** The calendar date as written at the start of an ISO date or date-time ("2024-03-05T23:30-05:00" is 5 March). */
function isoDay(value: string | undefined): string | undefined {
  const m = value ? /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const webAddress = (value: string | undefined) => (value && /^https?:\/\/[^\s]+$/i.test(value) ? value : undefined);

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

function pageMeta(document: Doc): { title?: string; meta: FoundMeta } {
  const values = metaValues(document);
  const data = linkedData(document);
  const articles = data.filter((d) => typeof d.headline === 'string' || typeof d.datePublished === 'string');
  const url = webAddress(clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'))) ?? webAddress(firstValue(values, 'og:url'));
  const author = firstValue(values, 'author', 'article:author', 'dc.creator', 'DC.creator');
  const meta: FoundMeta = {
    source: firstValue(values, 'og:site_name') ?? nameOf(firstOf(articles, 'publisher')) ?? hostOf(url),
    author: (author && !webAddress(author) ? author : undefined) ?? nameOf(firstOf(articles, 'author')),
    publishedAt:
      isoDay(firstValue(values, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'DC.date')) ??
      isoDay(nameOf(firstOf(articles, 'datePublished'))) ??
      isoDay(clean(document.querySelector('time[datetime]')?.getAttribute('datetime'))),
    url,
    language: languageCode(clean(document.documentElement?.getAttribute('lang'))) ?? languageCode(firstValue(values, 'og:locale')),
  };
  const title = firstValue(values, 'og:title') ?? nameOf(firstOf(articles, 'headline')) ?? clean(document.querySelector('title')?.textContent);
  return { title, meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as FoundMeta };
}

const AROUND = new Set(['nav', 'header', 'footer', 'aside', 'form']);
const AROUND_ROLES = new Set(['navigation', 'banner', 'contentinfo']);
const around = (el: Element) => AROUND.has(el.localName.toLowerCase()) || AROUND_ROLES.has(el.getAttribute('role') ?? '');

export function convertHtml(html: string, name: string): ConvertedArticle {
  if (!html.trim()) throw invalid(`${name} is empty.`);
  // One parse serves all three readings. The metadata and the page's text without its navigation,
  // header, footer and asides (for pages Readability finds no article in) are read first, since
  // Readability rewrites the document as it looks for the article.
  const document = parseHtmlSafely(html);
  const { title, meta } = pageMeta(document);
  const fallback = document.body ? nodeText(document.body, around) : '';
  // The article's element itself, not its markup as a string to be parsed once more.
  const article = new Readability<Node>(document as unknown as Document, { keepClasses: false, serializer: (el) => el }).parse();
  // A page whose every word is navigation, header or footer has no article, whatever Readability picks.
  const text = fallback && ((article?.content ? nodeText(article.content) : '') || fallback);
  if (!text) throw invalid(`${name} is a web page with no article text that Framelens could find.`);
  const byline = clean(article?.byline);
  return {
    text,
    title: title ?? clean(article?.title),
    meta: { ...meta, ...(meta.author || !byline ? {} : { author: byline }) },
  };
}
