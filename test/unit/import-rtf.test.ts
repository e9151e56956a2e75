import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../main/services/errors.ts';
import { convertRtf, rtfToText } from '../../main/services/import/rtf.ts';

// --- Fixtures: RTF written here in the shapes Word and the news archives write ----------------------

const bytesOf = (rtf: string) => new Uint8Array(Buffer.from(rtf, 'latin1'));

/** The prolog Word writes: font table, colour table, style sheet, info group and a few \* tables. */
const WORD_PROLOG = String.raw`{\rtf1\adeflang1025\ansi\ansicpg1252\uc1\adeff31507\deff0\stshfdbch31505\deflang1053\deflangfe1053
{\fonttbl{\f0\fbidi \froman\fcharset0\fprq2{\*\panose 02020603050405020304}Times New Roman;}
{\f1\fbidi \fswiss\fcharset0\fprq2{\*\panose 020b0604020202020204}Arial;}
{\f39\fbidi \froman\fcharset238\fprq2 Times New Roman CE;}{\f40\fbidi \froman\fcharset204\fprq2 Times New Roman Cyr;}}
{\colortbl;\red0\green0\blue0;\red0\green0\blue255;}
{\*\defchp \fs24\lang1053\langfe1033 }{\*\defpap \ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 }
{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1053 \snext0 \sqformat \spriority0 Normal;}
{\s1\ql \keepn\outlinelevel0 \b\fs32 \sbasedon0 \snext0 \slink15 \sqformat heading 1;}{\*\cs10 \additive \ssemihidden Default Paragraph Font;}}
{\*\rsidtbl \rsid1120418\rsid3618411}{\mmathPr\mmathFont34\mbrkBin0}
{\info{\title Putin och s\'e4kerheten}{\author Anna Svensson}{\operator Bertil}{\creatim\yr2024\mo5\dy2\hr8\min15}{\revtim\yr2024\mo6\dy1\hr10\min0}{\version2}{\edmins3}{\nofpages1}{\nofwords120}{\*\company Tidningen AB}}
{\*\xmlnstbl {\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}\paperw11906\paperh16838\margl1417\margr1417\margt1417\margb1417
\widowctrl\ftnbj\aenddoc\hyphhotz425\trackmoves0\trackformatting1\donotembedsysfont0\formshade\horzdoc\dgmargin\dghspace180\dgvspace180
\sectd \ltrsect\linex0\headery708\footery708\colsx708\endnhere\sectlinegrid360\sectdefaultcl\sftnbj
{\header \ltrpar \pard\plain \ltrpar\s17\ql \li0\ri0\widctlpar\tqc\tx4536\tqr\tx9072 \rtlch\fcs1 \af0\afs24 \ltrch\fcs0 \fs24\lang1053 {\rtlch\fcs1 \af0 \ltrch\fcs0 Sidhuvud som inte h\'f6r till texten\par }}
{\footer \ltrpar \pard\plain \ltrpar\s18\ql {\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0  PAGE   \\* MERGEFORMAT }}{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \lang1024\langfe1024\noproof 1}}}\par }
{\*\pnseclvl1\pnucrm\pnstart1\pnindent720\pnhang {\pntxta .}}
`;

