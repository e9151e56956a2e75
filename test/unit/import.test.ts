import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_IMPORT_BYTES } from '../../main/services/text/decode.ts';
import { ok, snapshot, tempProject, TRICKY_TEXT } from './support/project.ts';
import type { ImportResult } from '../../main/api/contract.ts';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function importBytes(project: ReturnType<typeof tempProject>, name: string, bytes: Uint8Array | string, meta = {}) {
  const { results } = ok<{ results: ImportResult[] }>(await project.dispatchAsync('articles.importFiles', { files: [{ name, dataBase64: b64(bytes) }], meta }));
  return results[0]!;
}

test('a UTF-8 file is imported with its title from the first line and line endings normalised', async () => {
  const p = tempProject();
  try {
    const r = await importBytes(p, 'summit.txt', 'Toppmöte i Astana\r\nFörsta stycket.\rAndra.\n', {
      source: 'SvD',
      publishedAt: '2024-05-02',
      language: 'sv',
    });
    assert.equal(r.status, 'imported');
    assert.equal(r.title, 'Toppmöte i Astana');
    const a = ok<{ text: string; source: string; publishedAt: string }>(p.dispatch('articles.get', { id: r.id }));
    assert.equal(a.text, 'Toppmöte i Astana\nFörsta stycket.\nAndra.\n');
    assert.equal(a.source, 'SvD');
    assert.equal(a.publishedAt, '2024-05-02');
  } finally {
    p.cleanup();
  }
});

test('UTF-8 with a BOM and UTF-16 LE/BE with a BOM are read; the text is otherwise kept exactly', async () => {
  const p = tempProject();
  try {
    const text = TRICKY_TEXT;
    const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const beBody = Buffer.from(text, 'utf16le');
    beBody.swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    const first = await importBytes(p, 'a.txt', utf8bom);
    assert.equal(first.status, 'imported');
    assert.equal(ok<{ text: string }>(p.dispatch('articles.get', { id: first.id })).text, text);
    assert.equal((await importBytes(p, 'b.txt', le)).status, 'duplicate', 'UTF-16 LE decodes to the same text');
    assert.equal((await importBytes(p, 'c.md', be)).status, 'duplicate', 'UTF-16 BE decodes to the same text');
  } finally {
    p.cleanup();
  }
});

test('a markdown heading and a long first line give sensible titles', async () => {
  const p = tempProject();
  try {
    assert.equal((await importBytes(p, 'x.md', '# Rubriken\n\nText.')).title, 'Rubriken');
    assert.equal((await importBytes(p, 'long-article.txt', 'x'.repeat(300) + '\nmore')).title, 'long-article');
  } finally {
    p.cleanup();
  }
});

test('pasted text is imported, and the same text again is reported as a duplicate, not stored twice', async () => {
  const p = tempProject();
  try {
    const first = ok<ImportResult>(p.dispatch('articles.importText', { text: 'Rubrik\nBrödtext.', title: 'Min titel', url: 'https://example.org/a' }));
    assert.equal(first.status, 'imported');
    assert.equal(first.title, 'Min titel');
    const again = ok<ImportResult>(p.dispatch('articles.importText', { text: 'Rubrik\r\nBrödtext.' }));
    assert.equal(again.status, 'duplicate');
    assert.equal(again.id, first.id);
    assert.equal(p.db.prepare('SELECT count(*) FROM articles').pluck().get(), 1);
  } finally {
    p.cleanup();
  }
});

test('bad files get a clear error each and leave the project exactly as it was', async () => {
  const p = tempProject();
  try {
    await importBytes(p, 'good.txt', 'Något som redan finns.');
    const before = snapshot(p);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.txt', '', /empty/],
      ['blank.txt', '   \n\n ', /no text/],
      ['binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]), /binary/],
      ['latin1.txt', new Uint8Array([0x48, 0xe4, 0x6c, 0x6c, 0x6f]), /not valid UTF-8/],
      ['huge.txt', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), /50 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await importBytes(p, name, bytes);
      assert.equal(r.status, 'error', name);
      assert.match(r.message ?? '', message, name);
      assert.equal(snapshot(p), before, `${name} changed nothing`);
    }
  } finally {
    p.cleanup();
  }
});

