// The layouts of the files news databases deliver, many articles one after another, once their DOCX,
// RTF, HTML or TXT has been turned into plain text. Each layout says how to recognise the file, which
// whole lines mark where one article stops and the next starts, and how to read an article's header.
// Lines reach the readers trimmed; a reader returns null for a part that is not an article (a cover
// page, a search summary), and split.ts drops it.
//
// nexis-uni — Nexis Uni and LexisNexis, DOCX/RTF/TXT. Recognised by a line "End of Document" (German
// "Ende des Dokuments", French "Fin du document") after each article, which is where it is cut:
//     Regeringen höjer försvarsanslaget          headline, one line or more
//     Dagens Nyheter                             outlet
//     8 oktober 2024 tisdag                      date line ("October 8, 2024 Tuesday", "Final Edition" may follow)
//     Copyright 2024 Dagens Nyheter AB           optional
//     Section: Nyheter; Sid. 12                  labelled lines: Section, Length, Byline, Dateline, Highlight…
//     Length: 523 words
//     Byline: Anna Lind
//     Body                                       the text follows ("Text" in some exports)
//     …
//     Classification / Graphic / Load-Date: …    the text ends at the first of these (Language: read for the language)
//     End of Document
//   The first article may follow a cover page (User Name, Date and Time, Job Number, Search Terms, the
//   numbered list of documents); what precedes the headline there is skipped.
//
// lexis-classic — LexisNexis Academic and nexis.com (before Nexis Uni). Recognised by a line "3 of 50
// DOCUMENTS" (or "Dokument 3 von 50", "Document 3 de 50") opening each article; what comes before the
// first is the file's cover and is dropped:
//     3 of 50 DOCUMENTS
//     The Guardian (London)                      outlet first
//     October 8, 2024 Tuesday                    date ("Final Edition" may follow)
//     Headline                                   one line or more, up to the first label
//     BYLINE: Anna Lind                          upper-case labels: BYLINE, SECTION, LENGTH, DATELINE…
//     LENGTH: 523 words
//     …the text…
//     LOAD-DATE: … / LANGUAGE: ENGLISH / URL: …  the text ends at the first of these
//
// factiva — Factiva's "Article Format". Recognised by a line "Document DNSE000020241008ek1800001"
// (German "Dokument …") closing each article, together with a word-count line or the HD field of the
// indexed format. The header is read around its word-count line:
//     Regeringen höjer försvarsanslaget          headline, one line or more
//     By Anna Lind                               optional ("Av", "Von", "Par")
//     523 words                                  ("ord", "Wörter", "mots")
//     8 October 2024                             date
//     09:15                                      optional time
//     Dagens Nyheter                             outlet
//     DAGNY                                      source code, page: skipped
//     Swedish                                    language ("English", "Svenska", "Deutsch")
//     © 2024 Dagens Nyheter. All rights reserved.
//     …the text…
//     Document DAGNY00020241008ek1800001
//   "Full Article/Report plus Indexing" instead writes two-letter fields (HD headline, BY byline, PD date,
//   SN outlet, LA language, LP lead, TD text, then CO, NS, RE… and AN before the Document line); the
//   text is LP and TD.
//
// retriever — Retriever Mediearkivet. Recognised by lines "Outlet, 2024-10-08" (with or without the
// comma and a time) together with its footers ("Se webartikeln på …", "Läs hela artikeln på …",
// "Artikel-id: …", "Publicerat i print.", retriever-info.com) or rows of "=". Articles are cut after a
// line of "=" or "-", an "Artikel-id:" line or a "©" line, but only where what follows starts like an
// article, so a "©" photo credit inside a text does not cut it. Two header orders occur:
//     Regeringen höjer försvarsanslaget          headline before the outlet line (the TXT export)…
//     Dagens Nyheter, 2024-10-08 04:00           outlet and date ("Dagens Nyheter" and "2024-10-08" on two lines also)
//     Sida 12 / Del 1 / Publicerat i print.      optional
//     Regeringen höjer försvarsanslaget          …or after it (printouts)
//     Anna Lind / anna.lind@dn.se                optional byline under the headline
//     …the text…
//     ANNA LIND anna.lind@dn.se 08-123 45 67     or the byline at the end
//     © Dagens Nyheter / Se webartikeln på https://… / ======
//   A table of contents (lines starting "> ") and the "Datum" line before the first article are skipped.
//
// The analyst's own delimiter (split.ts, not in this table): a whole line typed in the Import dialog,
// such as "*****"; each part's first line is its title.
import { parseHeaderDate } from './dates.ts';