/** The body: a heading, Swedish letters as \'hh, typographic quotes as \u, a link, a picture, a footnote, a table. */
const WORD_BODY = String.raw`\pard\plain \ltrpar\s1\ql \keepn\outlinelevel0 \rtlch\fcs1 \ab\af0\afs32 \ltrch\fcs0 \b\fs32\lang1053 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1120418 Toppm\'f6te i Astana}{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1120418 \par }
\pard\plain \ltrpar\ql \li0\ri0\widctlpar\wrapdefault \fs24\lang1053 {\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1120418 \par }
{\rtlch\fcs1 \af0 \ltrch\fcs0 \insrsid1120418 \uc1\u8220\'93Trolling p\'e5 h\'f6g niv\'e5\u8221\'94, sa {\b han}}{\super\chftn}{\footnote \ltrpar \pard\plain \ltrpar\s19\ql {\super\chftn} Fotnoten ska bort.}{\rtlch\fcs1 \af0 \ltrch\fcs0  \'e5\'e4\'f6 \u-10179\'3f\u-8704\'3f\par }
{\rtlch\fcs1 \af0 \ltrch\fcs0 Kolumn\tab v\'e4rde\par Rad ett\line Rad tv\'e5\par }
{\rtlch\fcs1 \af0 \ltrch\fcs0 L\'e4s mer p\'e5 }{\field{\*\fldinst {\rtlch\fcs1 \af0 \ltrch\fcs0  HYPERLINK "https://example.se/artikel" }{\rtlch\fcs1 \af0 \ltrch\fcs0 {\*\datafield 00d0c9ea79f9bace118c8200aa004ba90b}}}{\fldrslt {\rtlch\fcs1 \af0 \ltrch\fcs0 \cs16\ul\cf2 Example.se}}}{\rtlch\fcs1 \af0 \ltrch\fcs0 .\par }
{\*\shppict{\pict{\*\picprop\shplid1025{\sp{\sn shapeType}{\sv 75}}}\picscalex100\picscaley100\piccropl0\picw1000\pich1000\picwgoal567\pichgoal567\pngblip\bliptag-12345{\*\blipuid 89504e47}
89504e470d0a1a0a0000000d4948445200000001000000010806000000
1f15c4890000000d49444154789c6360000000000200015e27d6a40000000049454e44ae426082}}{\nonshppict{\pict\picw1000\pich1000\wmetafile8 0100090000034e00000000001c00000000000400000003010800050000000b0200000000}}
{\rtlch\fcs1 \af0 \ltrch\fcs0 Tom & Jerry <3 Ba\u776 ?r, \'93F\'f6rsta\'94\~10\~000 ord\-avst\'e4ng\_ning\par }
\pard\plain {   indragen  \par }
\trowd \irow0\irowband0\ltrrow\ts11\trgaph108\trleft-108 \cellx4428\cellx9072\pard\plain \intbl {Cell ett\cell }{Cell tv\'e5\cell }\row
\pard\plain {\v dold text}{\*\bkmkstart _Hlk1}{\*\bkmkend _Hlk1}\par\par
{\rtlch\fcs1 \af0 \ltrch\fcs0 \par }}`;

const WORD_RTF = WORD_PROLOG + WORD_BODY;

const WORD_TEXT = [
  'Toppmöte i Astana',
  '“Trolling på hög nivå”, sa han åäö 😀',
  'Kolumn\tvärde',
  'Rad ett\nRad två',
  'Läs mer på Example.se.',
  'Tom & Jerry <3 Ba\u0308r, “Första”\u00a010\u00a0000 ordavstäng\u2011ning',
  '   indragen  ',
  'Cell ett',
  'Cell två',
].join('\n\n');

/** Two articles one after another, as a news archive exports them (shape of a Nexis Uni download). */
const NEXIS_RTF = String.raw`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fnil\fcharset0 Arial;}{\f1\fnil\fcharset0 Times New Roman;}}
{\colortbl ;\red0\green0\blue0;\red0\green0\blue255;}
{\info{\title Files (2)}{\creatim\yr2025\mo3\dy14\hr9\min41}}
\viewkind4\uc1\pard\qc\f0\fs28{\b Putin talar om Nato}\par
\pard\qc\fs20 Dagens Nyheter\par
\pard\qc 14 mars 2025 fredag\par
\pard\ql\par
\pard\sb240 Copyright 2025 Dagens Nyheter\par
\pard Length: 412 words\par
\pard\sb240{\b Body}\par
\pard Presidenten sa att \u8220?ingen\u8221? vill ha krig.\par
\pard\sb240 End of Document\par
\page
\pard\qc\f0\fs28{\b Svenskt svar}\par
\pard\qc\fs20 Svenska Dagbladet\par
\pard\sb240{\b Body}\par
\pard Regeringen svarar\emdash snabbt.\par
\pard\sb240 End of Document\par
}
`;