test('a batch with one bad file imports the others and reports each', async () => {
  const p = tempProject();
  try {
    const { results } = ok<{ results: ImportResult[] }>(
      await p.dispatchAsync('articles.importFiles', {
        files: [
          { name: 'one.txt', dataBase64: b64('Första artikeln.') },
          { name: 'bad.txt', dataBase64: b64('') },
          { name: 'two.txt', dataBase64: b64('Andra artikeln.') },
        ],
      }),
    );
    assert.deepEqual(
      results.map((r) => r.status),
      ['imported', 'error', 'imported'],
    );
  } finally {
    p.cleanup();
  }
});

test('a saved web page and a feed import with the metadata they hold; what the analyst gives wins', async () => {
  const p = tempProject();
  try {
    const page = readFileSync(new URL('./fixtures/import/news-page.html', import.meta.url));
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kvällsposten</title><language>sv</language>
      <item><title>Första nyheten</title><link>https://kp.example/1</link><pubDate>Tue, 03 Jun 2025 08:15:00 +0200</pubDate><description>Regeringen presenterade budgeten.</description></item>
      <item><title>Andra nyheten</title><link>https://kp.example/2</link><description>Oppositionen kritiserade den.</description></item>
    </channel></rss>`;
    const { results } = ok<{ results: ImportResult[] }>(
      await p.dispatchAsync('articles.importFiles', {
        files: [
          { name: 'putin.html', dataBase64: b64(page) },
          { name: 'kp.xml', dataBase64: b64(feed) },
          { name: 'broken.docx', dataBase64: b64('%PDF-1.4\n') },
        ],
      }),
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.status]),
      [
        ['putin.html', 'imported'],
        ['kp.xml › item 1', 'imported'],
        ['kp.xml › item 2', 'imported'],
        ['broken.docx', 'error'],
      ],
    );
    assert.match(results[3]!.message!, /broken\.docx is damaged or not a complete PDF/, 'read as the PDF it is, whatever its name');
    const article = ok<{ title: string; source: string; author: string; publishedAt: string; language: string; url: string; text: string }>(
      p.dispatch('articles.get', { id: results[0]!.id }),
    );
    assert.deepEqual(
      [article.title, article.source, article.author, article.publishedAt, article.language, article.url],
      [
        'Putin i Astana: ”Trolling på hög nivå”',
        'Nyhetsbladet',
        'Karin Lund',
        '2024-10-08',
        'sv-SE',
        'https://www.nyhetsbladet.example/utrikes/putin-astana-2024',
      ],
    );
    const item = ok<{ title: string; source: string; publishedAt: string; url: string; text: string }>(p.dispatch('articles.get', { id: results[1]!.id }));
    assert.deepEqual(
      [item.title, item.source, item.publishedAt, item.url, item.text],
      ['Första nyheten', 'Kvällsposten', '2025-06-03', 'https://kp.example/1', 'Regeringen presenterade budgeten.'],
    );
    // The same feed again, with a source given for the batch: both items are already there.
    const again = ok<{ results: ImportResult[] }>(
      await p.dispatchAsync('articles.importFiles', { files: [{ name: 'kp.xml', dataBase64: b64(feed) }], meta: { source: 'KP' } }),
    ).results;
    assert.deepEqual(
      again.map((r) => r.status),
      ['duplicate', 'duplicate'],
    );
    const given = ok<{ results: ImportResult[] }>(
      await p.dispatchAsync('articles.importFiles', {
        files: [{ name: 'kp2.xml', dataBase64: b64(feed.replace(/budgeten/, 'vårbudgeten')) }],
        meta: { source: 'KP' },
      }),
    ).results;
    assert.equal(ok<{ source: string }>(p.dispatch('articles.get', { id: given[0]!.id })).source, 'KP');
    // The synchronous dispatch says where to go instead of importing.
    const sync = p.dispatch('articles.importFiles', { files: [{ name: 'a.txt', dataBase64: b64('Text.') }] });
    assert.ok(!sync.ok && sync.error.code === 'UNSUPPORTED');
  } finally {
    p.cleanup();
  }
});