/** What a reader finds in one article's lines. */
export type Header = {
  title?: string;
  source?: string;
  /** YYYY-MM-DD. */
  publishedAt?: string;
  author?: string;
  url?: string;
  language?: string;
  /** The text's lines, paragraphs separated by blank lines. */
  body: string[];
};

/** Where one article stops and the next starts: a whole line, tested after trimming. */
export type Boundary = {
  /** Matched against the whole trimmed line (split.ts anchors it), so a phrase quoted mid-line never cuts. */
  line: RegExp;
  /** The marking line closes the article before it and stays with it, opens the next one, or is dropped. */
  keep: 'end' | 'start' | 'drop';
  /** When given, a cut is made only where the following part begins like an article; otherwise the parts stay one. */
  opens?: (lines: string[]) => boolean;
};

export type Layout = {
  id: string;
  label: string;
  /** How to recognise the file (line endings already LF). */
  detect: (text: string) => boolean;
  /** Where one article ends and the next begins, or a function cutting the file's lines into articles. */
  boundary: Boundary | ((lines: string[]) => string[][]);
  /** Reading one article's trimmed lines; null when the part is not an article. */
  header: (lines: string[]) => Header | null;
};

// ---------------------------------------------------------------------------------------------------
// Helpers the readers share

const LANGUAGES: Record<string, string> = {
  english: 'en',
  engelska: 'en',
  englisch: 'en',
  swedish: 'sv',
  svenska: 'sv',
  schwedisch: 'sv',
  german: 'de',
  deutsch: 'de',
  tyska: 'de',
  norwegian: 'no',
  norsk: 'no',
  danish: 'da',
  dansk: 'da',
  finnish: 'fi',
  suomi: 'fi',
  french: 'fr',
  français: 'fr',
  spanish: 'es',
  español: 'es',
  dutch: 'nl',
  nederlands: 'nl',
  italian: 'it',
  italiano: 'it',
};

/** The language code for a language's name as databases write it ("English", "SWEDISH", "Svenska"). */
export const languageCode = (name: string): string | undefined => LANGUAGES[name.trim().toLowerCase()];

function nonEmpty(lines: string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i]) at.push(i);
  return at;
}
const joined = (lines: string[]) => lines.join(' ').replace(/\s+/g, ' ').trim() || undefined;
/** "By Anna Lind, anna.lind@dn.se" → "Anna Lind": the word before the name and addresses after it come off. */
const unBy = (byline: string) =>
  byline
    .replace(/^(?:by|av|von|par|door|por)\s+/i, '')
    .replace(/[\s,;]*\S+@\S+/g, '')
    .trim() || undefined;
const COPYRIGHT = /^(?:©|\(c\)|copyright\b|all rights reserved)/i;
/** An edition after the date ("Final Edition", "Late Edition - Final"), which is no part of the date. */
const withoutEdition = (line: string) => line.replace(/\s+(?:\S+\s+)?edition\b.*$/i, '');
const dateOf = (line: string) => parseHeaderDate(line) ?? parseHeaderDate(withoutEdition(line)) ?? undefined;

/** A labelled line ("Byline: Anna Lind") when its label is one of these (compared in lowercase). */
function labelled(line: string, labels: Set<string>): { label: string; value: string } | null {
  // Most lines are text: a colon early in the line is checked before any pattern runs.
  const colon = line.indexOf(':');
  if (colon < 1 || colon > 26) return null;
  const m = /^([\p{L}][\p{L} -]{0,24}?)\s*:\s*(.*)$/u.exec(line);
  return m && labels.has(m[1]!.toLowerCase()) ? { label: m[1]!.toLowerCase(), value: m[2]!.trim() } : null;
}

