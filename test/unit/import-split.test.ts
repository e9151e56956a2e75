// Files of many articles from news databases (Nexis Uni, LexisNexis Academic, Factiva, Retriever) and
// files cut at the analyst's own delimiter: recognising the layout, cutting at whole lines only, reading
// each header into title and metadata, and keeping only the body as the article's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../main/services/errors.ts';
import { parseHeaderDate } from '../../main/services/import/split/dates.ts';
import { detectLayout, previewSplit, splitArticles, trySplit, type Layout } from '../../main/services/import/split/split.ts';
import type { ConvertedArticle } from '../../main/services/import/types.ts';

/** Each article as the assertions compare it. */
const summary = (a: ConvertedArticle) => ({ part: a.part, title: a.title, ...a.meta, text: a.text });

const NEXIS = `User Name: Forskare, Göteborgs universitet
Date and Time: Thursday, October 10, 2024 9:15:00 AM CEST
Job Number: 233456789
Documents (4)
1. Government raises defence spending
Client/Matter: -None-
Search Terms: försvar OR defence
Search Type: Terms and Connectors
Narrowed by:
Content Type Narrowed by
News Sources: Dagens Nyheter; The Guardian

Government raises defence spending
The Guardian (London)
October 8, 2024 Tuesday
Copyright 2024 Guardian Newspapers Limited All Rights Reserved

Section: UK NEWS; Pg. 4
Length: 312 words
Byline: By Anna Lind
Body

The government said on Tuesday it would “raise defence spending” by 2.5 per cent.

Critics called the plan ‘too little, too late’.

Load-Date: October 9, 2024

End of Document

Regeringen höjer försvarsanslaget
– men oppositionen kräver mer
Dagens Nyheter
8 oktober 2024 tisdag
Copyright 2024 Dagens Nyheter AB

Section:\u00a0Nyheter; Sid. 12
Length:\u00a0523 words
Byline:\u00a0Erik Öberg
Body

Regeringen föreslår i budgeten att försvarsanslaget höjs med 2,5 miljarder kronor.

”Det här är ett historiskt lyft”, säger försvarsministern.

Classification

Language: SWEDISH
Publication-Type: Tidning
Load-Date: October 8, 2024

End of Document

Kommunerna varnar för underskott
Svenska Dagbladet
9 oktober 2024 onsdag

Section: Inrikes
Length: 210 words
Body

Sveriges Kommuner och Regioner räknar med ett underskott på 24 miljarder.

Rapporten slutar med orden ”End of Document” och inget mer.

Load-Date: October 10, 2024

End of Document

Schweden erhöht die Verteidigungsausgaben
Frankfurter Allgemeine Zeitung
Dienstag, 8. Oktober 2024

Section: Politik; S. 5
Length: 180 words
Byline: Von Jörg Müller
Body

Die schwedische Regierung will die Ausgaben für die Verteidigung deutlich erhöhen.

Classification

Language: GERMAN
Load-Date: October 9, 2024

End of Document
`;

