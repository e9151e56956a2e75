import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_IMPORT_BYTES } from '../../main/services/text/decode.ts';
import { ok, snapshot, tempProject, TRICKY_TEXT } from './support/project.ts';
import type { ImportResult } from '../../main/api/contract.ts';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

function importBytes(project: ReturnType<typeof tempProject>, name: string, bytes: Uint8Array | string, meta = {}) {
  const { results } = ok<{ results: ImportResult[] }>(project.dispatch('articles.importFiles', { files: [{ name, dataBase64: b64(bytes) }], meta }));
  return results[0]!;
}

test('a UTF-8 file is imported with its title from the first line and line endings normalised', () => {
  const p = tempProject();
  try {
    const r = importBytes(p, 'summit.txt', 'Toppmöte i Astana\r\nFörsta stycket.\rAndra.\n', { source: 'SvD', publishedAt: '2024-05-02', language: 'sv' });
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

test('UTF-8 with a BOM and UTF-16 LE/BE with a BOM are read; the text is otherwise kept exactly', () => {
  const p = tempProject();
  try {
    const text = TRICKY_TEXT;
    const utf8bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const beBody = Buffer.from(text, 'utf16le');
    beBody.swap16();
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), beBody]);
    const first = importBytes(p, 'a.txt', utf8bom);
    assert.equal(first.status, 'imported');
    assert.equal(ok<{ text: string }>(p.dispatch('articles.get', { id: first.id })).text, text);
    assert.equal(importBytes(p, 'b.txt', le).status, 'duplicate', 'UTF-16 LE decodes to the same text');
    assert.equal(importBytes(p, 'c.md', be).status, 'duplicate', 'UTF-16 BE decodes to the same text');
  } finally {
    p.cleanup();
  }
});

test('a markdown heading and a long first line give sensible titles', () => {
  const p = tempProject();
  try {
    assert.equal(importBytes(p, 'x.md', '# Rubriken\n\nText.').title, 'Rubriken');
    assert.equal(importBytes(p, 'long-article.txt', 'x'.repeat(300) + '\nmore').title, 'long-article');
  } finally {
    p.cleanup();
  }
});

test('pasted text is imported, and the same text again is reported as a duplicate, not stored twice', () => {
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

test('bad files get a clear error each and leave the project exactly as it was', () => {
  const p = tempProject();
  try {
    importBytes(p, 'good.txt', 'Något som redan finns.');
    const before = snapshot(p);
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['empty.txt', '', /empty/],
      ['blank.txt', '   \n\n ', /no text/],
      ['binary.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x10]), /binary/],
      ['latin1.txt', new Uint8Array([0x48, 0xe4, 0x6c, 0x6c, 0x6f]), /not valid UTF-8/],
      ['huge.txt', new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61), /50 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const r = importBytes(p, name, bytes);
      assert.equal(r.status, 'error', name);
      assert.match(r.message ?? '', message, name);
      assert.equal(snapshot(p), before, `${name} changed nothing`);
    }
  } finally {
    p.cleanup();
  }
});

test('a batch with one bad file imports the others and reports each', () => {
  const p = tempProject();
  try {
    const { results } = ok<{ results: ImportResult[] }>(
      p.dispatch('articles.importFiles', {
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
