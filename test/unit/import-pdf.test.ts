import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PDFDocument, PDFName, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { AppError } from '../../main/services/errors.ts';
import { convertPdf } from '../../main/services/import/pdf.ts';

// --- Fixtures: PDFs laid out here with pdf-lib, so every position the importer sees is visible -------

const A4: [number, number] = [595, 842];
const SIZE = 10;
const LEADING = 13;
const COLUMNS = [
  { x: 50, width: 230 },
  { x: 315, width: 230 },
];

/**
 * A column's lines, top down from `top`. "" leaves a blank line (a gap between paragraphs); a line
 * starting with ">" is indented; a line ending in "|" is the last of its paragraph and set ragged,
 * every other line is justified to the column's width, word by word, as newspapers set them.
 */
function drawColumn(page: PDFPage, font: PDFFont, column: { x: number; width: number }, top: number, lines: string[]) {
  let y = top;
  for (const raw of lines) {
    if (raw === '') {
      y -= LEADING;
      continue;
    }
    const indent = raw.startsWith('>') ? 15 : 0;
    const last = raw.endsWith('|');
    const text = raw.replace(/^>/, '').replace(/\|$/, '');
    const room = column.width - indent;
    const natural = font.widthOfTextAtSize(text, SIZE);
    if (natural > room) throw new Error(`Fixture line too long (${natural.toFixed(1)} > ${room}): ${text}`);
    if (last) page.drawText(text, { x: column.x + indent, y, size: SIZE, font });
    else justify(page, font, text, column.x + indent, y, room);
    y -= LEADING;
  }
}

function justify(page: PDFPage, font: PDFFont, text: string, x: number, y: number, width: number) {
  const words = text.split(' ');
  const used = words.reduce((sum, w) => sum + font.widthOfTextAtSize(w, SIZE), 0);
  const gap = words.length > 1 ? (width - used) / (words.length - 1) : 0;
  for (const word of words) {
    page.drawText(word, { x, y, size: SIZE, font });
    x += font.widthOfTextAtSize(word, SIZE) + gap;
  }
}

function runningLines(page: PDFPage, font: PDFFont, n: number) {
  page.drawText('Nyhetsbladet – Utrikes', { x: 50, y: 810, size: 8, font });
  page.drawText(`Sida ${n} av 2`, { x: 460, y: 810, size: 8, font });
  page.drawText(`- ${n} -`, { x: 290, y: 30, size: 9, font });
}

const PAGE1_LEFT = [
  'Förhandlingarna om ett nytt klimatavtal i',
  'Genève avbröts på fredagskvällen sedan',
  'delegaterna från ett fyrtiotal länder inte',
  'kunnat enas om hur utsläppen ska minskas.|',
  '',
  'Enligt flera källor var det frågan om hur',
  'omställningen ska betalas som till slut fällde',
  'för-',
  'handlingarna, medan företrädare för EU-',
  'kommissionen ville skjuta upp beslutet till',
  'nästa år.|',
  '',
  '– Vi är besvikna men inte förvånade, säger',
  'en svensk diplomat som vill vara anonym.|',
];

const PAGE1_RIGHT = [
  'Samtalen skuggades också av den rysk-',
  'ukrainska konflikten, som enligt bedömare',
  'har gjort det svårare att nå en bred',
  'uppgörelse om energifrågorna.|',
  '',
  'Nästa förhandlingsrunda väntas äga rum i',
  'Nairobi i vår, men något datum har ännu inte',
  'bekräftats av värdlandet, enligt uppgifter från',
];

const PAGE2_LEFT = [
  'källor med insyn i planeringen av mötet.|',
  '',
  'Miljöorganisationerna var hårda i sin kritik.',
  'De menar att de rika länderna inte tar sitt',
  'ansvar för de historiska utsläppen, och att',
  'de fattiga länderna får betala priset för en',
  'uppvärmning de själva knappt bidragit till.|',
  '>Flera av dem lämnade salen i protest innan',
  'mötet formellt hade avslutats på fredagen.|',
];

