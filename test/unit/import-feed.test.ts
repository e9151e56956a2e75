// RSS and Atom feeds become one plain-text article per item; hostile or broken files are refused with a
// message naming the file, quickly, without expanding an entity or reading a file they point at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../main/services/errors.ts';
import { convertFeed } from '../../main/services/import/feed.ts';
import { htmlToText } from '../../main/services/import/html-text.ts';

const NBSP = '\u00a0';

function refuses(fn: () => unknown, message: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, 'INVALID_INPUT');
    assert.equal(e.message, message);
    return true;
  });
}

const SWEDISH_RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Nyheter från Malmö &amp; Lund</title>
    <link>https://www.example.se/</link>
    <atom:link href="https://www.example.se/rss" rel="self" type="application/rss+xml"/>
    <description>Senaste nytt</description>
    <language>sv-se</language>
    <item>
      <title>Regeringen &#8217;lovar&#8217; mer pengar till skolan</title>
      <link>https://www.example.se/nyheter/skolan?id=1&amp;ref=rss</link>
      <guid isPermaLink="false">abc-123</guid>
      <pubDate>Tue, 03 Jun 2025 00:15:00 +0200</pubDate>
      <author>redaktion@example.se (Åsa Öberg)</author>
      <description>En kort ingress som inte ska användas.</description>
      <content:encoded><![CDATA[<p onclick="steal(document.cookie)">”Det här är en satsning”, säger ministern &amp; hänvisar till budgetens &#8217;ramar&#8217;.</p>
<script>alert(1)</script>
<iframe src="https://evil.example/frame">Inbäddad ram</iframe>
<div class="body"><p>Både <b>äldre</b>
      och   yngre elever berörs.<br>Skolverket välkomnar beskedet.</p>
<p>&nbsp;</p>
<p style="color:red">Läs mer på <a href="javascript:alert(2)" onmouseover="alert(3)">vår sajt</a>.</p></div>]]></content:encoded>
    </item>
    <item>
      <title>Kommunen säger nej till ny arena</title>
      <guid>https://www.example.se/nyheter/arena</guid>
      <dc:creator>Kalle Ström</dc:creator>
      <dc:date>2025-06-04T23:30:00-05:00</dc:date>
      <description>&lt;p&gt;Beslutet togs i går &amp;amp; överklagas.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Kostnad: 1&amp;nbsp;200 miljoner&lt;/li&gt;&lt;li&gt;Byggstart: 2027&lt;/li&gt;&lt;/ul&gt;</description>
    </item>
  </channel>
