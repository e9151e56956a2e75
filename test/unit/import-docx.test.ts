import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { Deflate, strToU8, Zip, ZipDeflate, zipSync, type ZipInputFile, type Zippable } from 'fflate';
import { AppError } from '../../main/services/errors.ts';
import { convertDocx } from '../../main/services/import/docx.ts';
import { IMPORT_LIMITS } from '../../main/services/import/types.ts';
import { checkZip, readZipEntries, readZipEntry } from '../../main/services/import/zip-guard.ts';

// --- Fixtures: minimal DOCX packages built here, so every byte the importer sees is visible ----------

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`;

const packageRels = (main = 'word/document.xml') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`;

const documentXml = (body: string, prolog = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`;

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (...runs: string[]) => `<w:p>${runs.join('')}</w:p>`;

const coreXml = (fields: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${fields}</cp:coreProperties>`;

type Fixture = { body?: string; document?: string | Uint8Array; core?: string; main?: string; extra?: Zippable };

function docx({ body = para(run('Text.')), document, core, main = 'word/document.xml', extra = {} }: Fixture = {}): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(packageRels(main)),
    [main]: typeof document === 'object' ? document : strToU8(document ?? documentXml(body)),
    ...extra,
  };
  if (core !== undefined) files['docProps/core.xml'] = strToU8(core);
  return zipSync(files, { level: 9 });
}

/** The body most tests read: Swedish letters, typographic quotes, an emoji, a tab, a line break, a table. */
const BODY = [
  para(run('Toppmöte i Astana')),
  '<w:p/>',
  para(run('“Trolling på hög nivå”, sa han 😀')),
  `<w:p><w:r><w:t>Kolumn</w:t><w:tab/><w:t>värde</w:t></w:r></w:p>`,
  `<w:p><w:r><w:t>Rad ett</w:t><w:br/><w:t>Rad två</w:t></w:r></w:p>`,
  para(run('   ')),
  para(run('Tom &amp; Jerry &lt;3 '), run('Ba\u0308r, Första&#13;&#10;andra')),
  `<w:tbl><w:tr><w:tc>${para(run('Cell ett'))}</w:tc><w:tc>${para(run('Cell två'))}</w:tc></w:tr></w:tbl>`,
  para(run('  indragen  ')),
  '<w:p/><w:p/>',
].join('');

const BODY_TEXT = [
  'Toppmöte i Astana',
  '“Trolling på hög nivå”, sa han 😀',
  'Kolumn\tvärde',
  'Rad ett\nRad två',
  'Tom & Jerry <3 Ba\u0308r, Första\nandra',
  'Cell ett',
  'Cell två',
  '  indragen  ',
].join('\n\n');

/** The central-directory headers (offset and path), to forge what the guard must not trust. */
function centralHeaders(zip: Uint8Array): { at: number; path: string }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const headers: { at: number; path: string }[] = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    headers.push({ at, path: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return headers;
}

/** Claims an entry is 1000 bytes, in the directory and its local header, as a hostile zip would. */
function forgeSize(zip: Uint8Array, path: string): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const { at } = centralHeaders(copy).find((h) => h.path === path)!;
  view.setUint32(at + 24, 1000, true);
  view.setUint32(view.getUint32(at + 42, true) + 22, 1000, true);
  return copy;
}

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

test('paragraphs become blocks separated by one blank line; text is otherwise kept exactly (no normalisation)', async () => {
  const [article, ...rest] = await convertDocx(docx({ body: BODY }), 'artikel.docx');
  assert.equal(rest.length, 0);
  assert.equal(article!.text, BODY_TEXT);
  assert.ok(article!.text.includes('a\u0308'), 'a decomposed ä stays decomposed');
  assert.ok(!article!.text.includes('\r'));
  assert.deepEqual(article!.meta, {});
});