/** The value of the first line with one of these labels anywhere in the lines. */
function labelValue(lines: string[], labels: Set<string>, wanted: string[]): string | undefined {
  for (const line of lines) {
    const found = labelled(line, labels);
    if (found && wanted.includes(found.label) && found.value) return found.value;
  }
  return undefined;
}

/** Counts whole lines matching a multiline, global pattern, stopping at enough. */
function atLeast(text: string, pattern: RegExp, enough: number): boolean {
  let count = 0;
  for (const _ of text.matchAll(pattern)) if (++count >= enough) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Nexis Uni and LexisNexis Academic

const LEXIS_LABELS = new Set(
  (
    'section,length,byline,author,dateline,highlight,series,edition,type,correction,correction-date,load-date,language,' +
    'publication-type,document-type,journal code,journal-code,subject,geographic,organization,person,industry,company,ticker,' +
    'graphic,notes,url,rubrik,länge,autor,ladedatum,sprache,longueur,auteur,langue,grafik,dokumenttyp'
  ).split(','),
);
const BYLINE = ['byline', 'author', 'autor', 'auteur'];
const LANGUAGE = ['language', 'sprache', 'langue'];
const NEXIS_BODY = /^(?:body|text)$/i;
const NEXIS_END = /^(?:classification|graphic|load-date:.*|end of document|ende des dokuments|fin du document)$/i;
/** Cover-page lines: "Job Number: 2345", "Documents (3)", "1. Headline", "Content Type Narrowed by". */
const COVER_MARK = /^(?:user name|date and time|job number|client\/matter|search terms|search type)\s*:/i;
const COVER_LINE = /^(?:[\p{L}/ -]{2,40}:|\d+\.\s|documents?\s*\(\d+\)|-none-$)|narrowed by/iu;

/** Where the headline starts: after a cover page, if the part has one, but never past the line before the outlet. */
function afterCover(lines: string[], before: number[]): number[] {
  if (!before.some((i) => COVER_MARK.test(lines[i]!))) return before;
  const last = before.slice(0, -2).findLastIndex((i) => COVER_LINE.test(lines[i]!));
  return before.slice(last + 1);
}

function nexisUniHeader(lines: string[]): Header | null {
  const bodyLine = lines.findIndex((line) => NEXIS_BODY.test(line));
  const firstLabel = lines.findIndex((line) => labelled(line, LEXIS_LABELS));
  const headEnd = bodyLine >= 0 ? bodyLine : firstLabel;
  if (headEnd < 0) return null;
  const head = nonEmpty(lines.slice(0, headEnd));
  const d = head.find((i) => !labelled(lines[i]!, LEXIS_LABELS) && dateOf(lines[i]!));
  let title: string | undefined, source: string | undefined;
  if (d !== undefined) {
    const before = afterCover(
      lines,
      head.filter((i) => i < d),
    ).map((i) => lines[i]!);
    source = before.length > 1 ? before.pop() : undefined;
    title = joined(before);
  } else {
    const named = head.filter((i) => !COPYRIGHT.test(lines[i]!) && !labelled(lines[i]!, LEXIS_LABELS)).map((i) => lines[i]!);
    [title, source] = named;
  }
  let start = headEnd + 1;
  if (bodyLine < 0) while (start < lines.length && (!lines[start] || labelled(lines[start]!, LEXIS_LABELS))) start++;
  const end = lines.findIndex((line, i) => i >= start && NEXIS_END.test(line));
  const language = labelValue(lines, LEXIS_LABELS, LANGUAGE);
  return {
    title,
    source,
    publishedAt: d === undefined ? undefined : dateOf(lines[d]!),
    author: unBy(labelValue(lines.slice(0, start), LEXIS_LABELS, BYLINE) ?? ''),
    language: language && languageCode(language),
    url: labelValue(lines, LEXIS_LABELS, ['url']),
    body: lines.slice(start, end < 0 ? lines.length : end),
  };
}

const CLASSIC_END =
  /^(?:LOAD-DATE|LADEDATUM|LANGUAGE|SPRACHE|LANGUE|PUBLICATION-TYPE|GRAPHIC|GRAFIK|URL|DOCUMENT-TYPE|SUBJECT|CORRECTION-DATE|NOTES|JOURNAL-CODE):/;
const EDITION_LINE = /\bedition\b|^correction appended$|^\S+ ausgabe$/i;

function lexisClassicHeader(lines: string[]): Header | null {
  const ne = nonEmpty(lines).slice(1); // past the "3 of 50 DOCUMENTS" line
  const d = ne.slice(1, 4).find((i) => dateOf(lines[i]!));
  if (d === undefined) return null;
  const source = lines[ne[0]!];
  let i = d + 1;
  while (i < lines.length && (!lines[i] || EDITION_LINE.test(lines[i]!))) i++;
  const headline: string[] = [];
  for (; i < lines.length && !labelled(lines[i]!, LEXIS_LABELS); i++) if (lines[i]) headline.push(lines[i]!);
  while (i < lines.length && (!lines[i] || labelled(lines[i]!, LEXIS_LABELS))) i++;
  const start = i;
  const end = lines.findIndex((line, j) => j >= start && CLASSIC_END.test(line));
  const language = labelValue(lines, LEXIS_LABELS, LANGUAGE);
  return {
    title: joined(headline),
    source,
    publishedAt: dateOf(lines[d]!),
    author: unBy(labelValue(lines.slice(0, start), LEXIS_LABELS, BYLINE) ?? ''),
    language: language && languageCode(language),
    url: labelValue(lines, LEXIS_LABELS, ['url']),
    body: lines.slice(start, end < 0 ? lines.length : end),
  };
}

// ---------------------------------------------------------------------------------------------------
// Factiva

const FACTIVA_DOCUMENT = /(?:Document|Dokument|Documento)\s+(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{16,}/;
const WORDS = /^\d[\d,.\s]*\s+(?:words|word|ord|wörter|mots|palabras|parole|woorden)$/i;
const TIME = /^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?$/i;
const FIELD = /^(SE|HD|CR|BY|CLM|WC|PD|ET|SN|SC|ED|PG|VOL|LA|CY|LP|TD|CT|RF|ART|CO|IN|NS|RE|IPC|IPD|PUB|AN)(?:\s+(.*))?$/;

function factivaHeader(lines: string[]): Header | null {
  const ne = nonEmpty(lines);
  if (/^(?:HD|SE)$/.test(FIELD.exec(lines[ne[0] ?? 0] ?? '')?.[1] ?? '')) return factivaIndexed(lines);
  const w = ne.slice(0, 12).find((i) => WORDS.test(lines[i]!));
  if (w === undefined) return null;
  const before = ne.filter((i) => i < w).map((i) => lines[i]!);
  const author = before.length > 1 && /^(?:by|av|von|par|door|por)\s/i.test(before.at(-1)!) ? unBy(before.pop()!) : undefined;
  const after = ne.filter((i) => i > w);
  let k = after.slice(0, 3).findIndex((i) => dateOf(lines[i]!));
  const publishedAt = k >= 0 ? dateOf(lines[after[k]!]!) : undefined;
  k++;
  if (TIME.test(lines[after[k]!] ?? '')) k++;
  const source = lines[after[k]!];
  // Past the outlet: source code and page, then the language line, then copyright lines.
  const lang = after.slice(k + 1, k + 6).findIndex((i) => languageCode(lines[i]!));
  const copyright = after.slice(k + 1, k + 7).findIndex((i) => COPYRIGHT.test(lines[i]!));
  let start = lang >= 0 ? k + 2 + lang : copyright >= 0 ? k + 1 + copyright : k + 1;
  while (COPYRIGHT.test(lines[after[start]!] ?? '')) start++;
  return {
    title: joined(before),
    source,
    publishedAt,
    author,
    language: lang >= 0 ? languageCode(lines[after[k + 1 + lang]!]!) : undefined,
    body: lines.slice(after[start] ?? lines.length),
  };
}

/** "Full Article/Report plus Indexing": each field a two-letter code, its value on the line or the lines after. */
function factivaIndexed(lines: string[]): Header {
  const fields = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const m = FIELD.exec(line);
    if (m) {
      current = fields.get(m[1]!) ?? [];
      fields.set(m[1]!, current);
      if (m[2]) current.push(m[2]);
    } else current?.push(line);
  }
  const one = (code: string) => joined(fields.get(code) ?? []);
  const language = one('LA');
  const date = one('PD');
  return {
    title: one('HD'),
    source: one('SN'),
    publishedAt: date && dateOf(date),
    author: unBy(one('BY') ?? ''),
    language: language && languageCode(language),
    body: [...(fields.get('LP') ?? []), '', ...(fields.get('TD') ?? [])],
  };
}

// ---------------------------------------------------------------------------------------------------
// Retriever Mediearkivet

const OUTLET_DATE = /^([^\s>].{0,80}?),?\s+(\d{4}-\d{2}-\d{2})(?:\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?)?$/u;
const DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?:\s+(?:kl\.?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?)?$/;
const RETRIEVER_META = /^(?:sida\s+\S+|del\s+\d+|publicerat?\s.*|publicerad\s.*|sänt i\s.*|uppdaterad\s.*|sektion:.*|upplaga:.*)$/i;
const RETRIEVER_FOOTER =
  /^(?:={3,}|-{3,}|©.*|\(c\).*|se webartikeln på\s.*|läs hela artikeln på\s.*|artikel-id:.*|alla artiklar är skyddade.*|artiklar får ej distribueras.*)$/i;
const EMAILS = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[\s,;]+[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)*$/i;
const NAME_WORD = /^(?:\p{Lu}[\p{L}'’.-]*|af|av|von|van|de|der|la)$/u;

/** "Dagens Nyheter, 2024-10-08 04:00" → outlet and date; the "Datum 2024-10-08" of the file's own header is none. */
function outletDate(line: string): { source: string; date: string } | null {
  const m = OUTLET_DATE.exec(line);
  if (!m || /^datum$/i.test(m[1]!)) return null;
  const date = parseHeaderDate(m[2]!);
  return date ? { source: m[1]!.replace(/,$/, '').trim(), date } : null;
}

/** A byline's names: "Anna Lind", "ANNA LIND", "Anna Lind och Erik Berg", "Text: Anna Lind". */
function names(line: string): string | undefined {
  const text = line.replace(/^text\s*:\s*/i, '');
  if (text.length > 80) return undefined;
  const people = text.split(/\s*,\s*|\s+(?:och|and|&|und)\s+/);
  const ok = people.every((person) => {
    const words = person.split(/\s+/);
    return words.length >= 2 && words.length <= 4 && /^\p{Lu}/u.test(words[0]!) && words.every((w) => NAME_WORD.test(w));
  });
  if (!ok) return undefined;
  // Bylines printed in capitals read better as names.
  return text === text.toUpperCase() ? text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase()) : text;
}

/** Where the outlet-and-date line is, and what it says; an ISO date alone takes the line before as outlet. */
function findHeaderLine(lines: string[], within = lines.length): { at: number; outletAt: number; source?: string; date: string } | null {
  let seen = 0;
  let prev = -1;
  for (let i = 0; i < lines.length && seen < within; i++) {
    if (!lines[i]) continue;
    seen++;
    const both = outletDate(lines[i]!);
    if (both) return { at: i, outletAt: i, ...both };
    const alone = DATE_ONLY.exec(lines[i]!);
    if (alone && prev >= 0 && !RETRIEVER_FOOTER.test(lines[prev]!)) return { at: i, outletAt: prev, source: lines[prev], date: parseHeaderDate(alone[1]!)! };
    prev = i;
  }
  return null;
}

/** The headline printed above the outlet line: the lines just before it, back to a blank line. */
function headlineAbove(lines: string[], outletAt: number): string[] {
  const above: string[] = [];
  for (let i = outletAt - 1; i >= 0 && lines[i] && !RETRIEVER_FOOTER.test(lines[i]!) && !lines[i]!.startsWith('>'); i--) above.unshift(lines[i]!);
  return above;
}

const SIGNED = /^(.*?)\s*([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:\s+[\d\s+-]+)?$/;

/** The body's end: footers come off, and a closing byline ("ANNA LIND anna.lind@dn.se 08-123 45 67"). */
function retrieverTail(lines: string[], from: number): { end: number; url?: string; author?: string } {
  let end = lines.length;
  let url: string | undefined;
  while (end > from && (!lines[end - 1] || RETRIEVER_FOOTER.test(lines[end - 1]!))) {
    const link = /^(se webartikeln på|läs hela artikeln på)\s+(\S+)/i.exec(lines[end - 1]!);
    // The web article's address wins over Retriever's own link to the printed one.
    if (link && (!url || /^se/i.test(link[1]!))) url = link[2];
    end--;
  }
  return { end, url, ...closingByline(lines, from, end) };
}

/** A byline closing the text: a name and an address on one line, or a name on the line above an address. */
function closingByline(lines: string[], from: number, end: number): { end: number; author: string } | undefined {
  const m = end > from ? SIGNED.exec(lines[end - 1]!) : null;
  if (!m) return undefined;
  const nameAt = m[1] ? end - 1 : lines.slice(from, end - 1).findLastIndex(Boolean) + from;
  const author = nameAt >= from ? names(m[1] || lines[nameAt]!) : undefined;
  return author ? { end: nameAt, author } : undefined;
}

function retrieverHeader(lines: string[]): Header | null {
  const found = findHeaderLine(lines);
  if (!found) return null;
  const above = headlineAbove(lines, found.outletAt);
  let i = found.at + 1;
  while (i < lines.length && (!lines[i] || RETRIEVER_META.test(lines[i]!))) i++;
  // Printouts put the headline under the page line instead.
  const title = joined(above) ?? lines[i++];
  // A byline under the headline: names, addresses and photo credits, in any order.
  const authors: string[] = [];
  for (let j = i; j < lines.length; j++) {
    if (!lines[j]) continue;
    const person = names(lines[j]!);
    if (!person && !EMAILS.test(lines[j]!) && !/^(?:foto|bild)\s*:/i.test(lines[j]!)) break;
    if (person) authors.push(person);
    i = j + 1;
  }
  const tail = retrieverTail(lines, i);
  return {
    title,
    source: found.source,
    publishedAt: found.date,
    author: authors.join(', ') || tail.author,
    url: tail.url,
    body: lines.slice(i, tail.end),
  };
}

// ---------------------------------------------------------------------------------------------------
// The table, in the order detection tries it: the most particular markers first.

export const LAYOUTS: readonly Layout[] = [
  {
    id: 'nexis-uni',
    label: 'Nexis Uni / LexisNexis',
    detect: (text) => /^[ \t]*(?:End of Document|Ende des Dokuments|Fin du document)[ \t]*$/im.test(text),
    boundary: { line: /End of Document|Ende des Dokuments|Fin du document/i, keep: 'drop' },
    header: nexisUniHeader,
  },
  {
    id: 'factiva',
    label: 'Factiva',
    detect: (text) =>
      new RegExp(`^[ \\t]*${FACTIVA_DOCUMENT.source}[ \\t]*$`, 'm').test(text) &&
      /^[ \t]*(?:\d[\d,. \u00a0\u202f]*[ \t]+(?:words|ord|wörter|mots|palabras|parole|woorden)|HD(?:[ \t].*)?)[ \t]*$/im.test(text),
    boundary: { line: FACTIVA_DOCUMENT, keep: 'drop' },
    header: factivaHeader,
  },
  {
    id: 'lexis-classic',
    label: 'LexisNexis Academic',
    detect: (text) => /^[ \t]*(?:\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+)[ \t]*$/m.test(text),
    boundary: { line: /\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+/, keep: 'start' },
    header: lexisClassicHeader,
  },
  {
    id: 'retriever',
    label: 'Retriever Mediearkivet',
    detect: (text) =>
      atLeast(text, /^[ \t]*[^\s>][^\n]{0,80}?,?[ \t]+\d{4}-\d{2}-\d{2}(?:[ \t]+(?:kl\.?[ \t]*)?\d{1,2}[:.]\d{2}(?::\d{2})?)?[ \t]*$/gm, 2) &&
      /^[ \t]*(?:Se webartikeln på|Läs hela artikeln på|Artikel-id:|Publicerat (?:i|på) |={5,}[ \t]*$)|retriever-info\.com/im.test(text),
    boundary: {
      line: /={5,}|-{5,}|Artikel-id:.*|©.*/i,
      keep: 'end',
      opens: (lines) => findHeaderLine(lines, 6) !== null,
    },
    header: retrieverHeader,
  },
];