</rss>`;

test('an RSS 2.0 feed gives one article per item, with text, title and metadata', () => {
  const articles = convertFeed(SWEDISH_RSS, 'nyheter.xml');
  assert.deepEqual(articles, [
    {
      text: [
        '”Det här är en satsning”, säger ministern & hänvisar till budgetens ’ramar’.',
        'Både äldre och yngre elever berörs.\nSkolverket välkomnar beskedet.',
        'Läs mer på vår sajt.',
      ].join('\n\n'),
      title: 'Regeringen ’lovar’ mer pengar till skolan',
      meta: {
        source: 'Nyheter från Malmö & Lund',
        author: 'Åsa Öberg',
        publishedAt: '2025-06-03',
        language: 'sv-SE',
        url: 'https://www.example.se/nyheter/skolan?id=1&ref=rss',
      },
      part: 'item 1',
    },
    {
      text: `Beslutet togs i går & överklagas.\n\nKostnad: 1${NBSP}200 miljoner\n\nByggstart: 2027`,
      title: 'Kommunen säger nej till ny arena',
      meta: {
        source: 'Nyheter från Malmö & Lund',
        author: 'Kalle Ström',
        publishedAt: '2025-06-04',
        language: 'sv-SE',
        url: 'https://www.example.se/nyheter/arena',
      },
      part: 'item 2',
    },
  ]);
});

test('no script, frame, markup or attribute of the HTML reaches the text', () => {
  const all = convertFeed(SWEDISH_RSS, 'nyheter.xml')
    .map((a) => a.text)
    .join('\n');
  for (const leak of ['alert', 'steal', 'cookie', 'Inbäddad', 'evil', 'javascript', 'onclick', 'color', '<', '>', '&amp;', '&#']) {
    assert.ok(!all.includes(leak), `${leak} leaked into the text`);
  }
});

test('the date is the calendar date as written in its own timezone, not moved to UTC', () => {
  const item = (date: string) => `<rss version="2.0"><channel><title>T</title><item><title>x</title>${date}</item></channel></rss>`;
  const dateOf = (date: string) => convertFeed(item(date), 'd.xml')[0]!.meta.publishedAt;
  assert.equal(dateOf('<pubDate>Tue, 03 Jun 2025 00:15:00 +0200</pubDate>'), '2025-06-03');
  assert.equal(dateOf('<pubDate>Tue, 03 Jun 2025 23:59:00 -1100</pubDate>'), '2025-06-03');
  assert.equal(dateOf('<pubDate>3 June 2025 08:00 GMT</pubDate>'), '2025-06-03');
  assert.equal(dateOf('<pubDate>Sat, 1 Mar 25 10:00:00 EST</pubDate>'), '2025-03-01');
  assert.equal(dateOf('<pubDate>2025-06-03T23:30:00-05:00</pubDate>'), '2025-06-03');
  assert.equal(dateOf('<pubDate>Mon, 31 Feb 2025 10:00:00 GMT</pubDate>'), undefined);
  assert.equal(dateOf('<pubDate>igår</pubDate><dc:date>2024-02-29</dc:date>'), '2024-02-29');
  assert.equal(dateOf('<pubDate>soon</pubDate>'), undefined);
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-gb" xml:base="https://example.com/">
  <title type="text">The Example Times</title>
  <link rel="self" href="https://example.com/feed.atom"/>
  <author><name>News Desk</name></author>
  <updated>2025-06-05T10:00:00Z</updated>
  <entry>
    <title type="html">Markets &amp;amp; &lt;em&gt;money&lt;/em&gt;</title>
    <link rel="self" href="https://example.com/api/1"/>
    <link rel="alternate" type="text/html" href="https://example.com/news/1"/>
    <id>urn:uuid:1</id>
    <published>2025-06-03T23:30:00-05:00</published>
    <updated>2025-06-05T10:00:00Z</updated>
    <author><name>Jane Doe</name></author>
    <author><name>John Roe</name></author>
    <summary>Not used: there is content.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Shares fell &lt;sharply&gt; on Tuesday.</p><p onclick="x()">Traders<br/>waited.</p><script>alert(1)</script></div></content>
  </entry>
  <entry xml:lang="fr">
    <title>Sans contenu</title>
    <link href="news/2"/>
    <id>urn:uuid:2</id>
    <updated>2025-06-06T01:00:00+09:00</updated>
    <summary>A plain summary
wrapped over two lines.

And a second paragraph &amp; more.</summary>
  </entry>
  <entry>
    <title>Escaped HTML</title>
    <id>urn:uuid:3</id>
    <updated>2025-06-07T12:00:00Z</updated>
    <content type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two &amp;amp; three&lt;/p&gt;</content>
  </entry>
</feed>`;

test('an Atom feed gives one article per entry, with text, title and metadata', () => {
  assert.deepEqual(convertFeed(ATOM, 'times.atom'), [
    {
      text: 'Shares fell <sharply> on Tuesday.\n\nTraders\nwaited.',
      title: 'Markets & money',
      meta: {
        source: 'The Example Times',
        author: 'Jane Doe, John Roe',
        publishedAt: '2025-06-03',
        language: 'en-GB',
        url: 'https://example.com/news/1',
      },
      part: 'item 1',
    },
    {
      text: 'A plain summary wrapped over two lines.\n\nAnd a second paragraph & more.',
      title: 'Sans contenu',
      // The feed's author stands for an entry without one; a relative link is resolved against xml:base.
      meta: { source: 'The Example Times', author: 'News Desk', publishedAt: '2025-06-06', language: 'fr', url: 'https://example.com/news/2' },
      part: 'item 2',
    },
    {
      text: 'One\n\nTwo & three',
      title: 'Escaped HTML',
      meta: { source: 'The Example Times', author: 'News Desk', publishedAt: '2025-06-07', language: 'en-GB' },
      part: 'item 3',
    },
  ]);
});