test('core.xml gives title, author, date and language; entities and character references are decoded once', async () => {
  const core = coreXml(`
    <dc:title>Putin &amp; säkerheten &#8211; en analys &#x1F600;</dc:title>
    <dc:creator>Anna &amp;lt;Svensson&amp;gt;</dc:creator>
    <dc:language>sv-SE</dc:language>
    <dcterms:created xsi:type="dcterms:W3CDTF">2024-05-02T08:15:00Z</dcterms:created>
    <dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-01T10:00:00Z</dcterms:modified>`);
  const [article] = await convertDocx(docx({ body: BODY, core }), 'artikel.docx');
  assert.equal(article!.title, 'Putin & säkerheten – en analys 😀');
  assert.deepEqual(article!.meta, { author: 'Anna &lt;Svensson&gt;', publishedAt: '2024-05-02', language: 'sv-SE' });
  assert.equal(article!.text, BODY_TEXT, 'the text does not change with the metadata');
});

test('only the created date counts, a language that is not a code is left out, and an empty title falls back', async () => {
  const core = coreXml(`<dc:title>  </dc:title><dc:language>Svenska</dc:language>
    <dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-01T10:00:00Z</dcterms:modified>`);
  const [article] = await convertDocx(docx({ body: BODY, core }), 'artikel.docx');
  assert.deepEqual(article!.meta, {});
  assert.equal(article!.title, 'Toppmöte i Astana');
  const [english] = await convertDocx(docx({ core: coreXml('<dc:language>EN-GB</dc:language>') }), 'engelsk.docx');
  assert.deepEqual(english!.meta, { language: 'en-GB' });
});

test('without a title in core.xml, a short first paragraph is the title and stays in the text', async () => {
  const [article] = await convertDocx(docx({ body: BODY }), 'artikel.docx');
  assert.equal(article!.title, 'Toppmöte i Astana');
  assert.ok(article!.text.startsWith('Toppmöte i Astana\n\n'));

  const long = 'Lång inledning. '.repeat(20);
  const [untitled] = await convertDocx(docx({ body: para(run(long)) + para(run('Kort.')) }), 'lång.docx');
  assert.equal(untitled!.title, undefined, 'a first paragraph over 200 characters is no title');
  assert.equal(untitled!.text, `${long}\n\nKort.`);
});

test('the main document is found through the package relationships, as Word and mammoth find it', async () => {
  const [article] = await convertDocx(docx({ body: para(run('Annan plats')), main: 'word/document2.xml' }), 'flyttad.docx');
  assert.equal(article!.text, 'Annan plats');
});

test('readZipEntry returns one entry, or undefined when there is none', () => {
  const core = coreXml('<dc:title>Rubrik</dc:title>');
  const bytes = docx({ core });
  assert.equal(new TextDecoder().decode(readZipEntry(bytes, 'docProps/core.xml', 'a.docx')), core);
  assert.equal(readZipEntry(bytes, 'docProps/app.xml', 'a.docx'), undefined);
  assert.deepEqual([...readZipEntries(bytes, 'a.docx', (path) => path.startsWith('docProps/')).keys()], ['docProps/core.xml']);
});

// --- Refusals -------------------------------------------------------------------------------------

test('an empty file, a PDF, an RTF file and plain text named .docx are refused for what they are', async () => {
  await assertRefused(() => convertDocx(new Uint8Array(0), 'tom.docx'), 'tom.docx is empty.');
  await assertRefused(
    () => convertDocx(strToU8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'rapport.docx'),
    'rapport.docx is a PDF, not a Word document; copy its text into a .txt file, or save it as .docx, and import that.',
  );
  await assertRefused(() => convertDocx(strToU8('{\\rtf1\\ansi Hej}'), 'brev.docx'), /^brev\.docx is an RTF file/);
  await assertRefused(
    () => convertDocx(strToU8('Bara text.'), 'text.docx'),
    'text.docx is not a Word document: a .docx is a zip archive and this file is not one. It may be damaged or have the wrong extension.',
  );
  await assertRefused(() => checkZip(strToU8('Bara text.'), 'text.zip'), /^text\.zip is not a zip archive/);
});

test('an OLE compound file is refused as password-protected or an old .doc', async () => {
  const ole = new Uint8Array(1536);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await assertRefused(
    () => convertDocx(ole, 'hemlig.docx'),
    'hemlig.docx is password-protected or an old Word 97–2003 .doc; open it in Word and save it as .docx without a password.',
  );
  const encrypted = ole.slice();
  encrypted.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
  await assertRefused(
    () => convertDocx(encrypted, 'hemlig.docx'),
    'hemlig.docx is password-protected; open it in Word, remove the password and save it as .docx again.',
  );
  const doc = ole.slice();
  doc.set(Buffer.from('WordDocument', 'utf16le'), 1024);
  await assertRefused(() => convertDocx(doc, 'gammal.doc'), 'gammal.doc is an old Word 97–2003 .doc; open it in Word and save it as .docx.');
});