const NEXIS_TEXT = [
  'Putin talar om Nato',
  'Dagens Nyheter',
  '14 mars 2025 fredag',
  'Copyright 2025 Dagens Nyheter',
  'Length: 412 words',
  'Body',
  'Presidenten sa att “ingen” vill ha krig.',
  'End of Document',
  'Svenskt svar',
  'Svenska Dagbladet',
  'Body',
  'Regeringen svarar—snabbt.',
  'End of Document',
].join('\n\n');

const rtf = (body: string, prolog = String.raw`\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}\f0`) => `{\\rtf1${prolog} ${body}}`;
const text = (body: string, prolog?: string) => rtfToText(rtf(body, prolog)).text;

async function assertRefused(action: () => unknown, expected: RegExp | string) {
  await assert.rejects(
    async () => action(),
    (error: unknown) => {
      assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
      assert.equal(error.code, 'INVALID_INPUT');
      if (typeof expected === 'string') assert.equal(error.message, expected);
      else assert.match(error.message, expected);
      return true;
    },
  );
}

// --- Text and metadata ----------------------------------------------------------------------------

test('a Word document: body text only, paragraphs as blocks, escapes decoded, no normalisation', () => {
  const [article, ...rest] = convertRtf(bytesOf(WORD_RTF), 'artikel.rtf');
  assert.equal(rest.length, 0);
  assert.equal(article!.text, WORD_TEXT);
  assert.equal(article!.part, undefined);
  assert.ok(article!.text.includes('a\u0308'), 'a decomposed ä stays decomposed');
  for (const absent of ['Sidhuvud', 'Fotnoten', 'HYPERLINK', 'Times', 'Normal', 'dold', '89504e', 'MERGEFORMAT', '\r']) {
    assert.ok(!article!.text.includes(absent), `${absent} is not in the text`);
  }
});

test('the info group gives title, author and creation date; \\operator and \\revtim do not count', () => {
  const [article] = convertRtf(bytesOf(WORD_RTF), 'artikel.rtf');
  assert.equal(article!.title, 'Putin och säkerheten');
  assert.deepEqual(article!.meta, { author: 'Anna Svensson', publishedAt: '2024-05-02' });
});

test('without a title in the info group, a short first paragraph is the title', () => {
  const [article] = convertRtf(bytesOf(rtf(String.raw`{\info{\author A}}Rubrik\par Br\'f6dtext.\par`)), 'a.rtf');
  assert.equal(article!.title, 'Rubrik');
  assert.deepEqual(article!.meta, { author: 'A' });
  const [untitled] = convertRtf(bytesOf(rtf(`${'Lång inledning. '.repeat(20)}\\par`)), 'b.rtf');
  assert.equal(untitled!.title, undefined);
});

test('a news-archive export stays one text, page breaks as block breaks, for a splitter to divide', () => {
  const [article, ...rest] = convertRtf(bytesOf(NEXIS_RTF), 'nexis.rtf');
  assert.equal(rest.length, 0);
  assert.equal(article!.text, NEXIS_TEXT);
  assert.equal(article!.title, 'Files (2)');
  assert.deepEqual(article!.meta, { publishedAt: '2025-03-14' });
  assert.deepEqual(rtfToText(NEXIS_RTF, 'nexis.rtf'), { text: NEXIS_TEXT, title: 'Files (2)', meta: { publishedAt: '2025-03-14' } });
});