const PAGE2_RIGHT = ['Sverige företräddes av klimatministern, som', 'inte ville kommentera utfallet.|'];

const EXPECTED = [
  'Toppmöte i Genève slutade utan avtal',
  'Förhandlingarna om ett nytt klimatavtal i Genève avbröts på fredagskvällen sedan delegaterna från ett fyrtiotal länder inte kunnat enas om hur utsläppen ska minskas.',
  'Enligt flera källor var det frågan om hur omställningen ska betalas som till slut fällde förhandlingarna, medan företrädare för EU-kommissionen ville skjuta upp beslutet till nästa år.',
  '– Vi är besvikna men inte förvånade, säger en svensk diplomat som vill vara anonym.',
  'Samtalen skuggades också av den rysk-ukrainska konflikten, som enligt bedömare har gjort det svårare att nå en bred uppgörelse om energifrågorna.',
  'Nästa förhandlingsrunda väntas äga rum i Nairobi i vår, men något datum har ännu inte bekräftats av värdlandet, enligt uppgifter från källor med insyn i planeringen av mötet.',
  'Miljöorganisationerna var hårda i sin kritik. De menar att de rika länderna inte tar sitt ansvar för de historiska utsläppen, och att de fattiga länderna får betala priset för en uppvärmning de själva knappt bidragit till.',
  'Flera av dem lämnade salen i protest innan mötet formellt hade avslutats på fredagen.',
  'Sverige företräddes av klimatministern, som inte ville kommentera utfallet.',
].join('\n\n');

async function article(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle('Toppmöte i Genève');
  doc.setAuthor('Anna Berg');
  doc.setCreationDate(new Date('2024-03-12T09:30:00Z'));
  const first = doc.addPage(A4);
  runningLines(first, font, 1);
  // The title runs over both columns.
  first.drawText('Toppmöte i Genève slutade utan avtal', { x: 50, y: 765, size: 20, font });
  drawColumn(first, font, COLUMNS[0]!, 735, PAGE1_LEFT);
  drawColumn(first, font, COLUMNS[1]!, 735, PAGE1_RIGHT);
  const second = doc.addPage(A4);
  runningLines(second, font, 2);
  drawColumn(second, font, COLUMNS[0]!, 770, PAGE2_LEFT);
  drawColumn(second, font, COLUMNS[1]!, 770, PAGE2_RIGHT);
  return doc.save();
}

/** One page of ragged lines at the left margin. */
async function simple(lines: string[], setUp: (doc: PDFDocument) => void = () => {}): Promise<Uint8Array> {
  // Without metadata of pdf-lib's own (it would date the file today).
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  setUp(doc);
  const page = doc.addPage(A4);
  lines.forEach((line, i) => line && page.drawText(line, { x: 50, y: 750 - i * LEADING, size: SIZE, font }));
  return doc.save();
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

async function scan(pages = 2): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(PNG);
  for (let i = 0; i < pages; i++) doc.addPage(A4).drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] });
  return doc.save();
}

// --- A hand-written PDF with the standard security handler (revision 2, RC4 40-bit) -----------------