test('a truncated or corrupt zip is refused as incomplete or damaged', async () => {
  const whole = docx({ body: BODY });
  await assertRefused(
    () => convertDocx(whole.subarray(0, Math.floor(whole.length / 2)), 'halv.docx'),
    'halv.docx is incomplete: the end of its zip archive is missing, so it was probably cut short while downloading or copying. Get a fresh copy and import it again.',
  );

  const corrupt = whole.slice();
  const view = new DataView(corrupt.buffer);
  const { at } = centralHeaders(corrupt).find((h) => h.path === 'word/document.xml')!;
  const local = view.getUint32(at + 42, true);
  const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  corrupt.fill(0xff, data, data + 40);
  await assertRefused(
    () => convertDocx(corrupt, 'trasig.docx'),
    /^trasig\.docx is damaged \(word\/document\.xml (cannot be unpacked|is not the size the archive says)\)/,
  );

  await assertRefused(
    () => checkZip(forgeSize(whole, 'word/document.xml'), 'förfalskad.docx'),
    /^förfalskad\.docx is damaged \(word\/document\.xml is not the size the archive says\)/,
  );
});

test('a zip that is not a Word document is refused', async () => {
  await assertRefused(
    () => convertDocx(zipSync({ 'hello.txt': strToU8('Hej') }), 'arkiv.docx'),
    'arkiv.docx is a zip archive but not a Word document: it has no word/document.xml.',
  );
  await assertRefused(
    () => convertDocx(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<x/>') }), 'text.docx'),
    'text.docx is a zip archive but not a Word document: it has no word/document.xml (it looks like an OpenDocument file, e.g. from LibreOffice).',
  );
});

test('a document without text is refused', async () => {
  await assertRefused(() => convertDocx(docx({ body: '<w:p/>' + para(run('  ')) }), 'blank.docx'), 'blank.docx has no text in it.');
});

test('a password-protected zip entry and an unknown compression method are refused', async () => {
  const flagged = docx();
  const view = new DataView(flagged.buffer);
  view.setUint16(centralHeaders(flagged)[0]!.at + 8, 0x0001, true);
  await assertRefused(() => convertDocx(flagged, 'låst.docx'), 'låst.docx is password-protected; remove the password, save it again and import it.');
  const method = docx();
  new DataView(method.buffer).setUint16(centralHeaders(method)[0]!.at + 10, 12, true);
  await assertRefused(() => checkZip(method, 'bzip.docx'), /^bzip\.docx uses a kind of compression Framelens cannot read \(method 12, in /);
});

test('an entry whose path leads outside the archive is refused', async () => {
  for (const path of ['../evil.txt', 'word/../../evil.txt', '/etc/evil', 'C:\\evil.txt']) {
    const bytes = docx({ body: BODY, extra: { [path]: strToU8('x') } });
    await assertRefused(
      () => convertDocx(bytes, 'slip.docx'),
      `slip.docx contains a file whose path (${path}) leads outside the archive, a known trick of hostile files; Framelens does not open it.`,
    );
  }
});

test('too many entries are refused, at a small limit and at the real one', async () => {
  const files: Zippable = {};
  for (let i = 0; i < 5; i++) files[`f${i}.txt`] = strToU8('x');
  await assertRefused(
    () => checkZip(zipSync(files), 'många.zip', { ...IMPORT_LIMITS, zipEntries: 3 }),
    'många.zip holds more than 3 files inside it; Framelens stops there, as a file like this is likely damaged or hostile.',
  );
  const extra: Zippable = {};
  for (let i = 0; i < IMPORT_LIMITS.zipEntries; i++) extra[`media/${i}.txt`] = new Uint8Array(0);
  await assertRefused(
    () => convertDocx(docx({ body: BODY, extra }), 'många.docx'),
    'många.docx holds more than 10,000 files inside it; Framelens stops there, as a file like this is likely damaged or hostile.',
  );
});

test('a zip bomb stops at the limit, whether its sizes are honest or forged', async () => {
  const bomb = zipSync({ 'word/document.xml': new Uint8Array(5 * 1024 * 1024) }, { level: 9 });
  const limits = { ...IMPORT_LIMITS, zipExpandedBytes: 1024 * 1024 };
  const message = 'bomb.docx expands to more than 1 MB; Framelens stops there, as a file this large is likely damaged or hostile.';
  await assertRefused(() => checkZip(bomb, 'bomb.docx', limits), message);
  // Forged sizes pass the directory; the bytes that actually come out are what stop it.
  await assertRefused(() => checkZip(forgeSize(bomb, 'word/document.xml'), 'bomb.docx', limits), message);
  await assertRefused(() => readZipEntry(forgeSize(bomb, 'word/document.xml'), 'word/document.xml', 'bomb.docx', limits), message);
});

/**
 * 201 MB of zeros deflated by fflate at level 9, without deflating 201 MB: one 1 MB step is deflated
 * after another and sync-flushed to a byte boundary, and that step, whose back-references only ever
 * reach zeros, is repeated. The expanded bytes never exist in the test.
 */
function realBomb(): Uint8Array {
  const zeros = new Uint8Array(1024 * 1024);
  let pieces: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => pieces.push(chunk));
  const step = (final: boolean) => {
    deflate.push(zeros, final);
    if (!final) deflate.flush(true);
    const out = Buffer.concat(pieces);
    pieces = [];
    return out;
  };
  const [first, middle, last] = [step(false), step(false), step(true)];
  const steps = 201;
  const entry: ZipInputFile = { filename: 'word/document.xml', compression: 8, size: steps * zeros.length, crc: 0 };
  for (let i = 0; i < steps; i++) entry.crc = crc32(zeros, entry.crc);

  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [path, text] of [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', packageRels()],
  ]) {
    const small = new ZipDeflate(path!, { level: 9 });
    zip.add(small);
    small.push(strToU8(text!), true);
  }
  zip.add(entry);
  entry.ondata!(null, first, false);
  for (let i = 1; i < steps - 1; i++) entry.ondata!(null, middle, false);
  entry.ondata!(null, last, true);
  zip.end();
  return Buffer.concat(chunks);
}