test("\\'hh escapes follow the document code page: 1252 by default, 1250, 1251 and 1257", () => {
  assert.equal(text(String.raw`\'e5\'e4\'f6 \'80 \'96`, String.raw`\ansi`), 'åäö € –');
  assert.equal(text(String.raw`\'e5\'e4\'f6`, ''), 'åäö');
  assert.equal(text(String.raw`Gda\'f1sk \'9cr\'f3dmie\'9ccie \'b3\'f3d\'9f`, String.raw`\ansi\ansicpg1250`), 'Gdańsk śródmieście łódź');
  assert.equal(text(String.raw`\'cc\'ee\'f1\'ea\'e2\'e0`, String.raw`\ansi\ansicpg1251`), 'Москва');
  assert.equal(text(String.raw`\'c4\'e3\'ba\'c3 \'d6\'d0`, String.raw`\ansi\ansicpg936`), '你好 中', 'double-byte pairs are decoded together');
  assert.equal(text(String.raw`\'c3\'a5{\b \'e2\'80}\'9c`, String.raw`\ansi\ansicpg65001`), 'å“');
  assert.equal(text(String.raw`R\'eega \'f0\'fe \'ed\'e7`, String.raw`\ansi\ansicpg1257`), 'Rīga šž ķē');
});

test("a font's \\fcharset decides how its \\'hh bytes read; other fonts keep the document code page", () => {
  const prolog = String.raw`\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times;}{\f1\froman\fcharset204 Times Cyr;}{\f2\fswiss\fcharset238 Arial CE;}}`;
  assert.equal(text(String.raw`\'e5 {\f1 \'cc\'e8\'f0} \'e5 {\f2 \'b3}\f1\'c0\plain\'c0`, prolog), 'å Мир å łАÀ');
});

test('\\uN escapes: fallbacks skipped by \\ucN (group-scoped), negative values, surrogate pairs', () => {
  assert.equal(text(String.raw`\u8220?a\u8221?`), '“a”');
  assert.equal(text(String.raw`\uc0\u8220 a\u8221 b`), '“a”b');
  assert.equal(text(String.raw`\uc2\u8220\'93\'93a{\uc1\u8221?}b\u8212--c`), '“a”b—c');
  assert.equal(text(String.raw`\uc1\u8220\'93a`), '“a');
  assert.equal(text(String.raw`\u-10179?\u-8704?`), '😀');
  assert.equal(text(String.raw`\u-3913?`), '\uf0b7');
  assert.equal(text(String.raw`{\u8220?}{x}`), '“x', 'a fallback does not reach past the group');
  assert.equal(text(String.raw`\uc3\u8220{\b a}`), '“a', 'nor into a new group');
  assert.equal(text(String.raw`\u8220\emdash x`), '“x', 'a control word counts as one fallback character');
  assert.equal(text(String.raw`\u-10179?x`), '\ufffdx', 'half a surrogate pair becomes U+FFFD');
});

test('control symbols and character words', () => {
  assert.equal(text(String.raw`a\~b\-c\_d \{\}\\ \emdash\endash\lquote\rquote\ldblquote\rdblquote\bullet\tab|`), 'a\u00a0bc\u2011d {}\\ —–‘’“”•\t|');
  assert.equal(text(String.raw`a\emspace b\enspace c\zwj d`), 'a\u2003b\u2002c\u200dd');
});

test('spaces: the delimiter of a control word is not text, formatting invents none, source line breaks are ignored', () => {
  assert.equal(text(String.raw`{\b fet}\b0 vanlig\i  kursiv`), 'fetvanlig kursiv');
  assert.equal(text('ord\r\nsom\r\nfortsätter\\par\r\nny'), 'ordsomfortsätter\n\nny');
  assert.equal(text(String.raw`\fs24 a\par\pard\plain \fs24  b\par`), 'a\n\n b');
  assert.equal(text('a\tb'), 'a\tb', 'a tab character is a tab');
});