test('parsing the date lines databases print, in English, Swedish and German', () => {
  assert.equal(parseHeaderDate('October 8, 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('October 8, 2024 Tuesday'), '2024-10-08');
  assert.equal(parseHeaderDate('October 8, 2024 Tuesday 9:15 AM EST'), '2024-10-08');
  assert.equal(parseHeaderDate('Tuesday, October 8, 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('Oct. 8, 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('8th October 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('8 oktober 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('tisdag 8 oktober 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('8 oktober 2024 tisdag'), '2024-10-08');
  assert.equal(parseHeaderDate('den 8 okt. 2024 kl. 09.15'), '2024-10-08');
  assert.equal(parseHeaderDate('8. Oktober 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('Dienstag, 8. Oktober 2024'), '2024-10-08');
  assert.equal(parseHeaderDate('3. März 2024'), '2024-03-03');
  assert.equal(parseHeaderDate('1 maj 2024'), '2024-05-01');
  assert.equal(parseHeaderDate('2024-10-08 04:00'), '2024-10-08');
  assert.equal(parseHeaderDate('08.10.2024'), '2024-10-08');
  assert.equal(parseHeaderDate('31 februari 2024'), null, 'no 31 February');
  assert.equal(parseHeaderDate('October 2024'), null, 'a month is not a day');
  assert.equal(parseHeaderDate('3/5/2024'), null, 'slashed dates leave the order open');
  assert.equal(parseHeaderDate('Valet den 8 oktober 2024'), null, 'a headline mentioning a date is not a date line');
  assert.equal(parseHeaderDate('Regeringen'), null);
});

test('Nexis Uni: four articles past the cover page, headers read, bodies alone, a quoted "End of Document" left whole', () => {
  assert.equal(detectLayout(NEXIS)?.id, 'nexis-uni');
  const articles = trySplit(NEXIS)!;
  assert.equal(articles.length, 4);
  assert.deepEqual(articles.map(summary), [
    {
      part: 'article 1',
      title: 'Government raises defence spending',
      source: 'The Guardian (London)',
      publishedAt: '2024-10-08',
      author: 'Anna Lind',
      text: 'The government said on Tuesday it would “raise defence spending” by 2.5 per cent.\n\nCritics called the plan ‘too little, too late’.',
    },
    {
      part: 'article 2',
      title: 'Regeringen höjer försvarsanslaget – men oppositionen kräver mer',
      source: 'Dagens Nyheter',
      publishedAt: '2024-10-08',
      author: 'Erik Öberg',
      language: 'sv',
      text: 'Regeringen föreslår i budgeten att försvarsanslaget höjs med 2,5 miljarder kronor.\n\n”Det här är ett historiskt lyft”, säger försvarsministern.',
    },
    {
      part: 'article 3',
      title: 'Kommunerna varnar för underskott',
      source: 'Svenska Dagbladet',
      publishedAt: '2024-10-09',
      text: 'Sveriges Kommuner och Regioner räknar med ett underskott på 24 miljarder.\n\nRapporten slutar med orden ”End of Document” och inget mer.',
    },
    {
      part: 'article 4',
      title: 'Schweden erhöht die Verteidigungsausgaben',
      source: 'Frankfurter Allgemeine Zeitung',
      publishedAt: '2024-10-08',
      author: 'Jörg Müller',
      language: 'de',
      text: 'Die schwedische Regierung will die Ausgaben für die Verteidigung deutlich erhöhen.',
    },
  ]);
});

test('Nexis Uni saved with CRLF and a byte-order mark splits the same; a single article is no split', () => {
  const windows = '\uFEFF' + NEXIS.replace(/\n/g, '\r\n');
  assert.deepEqual(trySplit(windows), trySplit(NEXIS));
  const one = NEXIS.slice(0, NEXIS.indexOf('End of Document') + 'End of Document'.length);
  assert.equal(detectLayout(one)?.id, 'nexis-uni');
  assert.equal(trySplit(one), null, 'fewer than two articles: the caller imports the file as one');
  assert.equal(splitArticles(one, detectLayout(one)!, 'ett.docx').length, 1, 'chosen explicitly, one article is one article');
});

test('"End of Document" only cuts as a whole line', () => {
  const text = [
    'Första rubriken',
    'Dagens Nyheter',
    '8 oktober 2024',
    'Body',
    'Han sa: End of Document, och gick.',
    'Sista raden slutar med End of Document',
    'End of Document',
    'Andra rubriken',
    'Dagens Nyheter',
    '9 oktober 2024',
    'Body',
    'Text två.',
    '   End of Document   ',
  ].join('\n');
  const articles = trySplit(text)!;
  assert.equal(articles.length, 2);
  assert.equal(articles[0]!.text, 'Han sa: End of Document, och gick.\nSista raden slutar med End of Document');
  assert.deepEqual(
    articles.map((a) => a.title),
    ['Första rubriken', 'Andra rubriken'],
  );
});

const CLASSIC = `Download Request: Current Document: 1-3
Time Of Request: Thursday, October 10, 2024  09:15:00 EST
Terms: försvar

                              1 of 3 DOCUMENTS

                                 The Guardian (London)

                           October 8, 2024 Tuesday
                                 Final Edition

Sweden raises defence spending

BYLINE: Anna Lind

SECTION: WORLD NEWS; Pg. 18

LENGTH: 312 words


Stockholm said on Tuesday it would spend more on defence.

The opposition called it “a start”.


LOAD-DATE: October 9, 2024

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper

                 Copyright 2024 Guardian Newspapers Limited
                              All Rights Reserved

                              2 of 3 DOCUMENTS

                                 Svenska Dagbladet

                            9 oktober 2024 onsdag

Kommunerna varnar

SECTION: Inrikes; Sid. 8

LENGTH: 120 words


Kommunerna räknar med underskott nästa år.


LOAD-DATE: October 10, 2024

LANGUAGE: SWEDISH

                              3 of 3 DOCUMENTS

                                 The Times (London)

                              October 9, 2024

Nordic budgets under pressure
as costs rise

BYLINE: Erik Berg

LENGTH: 90 words


Budgets across the Nordic countries are under strain.

URL: https://www.thetimes.example/nordic-budgets

LOAD-DATE: October 10, 2024
`;

test('LexisNexis Academic: the cover dropped, outlet and date before the headline, upper-case labels', () => {
  assert.equal(detectLayout(CLASSIC)?.id, 'lexis-classic');
  assert.deepEqual(trySplit(CLASSIC)!.map(summary), [
    {
      part: 'article 1',
      title: 'Sweden raises defence spending',
      source: 'The Guardian (London)',
      publishedAt: '2024-10-08',
      author: 'Anna Lind',
      language: 'en',
      text: 'Stockholm said on Tuesday it would spend more on defence.\n\nThe opposition called it “a start”.',
    },
    {
      part: 'article 2',
      title: 'Kommunerna varnar',
      source: 'Svenska Dagbladet',
      publishedAt: '2024-10-09',
      language: 'sv',
      text: 'Kommunerna räknar med underskott nästa år.',
    },
    {
      part: 'article 3',
      title: 'Nordic budgets under pressure as costs rise',
      source: 'The Times (London)',
      publishedAt: '2024-10-09',
      author: 'Erik Berg',
      url: 'https://www.thetimes.example/nordic-budgets',
      text: 'Budgets across the Nordic countries are under strain.',
    },
  ]);
});

const FACTIVA = `Regeringen höjer försvarsanslaget
523 ord
8 oktober 2024
Dagens Nyheter
DAGNY
Svenska
© 2024 Dagens Nyheter. Alla rättigheter förbehållna.

Regeringen föreslår att anslaget höjs med 2,5 miljarder kronor.

”Det är ett lyft”, säger ministern.

Document DAGNY00020241008ek1800001

Sweden lifts defence budget
as threat grows
By Erik Berg
1,204 words
8 October 2024
09:15
Financial Times
FTCOM
English
Copyright The Financial Times Limited 2024. All Rights Reserved.

Sweden’s government will raise defence spending, it said on Tuesday.

Document FTCOM00020241008ek1800002

Schweden erhöht Ausgaben
Von Jörg Müller
412 Wörter
9. Oktober 2024
Frankfurter Allgemeine Zeitung
FAZ
Seite 5
Deutsch
(c) Frankfurter Allgemeine Zeitung GmbH 2024

Die Regierung in Stockholm will mehr für die Verteidigung ausgeben.

Dokument FAZ0000020241009ek1900003

Search Summary
Text\tförsvar
Date\t01/10/2024 to 09/10/2024
Source\tAll Sources
Results Found\t3
`;

test('Factiva article format: headers read around the word count, the search summary dropped', () => {
  assert.equal(detectLayout(FACTIVA)?.id, 'factiva');
  assert.deepEqual(trySplit(FACTIVA)!.map(summary), [
    {
      part: 'article 1',
      title: 'Regeringen höjer försvarsanslaget',
      source: 'Dagens Nyheter',
      publishedAt: '2024-10-08',
      language: 'sv',
      text: 'Regeringen föreslår att anslaget höjs med 2,5 miljarder kronor.\n\n”Det är ett lyft”, säger ministern.',
    },
    {
      part: 'article 2',
      title: 'Sweden lifts defence budget as threat grows',
      source: 'Financial Times',
      publishedAt: '2024-10-08',
      author: 'Erik Berg',
      language: 'en',
      text: 'Sweden’s government will raise defence spending, it said on Tuesday.',
    },
    {
      part: 'article 3',
      title: 'Schweden erhöht Ausgaben',
      source: 'Frankfurter Allgemeine Zeitung',
      publishedAt: '2024-10-09',
      author: 'Jörg Müller',
      language: 'de',
      text: 'Die Regierung in Stockholm will mehr für die Verteidigung ausgeben.',
    },
  ]);
});

const FACTIVA_INDEXED = `HD Regeringen höjer försvarsanslaget
BY Anna Lind
WC 523 ord
PD 8 oktober 2024
SN Dagens Nyheter
SC DAGNY
LA Svenska
CY © 2024 Dagens Nyheter.
LP
Regeringen föreslår att anslaget höjs.
TD
”Det är ett lyft”, säger ministern.

Oppositionen vill se mer.
NS gdef : Defence
RE swed : Sweden
AN
Document DAGNY00020241008ek1800001

HD Kommunerna varnar
WC 120 ord
PD 9 oktober 2024
SN Svenska Dagbladet
LA Svenska
LP Kommunerna räknar med underskott.
TD Nästa år blir värre.
AN
Document SVD0000020241009ek1900002
`;

test('Factiva with indexing: two-letter fields, the text from LP and TD', () => {
  assert.equal(detectLayout(FACTIVA_INDEXED)?.id, 'factiva');
  assert.deepEqual(trySplit(FACTIVA_INDEXED)!.map(summary), [
    {
      part: 'article 1',
      title: 'Regeringen höjer försvarsanslaget',
      source: 'Dagens Nyheter',
      publishedAt: '2024-10-08',
      author: 'Anna Lind',
      language: 'sv',
      text: 'Regeringen föreslår att anslaget höjs.\n\n”Det är ett lyft”, säger ministern.\n\nOppositionen vill se mer.',
    },
    {
      part: 'article 2',
      title: 'Kommunerna varnar',
      source: 'Svenska Dagbladet',
      publishedAt: '2024-10-09',
      language: 'sv',
      text: 'Kommunerna räknar med underskott.\n\nNästa år blir värre.',
    },
  ]);
});

const RULE = '='.repeat(78);
const RETRIEVER_TXT = `Göteborgs universitet BIBSAM
Datum 2024-10-10

Nyheter:

> Regeringen höjer försvarsanslaget, Dagens Nyheter, 2024-10-08 04:00

> Kommunerna varnar för underskott, Svenska Dagbladet, 2024-10-09 12:30

> ”Vi är inte rädda”, Sydsvenskan, 2024-10-09


Regeringen höjer försvarsanslaget
Dagens Nyheter, 2024-10-08 04:00
Sida 12
Publicerat i print.

Regeringen föreslår att försvarsanslaget höjs med 2,5 miljarder kronor.

”Det här är ett historiskt lyft”, säger försvarsministern.
ANNA LIND anna.lind@dn.se 08-123 45 67
©Dagens Nyheter<br>Alla artiklar är skyddade enligt upphovsrättslagen.

Läs hela artikeln på http://ret.nu/AbCdEf12
${RULE}

Kommunerna varnar för underskott
Svenska Dagbladet, 2024-10-09 12:30
Publicerat på webb.

Sveriges kommuner räknar med ett underskott på 24 miljarder.
© Foto: TT
Bilden visar Malmö stadshus.

©Svenska Dagbladet<br>Alla artiklar är skyddade enligt upphovsrättslagen.

Se webartikeln på https://www.svd.se/a/kommunerna-varnar
${RULE}

”Vi är inte rädda”
Sydsvenskan, 2024-10-09
Sida 4
Publicerat i print.

Räddningstjänsten i Malmö övade på fredagen.
${RULE}
`;

test('Retriever TXT export: table of contents skipped, headline above the outlet line, byline and link at the end', () => {
  assert.equal(detectLayout(RETRIEVER_TXT)?.id, 'retriever');
  assert.deepEqual(trySplit(RETRIEVER_TXT)!.map(summary), [
    {
      part: 'article 1',
      title: 'Regeringen höjer försvarsanslaget',
      source: 'Dagens Nyheter',
      publishedAt: '2024-10-08',
      author: 'Anna Lind',
      url: 'http://ret.nu/AbCdEf12',
      text: 'Regeringen föreslår att försvarsanslaget höjs med 2,5 miljarder kronor.\n\n”Det här är ett historiskt lyft”, säger försvarsministern.',
    },
    {
      part: 'article 2',
      title: 'Kommunerna varnar för underskott',
      source: 'Svenska Dagbladet',
      publishedAt: '2024-10-09',
      url: 'https://www.svd.se/a/kommunerna-varnar',
      text: 'Sveriges kommuner räknar med ett underskott på 24 miljarder.\n© Foto: TT\nBilden visar Malmö stadshus.',
    },
    {
      part: 'article 3',
      title: '”Vi är inte rädda”',
      source: 'Sydsvenskan',
      publishedAt: '2024-10-09',
      text: 'Räddningstjänsten i Malmö övade på fredagen.',
    },
  ]);
});

const RETRIEVER_PRINT = `Göteborgs-Posten 2024-10-08
Sida 6
Rätten friade åtalad politiker
Maria Ek
maria.ek@gp.se

Tingsrätten friade på måndagen kommunalrådet från anklagelserna.

Domen kan överklagas.

Se webartikeln på https://www.gp.se/nyheter/ratten-friade
Artikel-id: e7a1b2c3-0001
--------------------------------------------------

Aftonbladet
2024-10-09
Sida 10
”Vi ger inte upp”
Supportrarna samlades utanför arenan på onsdagskvällen.
Artikel-id: e7a1b2c3-0002
--------------------------------------------------

Dagens Nyheter, 2024-10-09
Del 2
Årets roman är en triumf
Text: Erik Öberg och Sara Åberg
Recensionen av årets stora roman är här.
Artikel-id: e7a1b2c3-0003
`;

test('Retriever printout: outlet and date first (on one line or two), headline after the page, byline under it', () => {
  assert.equal(detectLayout(RETRIEVER_PRINT)?.id, 'retriever');
  assert.deepEqual(trySplit(RETRIEVER_PRINT)!.map(summary), [
    {
      part: 'article 1',
      title: 'Rätten friade åtalad politiker',
      source: 'Göteborgs-Posten',
      publishedAt: '2024-10-08',
      author: 'Maria Ek',
      url: 'https://www.gp.se/nyheter/ratten-friade',
      text: 'Tingsrätten friade på måndagen kommunalrådet från anklagelserna.\n\nDomen kan överklagas.',
    },
    {
      part: 'article 2',
      title: '”Vi ger inte upp”',
      source: 'Aftonbladet',
      publishedAt: '2024-10-09',
      text: 'Supportrarna samlades utanför arenan på onsdagskvällen.',
    },
    {
      part: 'article 3',
      title: 'Årets roman är en triumf',
      source: 'Dagens Nyheter',
      publishedAt: '2024-10-09',
      author: 'Erik Öberg och Sara Åberg',
      text: 'Recensionen av årets stora roman är här.',
    },
  ]);
});

test('the analyst’s delimiter: whole lines only, first line as title; absent or empty delimiters refused', () => {
  const text = [
    'Regeringen höjer anslaget',
    'Första stycket.',
    '',
    'Andra stycket med *****-tecken i raden.',
    '*****',
    '',
    'Kommunerna varnar',
    'Text om kommunerna.',
    '  *****  ',
    'Bara en rubrik',
    '*****',
    '”Citat i rubriken”',
    'Sista texten.',
  ].join('\n');
  assert.equal(detectLayout(text), null);
  assert.deepEqual(
    splitArticles(text, { delimiter: '*****' }, 'samling.txt').map((a) => [a.part, a.title, a.text]),
    [
      ['article 1', 'Regeringen höjer anslaget', 'Första stycket.\n\nAndra stycket med *****-tecken i raden.'],
      ['article 2', 'Kommunerna varnar', 'Text om kommunerna.'],
      ['article 3', '”Citat i rubriken”', 'Sista texten.'],
    ],
    'the part holding only a title comes out empty and is dropped',
  );
  const marked = 'Första\nText ett.\n----- NEW ARTICLE -----\nAndra\nText två (a+b).\n';
  assert.deepEqual(
    splitArticles(marked, { delimiter: '----- NEW ARTICLE -----' }, 'x.txt').map((a) => a.title),
    ['Första', 'Andra'],
  );
  assert.deepEqual(previewSplit(marked, 'x.txt', { delimiter: '----- NEW ARTICLE -----' }), {
    layout: 'delimiter',
    label: 'articles separated by “----- NEW ARTICLE -----”',
    count: 2,
    first: [{ title: 'Första' }, { title: 'Andra' }],
  });
  assert.throws(
    () => splitArticles(marked, { delimiter: '#####' }, 'x.txt'),
    (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && e.message.includes('x.txt') && e.message.includes('#####'),
  );
  assert.throws(
    () => splitArticles(marked, { delimiter: '  ' }, 'x.txt'),
    (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT',
  );
});

test('a text in no layout is not split, and its preview says so', () => {
  const text =
    'Regeringen höjer försvarsanslaget\n\nRegeringen föreslår i budgeten att anslaget höjs.\n\n”Det är ett lyft”, säger ministern den 8 oktober 2024.\n';
  assert.equal(detectLayout(text), null);
  assert.equal(trySplit(text), null);
  assert.deepEqual(previewSplit(text, 'artikel.txt'), { layout: null, label: null, count: 0, first: [] });
});

test('the preview: layout, count and the first five titles with source and date', () => {
  const preview = previewSplit(NEXIS, 'nexis.docx');
  assert.equal(preview.layout, 'nexis-uni');
  assert.equal(preview.label, 'Nexis Uni / LexisNexis');
  assert.equal(preview.count, 4);
  assert.deepEqual(preview.first[2], { title: 'Kommunerna varnar för underskott', source: 'Svenska Dagbladet', publishedAt: '2024-10-09' });
  const many = Array.from({ length: 7 }, (_, i) => `Rubrik ${i + 1}\nDN\n${i + 1} oktober 2024\nBody\nText ${i + 1}.\nEnd of Document\n`).join('\n');
  assert.deepEqual(
    previewSplit(many, 'sju.docx').first.map((f) => f.title),
    ['Rubrik 1', 'Rubrik 2', 'Rubrik 3', 'Rubrik 4', 'Rubrik 5'],
  );
  assert.equal(previewSplit(many, 'sju.docx').count, 7);
});

test('a new layout is a short object: here, articles opened by "### " headlines', () => {
  const hashes: Layout = {
    id: 'hashes',
    label: 'Markdown headlines',
    detect: (text) => /^### /m.test(text),
    boundary: (lines) => lines.reduce<string[][]>((parts, line) => (line.startsWith('### ') ? [...parts, [line]] : (parts.at(-1)?.push(line), parts)), []),
    header: (lines) => ({ title: lines[0]!.slice(4), source: 'Bloggen', body: lines.slice(1) }),
  };
  const articles = splitArticles('### Ett\nText ett.\n### Två\nText två.\n', hashes, 'blogg.md');
  assert.deepEqual(articles.map(summary), [
    { part: 'article 1', title: 'Ett', source: 'Bloggen', text: 'Text ett.' },
    { part: 'article 2', title: 'Två', source: 'Bloggen', text: 'Text två.' },
  ]);
});

test('speed: 10 MB of Nexis Uni text splits in well under a second', () => {
  const paragraph = 'Regeringen föreslår i budgeten att försvarsanslaget höjs, och ”oppositionen” kräver mer – särskilt för Östersjön. ';
  const article = (i: number) =>
    `Rubrik nummer ${i}\nDagens Nyheter\n${1 + (i % 28)} oktober 2024 tisdag\nCopyright 2024 Dagens Nyheter AB\n\nSection: Nyheter\nLength: 400 words\n` +
    `Byline: Anna Lind\nBody\n\n${Array.from({ length: 6 }, () => paragraph.repeat(3)).join('\n\n')}\n\nLoad-Date: October 9, 2024\n\nEnd of Document\n\n`;
  const chunks: string[] = [];
  let size = 0;
  for (let i = 1; size < 10 * 1024 * 1024; i++) {
    const next = article(i);
    chunks.push(next);
    size += next.length;
  }
  const text = chunks.join('');
  const started = performance.now();
  const articles = trySplit(text)!;
  const elapsed = performance.now() - started;
  console.log(`split ${(text.length / 1024 / 1024).toFixed(1)} MB into ${articles.length} articles in ${elapsed.toFixed(0)} ms`);
  assert.equal(articles.length, chunks.length);
  assert.equal(articles.at(-1)!.title, `Rubrik nummer ${chunks.length}`);
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
});