test('a real zip bomb (201 MB of zeros in ~200 KB) is refused at the 200 MB limit before mammoth sees it', async () => {
  const bomb = realBomb();
  assert.ok(bomb.length < 300 * 1024);
  // It is a sound zip that really expands to 201 MB: a slightly higher limit lets it through.
  checkZip(bomb, 'bomb.docx', { ...IMPORT_LIMITS, zipExpandedBytes: 202 * 1024 * 1024 });
  const message = 'bomb.docx expands to more than 200 MB; Framelens stops there, as a file this large is likely damaged or hostile.';
  await assertRefused(() => convertDocx(bomb, 'bomb.docx'), message);
  await assertRefused(() => convertDocx(forgeSize(bomb, 'word/document.xml'), 'bomb.docx'), message);
});

test('a DOCTYPE with entities (billion laughs) is refused at once, never expanded', async () => {
  const entities = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
  const laughs = `<!DOCTYPE w:document [${entities}]>`;
  const started = Date.now();
  await assertRefused(
    () => convertDocx(docx({ document: documentXml(para(run('Före &lol9; efter')), laughs) }), 'skratt.docx'),
    'skratt.docx contains a document type declaration (DOCTYPE) in word/document.xml. Word never writes one, and it can hide entity tricks, so Framelens does not read the file.',
  );
  assert.ok(Date.now() - started < 2000);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(documentXml(para(run('&lol9;')), laughs).replace('UTF-8', 'UTF-16'), 'utf16le')]);
  await assertRefused(
    () => convertDocx(docx({ document: utf16 }), 'skratt16.docx'),
    /^skratt16\.docx contains a document type declaration \(DOCTYPE\) in word\/document\.xml/,
  );
  const core = coreXml('<dc:title>&lol9;</dc:title>').replace('?>', `?><!DOCTYPE cp:coreProperties [${entities}]>`);
  await assertRefused(
    () => convertDocx(docx({ core }), 'skratt.docx'),
    /^skratt\.docx contains a document type declaration \(DOCTYPE\) in docProps\/core\.xml/,
  );
});