test('blocks: \\par, \\sect, \\page, \\cell and \\row break; empty paragraphs collapse; \\line is a line break', () => {
  assert.equal(text(String.raw`a\par\par\par b\sect c\page d\column e\line f\line\line g`), 'a\n\nb\n\nc\n\nd\n\ne\nf\n\ng');
  assert.equal(text(String.raw`\par \~\par a\line\par\line b \par \par`), 'a\n\nb');
  assert.equal(text('a\\\r\nb\\\nc'), 'a\n\nb\n\nc', 'a backslash before a line end is \\par');
  assert.equal(text(String.raw`\trowd\cellx100\cellx200 \intbl A\cell B\cell\row \intbl C\cell D\cell\row`), 'A\n\nB\n\nC\n\nD');
});

test('destinations: unknown {\\*…} skipped, known ones skipped, field results and \\ud text kept', () => {
  assert.equal(text(String.raw`a{\*\unknowndest b{c}}d`), 'ad');
  assert.equal(text(String.raw`a{\*\fldinst x}{\fldinst y}b`), 'ab');
  assert.equal(text(String.raw`{\field{\fldinst HYPERLINK "http://x"}{\fldrslt {\ul L\'e4nk}}}`), 'Länk');
  assert.equal(text(String.raw`{\upr{ANSI}{\*\ud{Unicode \u8220?}}}`), 'Unicode “');
  assert.equal(text(String.raw`{\header h}{\footerr f}{\headerf hf}{\footnote n}{\annotation x}{\*\atnid A}a{\listtext\f2 \'b7\tab}b{\pntext 1.}c`), 'abc');
  assert.equal(text(String.raw`{\pict\wmetafile8\bin5 }}{{{}x`), 'x', 'binary picture data may hold braces');
  assert.equal(text(String.raw`a\bin3 {}\b`), 'ab', 'and so may binary data outside a picture');
  assert.equal(text(String.raw`{\object\objemb{\*\objdata 0105}{\result {\pict 00}}}x`), 'x');
  assert.equal(text(String.raw`a{\v hidden}b{\deleted borta}c\v d\v0 e\v f\plain g`), 'abceg');
  assert.equal(
    text(String.raw`{\shp{\*\shpinst\shpleft0{\sp{\sn fFilled}{\sv 0}}{\shptxt \pard Faktaruta\par}}{\shprslt{\*\do\dobxcolumn{\dptxbx Faktaruta}}}}Efter`),
    'Faktaruta\n\nEfter',
  );
});

test('\\upr in the info group: the Unicode title wins', () => {
  const result = rtfToText(rtf(String.raw`{\info{\upr{\title Putin ?}{\*\ud{\title Putin \u8220?x\u8221?}}}{\author A\'e5}}text`));
  assert.equal(result.title, 'Putin “x”');
  assert.deepEqual(result.meta, { author: 'Aå' });
});

test('a creation date that is no calendar date is left out', () => {
  assert.deepEqual(rtfToText(rtf(String.raw`{\info{\creatim\yr2024\mo2\dy30}}x`)).meta, {});
  assert.deepEqual(rtfToText(rtf(String.raw`{\info{\creatim\yr2024\mo2}}x`)).meta, {});
});

test('trailing bytes after the document are ignored; a document appended whole is read on', () => {
  assert.equal(rtfToText(`${rtf('a')}\r\n\0\0`).text, 'a');
  assert.equal(rtfToText(`${rtf('a')}\r\n${rtf('b')}`).text, 'a\n\nb');
  assert.equal(rtfToText(`\ufeff  ${rtf('a')}`).text, 'a', 'a byte-order mark and white space before it are fine');
});

test('characters above U+00FF, from a source already decoded, are kept', () => {
  assert.equal(rtfToText(rtf('Москва “x”')).text, 'Москва “x”');
});

// --- Refusals -------------------------------------------------------------------------------------

