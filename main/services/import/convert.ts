// From a file's bytes to plain-text articles: the importer for its format (formats.ts tells which, by
// the first bytes, then by the extension, so a PDF named .docx is read as what it is).
import { invalid } from '../errors.ts';
import { convertDocx } from './docx.ts';
import { convertFeed } from './feed.ts';
import { convertHtml } from './html.ts';
import { htmlToText } from './html-text.ts';
import { splitArticles, trySplit } from './split/split.ts';
import { convertPdf } from './pdf.ts';
import { convertOdt } from './odt.ts';
import { convertRtf } from './rtf.ts';
import { decodeMarkup } from './markup-bytes.ts';
import type { ConvertedArticle } from './types.ts';
import { sniffFormat } from './formats.ts';
import { plainTextArticles } from './plain-text.ts';

/** The file's articles; throws INVALID_INPUT with a message naming the file when it cannot be read. */
export async function convertFile(name: string, bytes: Uint8Array): Promise<ConvertedArticle[]> {
  if (bytes.length === 0) throw invalid(`${name} is empty.`);
  switch (sniffFormat(bytes, name)) {
    case 'text':
      return plainTextArticles(name, bytes);
    case 'html':
      return [convertHtml(decodeMarkup(bytes, name), name)];
    case 'feed':
      return convertFeed(decodeMarkup(bytes, name), name);
    case 'docx':
    case 'ole':
      return convertDocx(bytes, name);
    case 'sheet':
      throw invalid(`${name} is a spreadsheet of articles; its columns are chosen in the Import dialog, or with framelens import --columns.`);
    case 'pdf':
      return convertPdf(bytes, name);
    case 'rtf':
      return convertRtf(bytes, name);
    case 'odt':
      return convertOdt(bytes, name);
    case 'zip':
      if (/\.qdpx$/i.test(name)) throw invalid(`${name} is a REFI-QDA project; it is imported as a project of its own (project.importQdpx).`);
      throw invalid(`${name} is a zip archive Framelens does not read; it imports .docx, .odt and .xlsx among zipped formats.`);
  }
}

/**
 * The file's whole text, for finding the articles of a news-database export in it: a web page's every
 * block (Readability would keep one article of many), else what the file's importer gives.
 */
export async function wholeText(name: string, bytes: Uint8Array): Promise<string> {
  if (sniffFormat(bytes, name) === 'html') {
    const text = htmlToText(decodeMarkup(bytes, name));
    if (!text) throw invalid(`${name} is a web page with no text in it.`);
    return text;
  }
  const articles = await convertFile(name, bytes);
  return articles.map((a) => a.text).join('\n\n');
}

export type SplitChoice = { split?: boolean; delimiter?: string };

/** The file's articles, split as a news-database export when the analyst said so; one article otherwise. */
export async function convertSplit(name: string, bytes: Uint8Array, choice: SplitChoice): Promise<ConvertedArticle[]> {
  if (!choice.split && choice.delimiter === undefined) return convertFile(name, bytes);
  const text = await wholeText(name, bytes);
  if (choice.delimiter !== undefined) return splitArticles(text, { delimiter: choice.delimiter }, name);
  return trySplit(text) ?? convertFile(name, bytes);
}
