// A web page saved from the browser: its article text found by Mozilla's Readability (the reader view
// of Firefox) on a linkedom DOM, and its metadata from the page. linkedom builds a DOM and nothing else:
// scripts never run and nothing is fetched.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { invalid } from '../errors.ts';
import { htmlToText } from './html-text.ts';
import type { ConvertedArticle, FoundMeta } from './types.ts';

type Doc = ReturnType<typeof parseHTML>['document'];
type Json = Record<string, unknown>;

const clean = (value: string | null | undefined) => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};

function metaContent(document: Doc, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const found = document.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const value = clean(found?.getAttribute('content'));
    if (value) return value;
  }
  return undefined;
}

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

/** "sv_SE", "SV-se" and "sv" as the language codes Framelens stores; anything else is left out. */
export function languageCode(value: string | undefined): string | undefined {
  const m = value ? /^\s*([a-z]{2,3})(?:[-_]([a-z0-9]{2,8}))?\s*$/i.exec(value) : null;
  if (!m) return undefined;
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].length === 2 ? m[2].toUpperCase() : m[2]}` : m[1]!.toLowerCase();
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
  const data = linkedData(document);
  const articles = data.filter((d) => typeof d.headline === 'string' || typeof d.datePublished === 'string');
  const url = webAddress(clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'))) ?? webAddress(metaContent(document, 'og:url'));
  const author = metaContent(document, 'author', 'article:author', 'dc.creator', 'DC.creator');
  const meta: FoundMeta = {
    source: metaContent(document, 'og:site_name') ?? nameOf(firstOf(articles, 'publisher')) ?? hostOf(url),
    author: (author && !webAddress(author) ? author : undefined) ?? nameOf(firstOf(articles, 'author')),
    publishedAt:
      isoDay(metaContent(document, 'article:published_time', 'datePublished', 'date', 'pubdate', 'dc.date', 'DC.date')) ??
      isoDay(nameOf(firstOf(articles, 'datePublished'))) ??
      isoDay(clean(document.querySelector('time[datetime]')?.getAttribute('datetime'))),
    url,
    language: languageCode(clean(document.documentElement?.getAttribute('lang'))) ?? languageCode(metaContent(document, 'og:locale')),
  };
  const title = metaContent(document, 'og:title') ?? nameOf(firstOf(articles, 'headline')) ?? clean(document.querySelector('title')?.textContent);
  return { title, meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as FoundMeta };
}

/** The page's text without its navigation, header, footer and asides: for pages Readability finds no article in. */
function pageBody(html: string): string {
  const { document } = parseHTML(html);
  for (const el of document.querySelectorAll('nav, header, footer, aside, form, [role="navigation"], [role="banner"], [role="contentinfo"]')) el.remove();
  return htmlToText(document.body?.innerHTML ?? '');
}

export function convertHtml(html: string, name: string): ConvertedArticle {
  if (!html.trim()) throw invalid(`${name} is empty.`);
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the document as it looks for the article.
  const { title, meta } = pageMeta(document);
  const fallback = pageBody(html);
  const article = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  // A page whose every word is navigation, header or footer has no article, whatever Readability picks.
  const text = fallback && (htmlToText(article?.content ?? '') || fallback);
  if (!text) throw invalid(`${name} is a web page with no article text that Framelens could find.`);
  const byline = clean(article?.byline);
  return {
    text,
    title: title ?? clean(article?.title),
    meta: { ...meta, ...(meta.author || !byline ? {} : { author: byline }) },
  };
}