test('a headline-only item is an article whose text is its title; an item with neither is skipped', () => {
  const feed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Flash</title><language>en</language>
  <item><title>Breaking: parliament dissolved</title><link>https://example.org/a</link><pubDate>Wed, 04 Jun 2025 09:00:00 GMT</pubDate></item>
  <item><title>  </title><description></description><link>https://example.org/empty</link></item>
  <item><title>Second headline</title><description><![CDATA[<img src="x.jpg" alt="a photo">]]></description></item>
</channel></rss>`;
  assert.deepEqual(convertFeed(feed, 'flash.xml'), [
    {
      text: 'Breaking: parliament dissolved',
      title: 'Breaking: parliament dissolved',
      meta: { source: 'Flash', publishedAt: '2025-06-04', language: 'en', url: 'https://example.org/a' },
      part: 'item 1',
    },
    { text: 'Second headline', title: 'Second headline', meta: { source: 'Flash', language: 'en' }, part: 'item 3' },
  ]);
});

test('an RSS 1.0 (RDF) feed is read too', () => {
  const feed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.de/"><title>Beispiel</title><link>https://example.de/</link><dc:language>de-DE</dc:language></channel>
  <item rdf:about="https://example.de/1"><title>Eins</title><link>https://example.de/1</link><description>Text über Köln.</description><dc:date>2025-01-31T22:00:00+01:00</dc:date><dc:creator>Anna</dc:creator><dc:creator>Ben</dc:creator></item>
</rdf:RDF>`;
  assert.deepEqual(convertFeed(feed, 'de.rdf'), [
    {
      text: 'Text über Köln.',
      title: 'Eins',
      meta: { source: 'Beispiel', author: 'Anna, Ben', publishedAt: '2025-01-31', language: 'de-DE', url: 'https://example.de/1' },
      part: 'item 1',
    },
  ]);
});

test('metadata that is not what it claims is left out: odd languages, non-web links', () => {
  const feed = (language: string, link: string) =>
    `<rss version="2.0"><channel><title>T</title><language>${language}</language><item><title>x</title><link>${link}</link></item></channel></rss>`;
  assert.deepEqual(convertFeed(feed('Swedish', 'javascript:alert(1)'), 'f.xml')[0]!.meta, { source: 'T' });
  assert.deepEqual(convertFeed(feed('en_us', 'file:///etc/passwd'), 'f.xml')[0]!.meta, { source: 'T', language: 'en-US' });
  assert.deepEqual(convertFeed(feed('zh-Hant-TW', 'http://example.cn/1'), 'f.xml')[0]!.meta, {
    source: 'T',
    language: 'zh-TW',
    url: 'http://example.cn/1',
  });
});

test('text keeps what the file says: LF line endings, no Unicode normalisation, unknown entities as written', () => {
  const decomposed = 'Cafe\u0301';
  const feed = `\uFEFF\r\n<?xml version="1.0"?>\r\n<rss version="2.0"><channel><title>T</title><item><title>${decomposed} &amp;lt; &copy; &#x1F600;</title><description>Rad ett\r\n\r\nRad två</description></item></channel></rss>`;
  const [article] = convertFeed(feed, 'f.xml');
  assert.equal(article!.title, `${decomposed} &lt; &copy; \u{1F600}`);
  assert.equal(article!.text, 'Rad ett\n\nRad två');
});