test('an empty file, a file that is not RTF and an RTF file with no text are refused', async () => {
  await assertRefused(() => convertRtf(new Uint8Array(0), 'tom.rtf'), 'tom.rtf is empty.');
  await assertRefused(() => convertRtf(bytesOf(' \r\n\0'), 'tom.rtf'), 'tom.rtf is empty.');
  await assertRefused(
    () => convertRtf(bytesOf('Bara text.'), 'text.rtf'),
    'text.rtf is not an RTF file: it does not begin with {\\rtf. It may be damaged or have the wrong file extension.',
  );
  await assertRefused(() => convertRtf(bytesOf(WORD_PROLOG + '\\par\\par}'), 'tom.rtf'), 'tom.rtf has no text in it.');
  await assertRefused(() => rtfToText('<html>'), /^The RTF text is not an RTF file/);
});

test('a file cut short, or whose groups do not match, is refused', async () => {
  const cut = 'artikel.rtf is cut short or damaged: its RTF groups do not close.';
  await assertRefused(() => convertRtf(bytesOf(WORD_RTF.slice(0, -1)), 'artikel.rtf'), cut);
  await assertRefused(() => convertRtf(bytesOf(WORD_RTF.slice(0, WORD_RTF.indexOf('89504e470d0a'))), 'artikel.rtf'), cut);
  await assertRefused(() => convertRtf(bytesOf(String.raw`{\rtf1 {\pict\bin100 ab}}`), 'artikel.rtf'), cut);
  await assertRefused(
    () => convertRtf(bytesOf(String.raw`{\rtf1 a}b}`), 'extra.rtf'),
    'extra.rtf is damaged: its RTF groups do not match (one closes that was never opened).',
  );
  await assertRefused(() => convertRtf(bytesOf(String.raw`{\rtf1 a}}{\b b}`), 'extra.rtf'), /^extra\.rtf is damaged: its RTF groups do not match/);
});

test('groups nested deeper than 512 are refused, in the body and in skipped destinations alike', async () => {
  const deep = 'djup.rtf nests RTF groups more than 512 deep; no document needs that, so Framelens does not read it.';
  const nested = (depth: number) => `${'{'.repeat(depth)}x${'}'.repeat(depth)}`;
  assert.equal(text(nested(511)), 'x', '512 groups with the document itself are fine');
  await assertRefused(() => convertRtf(bytesOf(rtf(nested(512))), 'djup.rtf'), deep);
  await assertRefused(() => convertRtf(bytesOf(rtf(`{\\pict ${nested(600)}}`)), 'djup.rtf'), deep);
  await assertRefused(() => convertRtf(bytesOf(rtf(`{\\*\\x ${'{'.repeat(100_000)}`)), 'djup.rtf'), deep);
});

// --- Speed ----------------------------------------------------------------------------------------

test('speed: a 2 MB export of many articles (printed, not asserted)', (t) => {
  const article = String.raw`\pard\plain\ltrpar\s1\ql\f0\fs28{\b Rubrik nummer N}\par\pard\plain\fs24 {\rtlch\fcs1 \af0 \ltrch\fcs0 Br\'f6dtext med \u8220?citat\u8221? och {\i kursiv} text, l\'e5ng nog att likna en riktig artikel fr\'e5n arkivet.}\par {\field{\*\fldinst HYPERLINK "https://example.se/"}{\fldrslt L\'e4nk}}\par{\*\shppict{\pict\pngblip ${'0123456789abcdef'.repeat(40)}}}\page
`;
  const parts = [WORD_PROLOG];
  for (let size = WORD_PROLOG.length; size < 2 * 1024 * 1024; size += article.length) parts.push(article);
  const bytes = bytesOf(`${parts.join('')}}`);
  const started = performance.now();
  const [result] = convertRtf(bytes, 'stor.rtf');
  const seconds = (performance.now() - started) / 1000;
  assert.ok(result!.text.startsWith('Rubrik nummer N\n\nBrödtext med “citat” och kursiv text'));
  t.diagnostic(
    `RTF: ${(bytes.length / 1024 / 1024).toFixed(1)} MB in ${(seconds * 1000).toFixed(0)} ms, ${(bytes.length / 1024 / 1024 / seconds).toFixed(0)} MB/s`,
  );
});