const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const padded = (password: string) => Buffer.concat([Buffer.from(password, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/** Objects 1…n in order, with a correct cross-reference table. */
function writePdf(objects: Buffer[], trailer: string): Uint8Array {
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let offset = parts[0]!.length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(offset);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** "Hej från en krypterad fil" on one page, encrypted; opening it needs `userPassword`. */
function encrypted(userPassword: string): Uint8Array {
  const id = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  const permissions = Buffer.alloc(4);
  permissions.writeInt32LE(-44);
  const owner = rc4(md5(padded('ägare')).subarray(0, 5), padded(userPassword));
  const key = md5(padded(userPassword), owner, permissions, id).subarray(0, 5);
  const user = rc4(key, PASSWORD_PAD);
  const objectKey = (num: number) => md5(key, Buffer.from([num & 255, (num >> 8) & 255, num >> 16, 0, 0])).subarray(0, 10);
  const content = rc4(objectKey(4), Buffer.from('BT /F1 12 Tf 50 700 Td (Hej fr\xe5n en krypterad fil.) Tj ET', 'latin1'));
  const latin = (s: string) => Buffer.from(s, 'latin1');
  return writePdf(
    [
      latin('<< /Type /Catalog /Pages 2 0 R >>'),
      latin('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
      latin('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
      Buffer.concat([latin(`<< /Length ${content.length} >>\nstream\n`), content, latin('\nendstream')]),
      latin('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'),
      latin(`<< /Filter /Standard /V 1 /R 2 /O <${owner.toString('hex')}> /U <${user.toString('hex')}> /P -44 >>`),
    ],
    `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
  );
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  try {
    await convertPdf(bytes, name);
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, 'INVALID_INPUT');
    return error.message;
  }
  assert.fail(`${name} was read`);
}

// --- Reading ---------------------------------------------------------------------------------------

test('a two-page, two-column article reads as its paragraphs, without running headers and page numbers', async () => {
  const [result] = await convertPdf(await article(), 'artikel.pdf');
  assert.ok(result);
  assert.equal(result.text, EXPECTED);
  assert.equal(result.title, 'Toppmöte i Genève');
  assert.deepEqual(result.meta, { author: 'Anna Berg', publishedAt: '2024-03-12' });
});

test('the bytes given are left as they were', async () => {
  const bytes = await article();
  const copy = bytes.slice();
  await convertPdf(bytes, 'artikel.pdf');
  assert.deepEqual(bytes, copy);
});

test('a hyphen at a line end goes where the whole word is known, and stays in compounds, after numbers and before "och"', async () => {
  const bytes = await simple([
    'The nego-',
    'tiations ended with a well-',
    'known result for the 1990-',
    'talet och höger-',
    'och vänsterblocken. Stock-',
    'holm och Nord-',
    'Korea.',
  ]);
  const [result] = await convertPdf(bytes, 'kort.pdf');
  assert.equal(result?.text, 'The negotiations ended with a well-known result for the 1990-talet och höger- och vänsterblocken. Stockholm och Nord-Korea.');
});

test('in justified text a paragraph starts after a wider gap, at an indent or after a short line ending a sentence, each alone', async () => {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  drawColumn(doc.addPage(A4), font, COLUMNS[0]!, 750, [
    'Den här meningen slutar precis vid kanten.',
    'Stycket fortsätter ändå på nästa rad, som',
    'också når ända ut till högerkanten med punkt.',
    '>Här börjar ett nytt stycke med ett indrag',
    'men utan mellanrum och efter en full rad.',
    '',
    'Efter ett mellanrum börjar nästa stycke,',
    'även om raden före var full och saknade indrag',
    'och det inte kom någon kort rad.|',
    'Det sista stycket följer på en kort rad.|',
  ]);
  const [result] = await convertPdf(await doc.save(), 'stycken.pdf');
  assert.equal(
    result?.text,
    [
      'Den här meningen slutar precis vid kanten. Stycket fortsätter ändå på nästa rad, som också når ända ut till högerkanten med punkt.',
      'Här börjar ett nytt stycke med ett indrag men utan mellanrum och efter en full rad.',
      'Efter ett mellanrum börjar nästa stycke, även om raden före var full och saknade indrag och det inte kom någon kort rad.',
      'Det sista stycket följer på en kort rad.',
    ].join('\n\n'),
  );
});

test('in ragged text a line ending a sentence ends its paragraph only when the next word would have fitted on it', async () => {
  const bytes = await simple([
    'Första stycket slutar här.',
    'Andra stycket har en lång rad som slutar med punkt.',
    'Sedan fortsätter det på nästa rad.',
    '',
    'Tredje stycket.',
  ]);
  const [result] = await convertPdf(bytes, 'ojämn.pdf');
  assert.equal(
    result?.text,
    'Första stycket slutar här.\n\nAndra stycket har en lång rad som slutar med punkt. Sedan fortsätter det på nästa rad.\n\nTredje stycket.',
  );
});

test('a lone page number at the foot of a one-page PDF is dropped; a title in the file name is no title', async () => {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle('Microsoft Word - utkast.docx');
  const page = doc.addPage(A4);
  page.drawText('Bara en rad text.', { x: 50, y: 750, size: SIZE, font });
  page.drawText('Sida 1 av 1', { x: 280, y: 30, size: 9, font });
  const [result] = await convertPdf(await doc.save(), 'ensam.pdf');
  assert.equal(result?.text, 'Bara en rad text.');
  assert.equal(result?.title, undefined);
  assert.deepEqual(result?.meta, {});
});

test('XMP metadata is preferred to the info dictionary', async () => {
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Rubrik från XMP</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Erik Lind</rdf:li><rdf:li>Sara Ek</rdf:li></rdf:Seq></dc:creator>
<xmp:CreateDate>2023-11-30T23:15:00+01:00</xmp:CreateDate>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const bytes = await simple(['Text.'], (doc) => {
    doc.setTitle('Rubrik från info');
    doc.setAuthor('Någon annan');
    // XMP is UTF-8; pdf-lib would write a string as Latin-1.
    const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  });
  const [result] = await convertPdf(bytes, 'xmp.pdf');
  assert.equal(result?.title, 'Rubrik från XMP');
  assert.deepEqual(result?.meta, { author: 'Erik Lind; Sara Ek', publishedAt: '2023-11-30' });
});

test('a PDF encrypted only against changes (empty user password) is read', async () => {
  const [result] = await convertPdf(encrypted(''), 'skyddad.pdf');
  assert.equal(result?.text, 'Hej från en krypterad fil.');
});

// --- Refusals --------------------------------------------------------------------------------------

test('a scan (images, no text layer) is refused', async () => {
  assert.equal(
    await refusal(await scan(), 'skannad.pdf'),
    'skannad.pdf has no text layer (it looks like a scan); Framelens cannot read the text of images. Run it through OCR and import the result.',
  );
});

test('a truncated PDF is refused as damaged', async () => {
  const bytes = await article();
  assert.equal(
    await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)), 'halv.pdf'),
    'halv.pdf is damaged or not a complete PDF; Framelens could not read it.',
  );
});

test('a %PDF header followed by garbage is refused as damaged', async () => {
  const garbage = new TextEncoder().encode(`%PDF-1.7\n${'nonsens '.repeat(200)}\n%%EOF\n`);
  assert.equal(await refusal(garbage, 'skräp.pdf'), 'skräp.pdf is damaged or not a complete PDF; Framelens could not read it.');
});

test('a password-protected PDF is refused', async () => {
  assert.equal(await refusal(encrypted('hemligt'), 'låst.pdf'), 'låst.pdf is password-protected; open it, save a copy without the password and import that.');
});

test('a PDF of more than 2,000 pages is refused with its page count', async () => {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < 2_001; i++) doc.addPage([100, 100]);
  assert.equal(
    await refusal(await doc.save(), 'lång.pdf'),
    'lång.pdf has 2,001 pages; Framelens imports PDFs of up to 2,000 pages. Split it and import the parts.',
  );
});

test('empty bytes and bytes that are no PDF are refused', async () => {
  assert.equal(await refusal(new Uint8Array(), 'tom.pdf'), 'tom.pdf is empty.');
  assert.equal(await refusal(new TextEncoder().encode('Hej, det här är text.'), 'text.pdf'), 'text.pdf is not a PDF.');
});