test('empty input, an HTML page and XML that is not a feed are refused', () => {
  refuses(() => convertFeed('', 'empty.xml'), 'empty.xml is empty.');
  refuses(() => convertFeed('\uFEFF \n\t', 'blank.xml'), 'blank.xml is empty.');
  const page = '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Nyheter</title></head><body><h1>Nyheter</h1><p>Text</p></body></html>';
  refuses(() => convertFeed(page, 'page.html'), 'page.html is not an RSS or Atom feed.');
  refuses(
    () => convertFeed('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'page.xhtml'),
    'page.xhtml is not an RSS or Atom feed.',
  );
  refuses(() => convertFeed('Just some words.', 'words.txt'), 'words.txt is not an RSS or Atom feed.');
  refuses(() => convertFeed('{"version": "https://jsonfeed.org/version/1.1", "items": []}', 'feed.json'), 'feed.json is not an RSS or Atom feed.');
  refuses(() => convertFeed('<?xml version="1.0"?><catalog><item>x</item></catalog>', 'catalog.xml'), 'catalog.xml is not an RSS or Atom feed.');
  refuses(
    () => convertFeed('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><thing/></rdf:RDF>', 'data.rdf'),
    'data.rdf is not an RSS or Atom feed.',
  );
});

test('a feed with no items, or none with a title or text, is refused', () => {
  refuses(() => convertFeed('<rss version="2.0"><channel><title>Tom</title></channel></rss>', 'none.xml'), 'none.xml is a feed with no items.');
  refuses(() => convertFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>Tom</title></feed>', 'none.atom'), 'none.atom is a feed with no items.');
  refuses(
    () => convertFeed('<rss version="2.0"><channel><item><link>https://example.org/</link></item></channel></rss>', 'bare.xml'),
    'bare.xml is a feed whose items have neither a title nor any text.',
  );
});

test('a truncated feed is refused with a clear message, wherever it was cut', () => {
  const half = SWEDISH_RSS.slice(0, Math.floor(SWEDISH_RSS.length / 2));
  refuses(
    () => convertFeed(half, 'half.xml'),
    'half.xml is not well-formed XML (it ends with elements left open); it may have been cut short or damaged when it was saved.',
  );
  for (let end = 1; end < SWEDISH_RSS.length - 1; end += 7) {
    assert.throws(
      () => convertFeed(SWEDISH_RSS.slice(0, end), 'cut.xml'),
      (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && e.message.startsWith('cut.xml '),
      `cut at ${end}`,
    );
  }
});

const ENTITY_REFUSAL = (name: string) => `${name} declares XML entities; Framelens does not expand them, as that is how hostile files exhaust memory.`;

test('a billion-laughs DOCTYPE is refused at once, without expanding anything', () => {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${levels.join('\n')}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>`;
  const t0 = performance.now();
  refuses(() => convertFeed(bomb, 'lol.xml'), ENTITY_REFUSAL('lol.xml'));
  assert.ok(performance.now() - t0 < 1000, 'refused quickly');
  // Declared in a DOCTYPE hidden inside an element, which the parser would still read.
  refuses(
    () => convertFeed('<rss><!DOCTYPE x [<!ENTITY a "b">]><channel><item><title>&a;</title></item></channel></rss>', 'inner.xml'),
    ENTITY_REFUSAL('inner.xml'),
  );
});

test('an external entity is refused and the file it names is never read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'framelens-xxe-'));
  try {
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'SECRET-MARKER-7f3a');
    for (const target of ['file:///etc/passwd', pathToFileURL(secret).href]) {
      const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "${target}">]><rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>`;
      refuses(() => convertFeed(xxe, 'xxe.xml'), ENTITY_REFUSAL('xxe.xml'));
    }
    // A parameter entity (the usual way to smuggle data out) is refused the same way.
    const parameter = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "${pathToFileURL(secret).href}"> %remote;]><rss version="2.0"><channel><item><title>x</title></item></channel></rss>`;
    refuses(() => convertFeed(parameter, 'pe.xml'), ENTITY_REFUSAL('pe.xml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an entity reference without a declaration is kept as written, never resolved', () => {
  const feed = '<rss version="2.0"><channel><title>T</title><item><title>Before &xxe; after</title></item></channel></rss>';
  assert.equal(convertFeed(feed, 'f.xml')[0]!.title, 'Before &xxe; after');
});

test('a DOCTYPE without entity declarations (RSS 0.91) is accepted', () => {
  const feed = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><language>en-us</language><item><title>Hello</title><link>http://example.com/1</link><description>World</description></item></channel></rss>`;
  assert.deepEqual(convertFeed(feed, 'old.xml'), [
    { text: 'World', title: 'Hello', meta: { source: 'Old', language: 'en-US', url: 'http://example.com/1' }, part: 'item 1' },
  ]);
});

test('absurdly nested XML or HTML is refused or flattened, not a hang', () => {
  refuses(
    () => convertFeed(`<rss>${'<a>'.repeat(500)}${'</a>'.repeat(500)}</rss>`, 'deep.xml'),
    'deep.xml nests XML elements more than 100 deep; no feed needs that, so Framelens does not read it.',
  );
  const t0 = performance.now();
  const html = '<div>'.repeat(200_000) + 'still here' + '</div>'.repeat(200_000);
  const feed = `<rss version="2.0"><channel><item><title>t</title><description><![CDATA[${html}]]></description></item></channel></rss>`;
  assert.equal(convertFeed(feed, 'deep.xml')[0]!.text, 'still here');
  assert.ok(performance.now() - t0 < 5000, `took ${(performance.now() - t0).toFixed(0)} ms`);
});

// ---------------------------------------------------------------------------------------------------
// htmlToText

test('htmlToText: block elements are paragraphs separated by one blank line', () => {
  assert.equal(htmlToText('<p>One</p><p>Two</p><h2>Head</h2><blockquote>Quote</blockquote>'), 'One\n\nTwo\n\nHead\n\nQuote');
  assert.equal(htmlToText('Loose text<p>Para</p>more loose'), 'Loose text\n\nPara\n\nmore loose');
  assert.equal(htmlToText('<p>Unclosed<p>paragraphs'), 'Unclosed\n\nparagraphs');
  assert.equal(htmlToText(''), '');
});

test('htmlToText: <br> is a line break, two in a row end the paragraph', () => {
  assert.equal(htmlToText('<p>Line one<br>line two<br/>line three<br></p>'), 'Line one\nline two\nline three');
  assert.equal(htmlToText('First<br><br>Second<br>\n<br>Third'), 'First\n\nSecond\n\nThird');
});

test('htmlToText: list items and table rows are paragraphs, cells are spaced', () => {
  assert.equal(htmlToText('<ul><li>Ett</li><li>Två</li></ul><ol><li>Tre<li>Fyra</ol>'), 'Ett\n\nTvå\n\nTre\n\nFyra');
  assert.equal(htmlToText('<table><tr><th>Stad</th><th>Grader</th></tr><tr><td>Malmö</td><td>12</td></tr></table>'), 'Stad Grader\n\nMalmö 12');
});

test('htmlToText: nested divs give one paragraph per run of text', () => {
  assert.equal(htmlToText('<div>a<div>b<div><p>c</p></div>d</div>e</div>'), 'a\n\nb\n\nc\n\nd\n\ne');
  assert.equal(htmlToText('<div><div><div>only</div></div></div>'), 'only');
  assert.equal(htmlToText('<span>in</span><b>line</b> <i>words</i>'), 'inline words');
});

test('htmlToText: scripts, styles, frames, embeds and attributes are dropped', () => {
  const html = `<head><title>Page title</title><style>p { color: red }</style></head>
<p onclick="alert('click')" title="tooltip">Visible</p><script>alert(1)</script><noscript>Enable JS</noscript>
<iframe src="https://x.example/">frame</iframe><object data="x.swf">object</object><embed src="x.swf">
<svg><text>svg text</text></svg><template><p>template</p></template><img src="x" alt="alt text" onerror="alert(2)">
<style>.x{}</style><p>End</p>`;
  assert.equal(htmlToText(html), 'Visible\n\nEnd');
});

test('htmlToText: entities are decoded, and &nbsp; is kept as U+00A0', () => {
  assert.equal(htmlToText('<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; &#8217;s &#x2014; &hellip; &eacute;</p>'), 'Tom & Jerry <3 "hi" ’s — … é');
  assert.equal(htmlToText('<p>Kostar 10&nbsp;000&nbsp;kr</p>'), `Kostar 10${NBSP}000${NBSP}kr`);
  // An NBSP is not collapsed with spaces, but the edges of a paragraph are trimmed of it, so spacers vanish.
  assert.equal(htmlToText(`<p>a &nbsp; b</p><p>&nbsp;</p><p>&nbsp;c&nbsp;</p>`), `a ${NBSP} b\n\nc`);
  assert.equal(htmlToText('<p>&amp;lt;p&amp;gt;</p>'), '&lt;p&gt;', 'decoded once, not twice');
});

test('htmlToText: whitespace collapses inside a paragraph; <pre> keeps its lines', () => {
  assert.equal(htmlToText('<p>  Many\n\n   spaces\tand\r\nbreaks  </p>'), 'Many spaces and breaks');
  assert.equal(htmlToText('<pre>def f():\r\n    return 1\n</pre><p>after</p>'), 'def f():\n    return 1\n\nafter');
});

test('htmlToText: a whole document, or stray end tags, lose no text', () => {
  assert.equal(htmlToText('<!DOCTYPE html><html><head><title>T</title></head><body><h1>H</h1><p>B</p></body></html>'), 'H\n\nB');
  assert.equal(htmlToText('<p>a</p></body></html><p>after the end</p>'), 'a\n\nafter the end');
});

test('htmlToText: a million unclosed tags take linear time', () => {
  for (const html of ['<b>'.repeat(300_000) + 'x', '<li><p>'.repeat(150_000) + 'y', '</span>'.repeat(300_000) + 'z']) {
    const t0 = performance.now();
    const text = htmlToText(html);
    assert.ok(/^[xyz]$/.test(text), text.slice(0, 20));
    assert.ok(performance.now() - t0 < 5000, `took ${(performance.now() - t0).toFixed(0)} ms`);
  }
});
