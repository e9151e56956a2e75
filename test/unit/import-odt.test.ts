import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../main/services/errors.ts';
import { convertOdt } from '../../main/services/import/odt.ts';

// --- Fixtures: OpenDocument packages built here, in the shape LibreOffice writes --------------------

const ODT_TYPE = 'application/vnd.oasis.opendocument.text';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

const contentXml = (body: string, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>${prolog}
<office:document-content ${NS} office:version="1.3">
 <office:scripts/>
 <office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/></office:font-face-decls>
 <office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
 <office:body>
  <office:text>
   <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/></text:sequence-decls>
   ${body}
  </office:text>
 </office:body>
</office:document-content>`;

/** Headings, spans, spaces written as text:s, a tab, a line break, a note, a comment, a list, a table, a frame. */
const BODY = `<text:h text:style-name="Heading_20_1" text:outline-level="1">Toppmöte i Astana</text:h>
   <text:p text:style-name="P1"/>
   <text:p text:style-name="Standard">“Trolling på hög nivå”, sa <text:span text:style-name="T1">han</text:span> 😀<office:annotation office:name="c1"><dc:creator>Redaktör</dc:creator><dc:date>2024-05-03T09:00:00</dc:date><text:p>Kolla citatet</text:p></office:annotation><office:annotation-end office:name="c1"/></text:p>
   <text:p>Kolumn<text:tab/>värde</text:p>
   <text:p>Rad ett<text:line-break/>Rad två</text:p>
   <text:p>Tom &amp; Jerry &lt;3 &#x1F600;   flera
      mellanslag<text:s text:c="3"/>tre<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">Fotnoten ska bort.</text:p></text:note-body></text:note> Ba\u0308r</text:p>
   <text:list text:style-name="L1">
    <text:list-item><text:p>Punkt ett</text:p></text:list-item>
    <text:list-item><text:number>2.</text:number><text:p>Punkt <text:span>två</text:span></text:p></text:list-item>
   </text:list>
   <table:table table:name="Tabell1">
    <table:table-column table:number-columns-repeated="2"/>
    <table:table-row>
     <table:table-cell office:value-type="string"><text:p>Cell ett</text:p></table:table-cell>
     <table:table-cell office:value-type="string"><text:p>Cell två</text:p></table:table-cell>
    </table:table-row>
   </table:table>
   <text:p><text:s text:c="2"/>indragen<text:s/> </text:p>
   <text:p>Ingress<draw:frame draw:name="Ram1" text:anchor-type="paragraph"><svg:title>Alt-text</svg:title><draw:text-box><text:p>Faktaruta</text:p></draw:text-box></draw:frame> fortsätter. <text:a xlink:type="simple" xlink:href="https://example.se/">Länk</text:a><text:soft-page-break/>.</text:p>
   <text:p><draw:frame><draw:image xlink:href="Pictures/1.png"><office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image></draw:frame></text:p>
   <text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><text:p>Struken text</text:p></text:deletion></text:changed-region></text:tracked-changes>
   <text:p>Slut.</text:p>`;

const BODY_TEXT = [
  'Toppmöte i Astana',
  '“Trolling på hög nivå”, sa han 😀',
  'Kolumn\tvärde',
  'Rad ett\nRad två',
  'Tom & Jerry <3 😀 flera mellanslag   tre Ba\u0308r',
  'Punkt ett',
  'Punkt två',
  'Cell ett',
  'Cell två',
  '  indragen  ',
  'Ingress fortsätter. Länk.',
  'Faktaruta',
  'Slut.',
].join('\n\n');

const metaXml = (fields: string) => `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta>${fields}</office:meta></office:document-meta>`;

const META = metaXml(`<meta:initial-creator>Anna Svensson</meta:initial-creator><dc:creator>Bertil Redaktör</dc:creator>
  <meta:creation-date>2024-05-02T08:15:00.123456789</meta:creation-date><dc:date>2024-06-01T10:00:00</dc:date>
  <dc:title>Putin &amp; säkerheten</dc:title><dc:language>sv-SE</dc:language><meta:generator>LibreOffice/7.6</meta:generator>`);

const manifestXml = (entries = '', rootType = ODT_TYPE) => `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${rootType}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${entries}</manifest:file-entry>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

const ENCRYPTION = `<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="abc=">
<manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="def="/>
<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="ghi="/>
</manifest:encryption-data>`;

type Fixture = { mimetype?: string | null; content?: string | Uint8Array | null; meta?: string | null; manifest?: string | null; extra?: Zippable };

/** A package as LibreOffice writes it: the mimetype entry first and stored, then the XML parts deflated. */
function odt({ mimetype = ODT_TYPE, content = contentXml(BODY), meta = META, manifest = manifestXml(), extra = {} }: Fixture = {}): Uint8Array {
  const files: Zippable = {};
  if (mimetype !== null) files.mimetype = [strToU8(mimetype), { level: 0 }];
  if (content !== null) files['content.xml'] = typeof content === 'string' ? strToU8(content) : content;
  if (meta !== null) files['meta.xml'] = strToU8(meta);
  if (manifest !== null) files['META-INF/manifest.xml'] = strToU8(manifest);
  return zipSync({ ...files, ...extra }, { level: 9 });
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

test('paragraphs, headings, list items, cells and text boxes become blocks; the rest of the text is kept exactly', () => {
  const [article, ...rest] = convertOdt(odt(), 'artikel.odt');
  assert.equal(rest.length, 0);
  assert.equal(article!.text, BODY_TEXT);
  assert.equal(article!.part, undefined);
  assert.ok(article!.text.includes('a\u0308'), 'a decomposed ä stays decomposed');
  for (const absent of ['Kolla', 'Redaktör', 'Fotnoten', 'Struken', 'Alt-text', 'iVBOR', '2.', 'Illustration']) {
    assert.ok(!article!.text.includes(absent), `${absent} is not in the text`);
  }
});

test('meta.xml gives title, initial creator, creation date and language', () => {
  const [article] = convertOdt(odt(), 'artikel.odt');
  assert.equal(article!.title, 'Putin & säkerheten');
  assert.deepEqual(article!.meta, { author: 'Anna Svensson', publishedAt: '2024-05-02', language: 'sv-SE' });
});

test('without an initial creator dc:creator is the author; without a title a short first paragraph is', () => {
  const meta = metaXml('<dc:creator>Bertil</dc:creator><meta:creation-date>2024-02-30T08:00:00</meta:creation-date><dc:language>Svenska</dc:language>');
  const [article] = convertOdt(odt({ meta }), 'artikel.odt');
  assert.equal(article!.title, 'Toppmöte i Astana');
  assert.deepEqual(article!.meta, { author: 'Bertil' }, 'a date that is no calendar date and a language that is no code are left out');
  const [bare] = convertOdt(odt({ meta: null }), 'bar.odt');
  assert.deepEqual(bare!.meta, {});
  const [english] = convertOdt(odt({ meta: metaXml('<dc:language>EN-gb</dc:language>') }), 'en.odt');
  assert.deepEqual(english!.meta, { language: 'en-GB' });
});

test('names are read by namespace, whatever the prefixes', () => {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<o:document-content xmlns:o="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:text="urn:example:not-odf">
<o:body><o:text><t:p>Ett<t:s t:c="2"/>två<text:p>inte text</text:p></t:p><t:h>Rubrik</t:h></o:text></o:body></o:document-content>`;
  const [article] = convertOdt(odt({ content, meta: null }), 'prefix.odt');
  assert.equal(article!.text, 'Ett  två\n\nRubrik');
});

test("white space follows ODF's rules as LibreOffice reads them: written runs collapse, text:s and text:tab are typed", () => {
  const content = contentXml(`<text:p>  a  <text:span> b</text:span>\t\n c <text:s/> d<text:tab/> e</text:p><text:p>
      </text:p><text:p>x<text:line-break/><text:line-break/>y</text:p><text:p><text:s text:c="999999999"/>z</text:p>`);
  const [article] = convertOdt(odt({ content, meta: null }), 'mellanslag.odt');
  // A written space after text:s counts again: "c <text:s/> d" is three spaces.
  assert.equal(article!.text, `a b c   d\t e\n\nx\n\ny\n\n${' '.repeat(1000)}z`);
});

test('a package without a mimetype entry is taken for what its manifest says', () => {
  const [article] = convertOdt(odt({ mimetype: null }), 'utan-mimetype.odt');
  assert.equal(article!.text, BODY_TEXT);
});

// --- Refusals -------------------------------------------------------------------------------------

test('an empty file, a file that is not a zip and a zip cut short are refused', async () => {
  await assertRefused(() => convertOdt(new Uint8Array(0), 'tom.odt'), 'tom.odt is empty.');
  await assertRefused(
    () => convertOdt(strToU8('Bara text.'), 'text.odt'),
    'text.odt is not an OpenDocument text: a .odt is a zip archive and this file is not one. It may be damaged or have the wrong extension.',
  );
  await assertRefused(() => convertOdt(strToU8('%PDF-1.7\n'), 'rapport.odt'), 'rapport.odt is a PDF, not an OpenDocument text; import it as a PDF.');
  const ole = new Uint8Array(1536);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await assertRefused(() => convertOdt(ole, 'gammal.odt'), /^gammal\.odt is an old Microsoft Office file/);
  const whole = odt();
  await assertRefused(() => convertOdt(whole.subarray(0, whole.length - 40), 'kapad.odt'), /^kapad\.odt is incomplete: the end of its zip archive is missing/);
});

test('other OpenDocument kinds and other zips are refused for what they are', async () => {
  await assertRefused(
    () => convertOdt(odt({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }), 'tabell.odt'),
    'tabell.odt is an OpenDocument spreadsheet (.ods), not an OpenDocument text; save it as .xlsx or .csv to import it as a spreadsheet of articles.',
  );
  await assertRefused(
    () => convertOdt(odt({ mimetype: 'application/vnd.oasis.opendocument.presentation' }), 'bilder.odt'),
    'bilder.odt is an OpenDocument presentation (.odp), not an OpenDocument text.',
  );
  await assertRefused(
    () => convertOdt(odt({ mimetype: 'application/x-okänd\n' }), 'okänd.odt'),
    'okänd.odt is not an OpenDocument text: its mimetype is application/x-okänd.',
  );
  await assertRefused(
    () => convertOdt(odt({ mimetype: null, manifest: manifestXml('', 'application/vnd.oasis.opendocument.graphics') }), 'ritning.odt'),
    'ritning.odt is an OpenDocument drawing (.odg), not an OpenDocument text.',
  );
  const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
  await assertRefused(
    () => convertOdt(docx, 'word.odt'),
    'word.odt is a zip archive but not an OpenDocument text: it has no mimetype (it looks like a Word document, .docx).',
  );
});

test('a password-protected document is refused as such', async () => {
  const scrambled = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
  await assertRefused(
    () => convertOdt(odt({ manifest: manifestXml(ENCRYPTION), content: scrambled }), 'hemlig.odt'),
    'hemlig.odt is password-protected; open it in LibreOffice, save it again without a password and import that.',
  );
  await assertRefused(
    () => convertOdt(odt({ content: scrambled }), 'hemlig.odt'),
    'hemlig.odt is password-protected or damaged: its text (content.xml) is not XML. If it has a password, open it in LibreOffice, save it again without one and import that.',
  );
});

test('XML that declares entities is refused and never expanded', async () => {
  const bomb = '<!DOCTYPE office:document-content [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
  await assertRefused(
    () => convertOdt(odt({ content: contentXml('<text:p>&b;</text:p>', bomb) }), 'bomb.odt'),
    'bomb.odt declares XML entities in content.xml. LibreOffice never writes them, and they can hide tricks that exhaust memory, so Framelens does not read the file.',
  );
  await assertRefused(
    () => convertOdt(odt({ meta: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${META}` }), 'bomb.odt'),
    /declares XML entities in meta\.xml/,
  );
  const [article] = convertOdt(odt({ content: contentXml('<text:p>&amp;lt; &unknown; &#0;</text:p>') }), 'rest.odt');
  assert.equal(article!.text, '&lt; &unknown; &#0;', 'undeclared references stay as written');
});

test('a document with no text, no content.xml, broken XML or absurd nesting is refused', async () => {
  await assertRefused(() => convertOdt(odt({ content: contentXml('<text:p/><text:p> <text:s/> </text:p>') }), 'tom.odt'), 'tom.odt has no text in it.');
  await assertRefused(
    () => convertOdt(odt({ content: null }), 'trasig.odt'),
    'trasig.odt is damaged: it has no content.xml, the part of an OpenDocument file that holds the text.',
  );
  await assertRefused(
    () => convertOdt(odt({ content: contentXml('<text:p>Avbruten').replace(/<\/office:text>[\s\S]*$/, '') }), 'trasig.odt'),
    /^trasig\.odt is damaged: its text \(content\.xml\) is not well-formed XML/,
  );
  const deep = `${'<text:span>'.repeat(300)}x${'</text:span>'.repeat(300)}`;
  await assertRefused(
    () => convertOdt(odt({ content: contentXml(`<text:p>${deep}</text:p>`) }), 'djup.odt'),
    'djup.odt nests XML elements more than 256 deep; no document needs that, so Framelens does not read it.',
  );
});
