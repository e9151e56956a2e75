import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ok, tempProject, TRICKY_TEXT } from './support/project.ts';
import { CSV_COLUMNS } from '../../main/services/export-csv.ts';
import Database from 'better-sqlite3';
import { csvCell, csvDocument, neutralise, sqlCsvField } from '../../main/services/csv.ts';
import type { Tag } from '../../main/api/contract.ts';

type Csv = { fileName: string; csv: string; rows: number };

function setup() {
  const p = tempProject();
  const article = ok<{ id: number }>(
    p.dispatch('articles.importText', {
      text: TRICKY_TEXT,
      source: '=Tidningen',
      author: 'A. Reporter',
      publishedAt: '2024-05-02',
      language: 'sv',
      url: 'https://example.org/x',
    }),
  );
  const trolling = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Rhetoric', 'Trolling'] }));
  const sovereignty = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Sovereignty'] }));
  ok(p.dispatch('settings.setAnnotator', { name: 'Ada' }));
  const add = (quote: string, tagId: number, note = '') => {
    const start = TRICKY_TEXT.indexOf(quote);
    return ok<{ id: number }>(p.dispatch('annotations.create', { articleId: article.id, tagId, start, end: start + quote.length, note }));
  };
  add('trolling på hög nivå', trolling.id, '@mention, "quoted"\nsecond line');
  add('‘suveränitet’', sovereignty.id, '-1');
  add('😀', trolling.id);
  return { p, trolling, sovereignty };
}

test('the CSV has the documented columns and code-point offsets that cut the quote in Python terms', () => {
  const { p } = setup();
  try {
    const out = ok<Csv>(p.dispatch('export.csv', {}));
    assert.equal(out.rows, 3);
    assert.match(out.fileName, /^framelens-annotations-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parse(out.csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(records[0]!), [...CSV_COLUMNS]);
    const chars = Array.from(TRICKY_TEXT);
    for (const r of records) {
      assert.equal(chars.slice(Number(r.start), Number(r.end)).join(''), r.quote!.replace(/^'/, ''));
    }
    const trolling = records.find((r) => r.quote === 'trolling på hög nivå')!;
    assert.equal(trolling.tag, 'Trolling');
    assert.equal(trolling.tag_path, 'Rhetoric > Trolling');
    assert.equal(trolling.note, '\'@mention, "quoted"\nsecond line', 'formula-like cell neutralised; quotes and newline survive');
    assert.equal(trolling.source, "'=Tidningen");
    assert.equal(trolling.annotator, 'Ada');
    assert.equal(trolling.published_at, '2024-05-02');
    assert.ok(out.csv.includes('\r\n'), 'RFC 4180 line breaks');
    assert.ok(!out.csv.startsWith('\uFEFF'));
  } finally {
    p.cleanup();
  }
});

test('raw export keeps cells as written; the BOM option prefixes one', () => {
  const { p } = setup();
  try {
    const out = ok<Csv>(p.dispatch('export.csv', { raw: true, bom: true }));
    assert.ok(out.csv.startsWith('\uFEFF'));
    const records = parse(out.csv, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(records[0]!.source, '=Tidningen');
    assert.ok(records.some((r) => r.note === '-1'));
  } finally {
    p.cleanup();
  }
});

test('choosing a tag exports it and its subtags only; choosing articles filters too', () => {
  const { p, trolling, sovereignty } = setup();
  try {
    const rhetoric = ok<Tag>(p.dispatch('tags.ensurePath', { path: ['Rhetoric'] }));
    assert.equal(ok<Csv>(p.dispatch('export.csv', { tagIds: [rhetoric.id] })).rows, 2);
    assert.equal(ok<Csv>(p.dispatch('export.csv', { tagIds: [sovereignty.id] })).rows, 1);
    assert.equal(ok<Csv>(p.dispatch('export.csv', { tagIds: [trolling.id], articleIds: [999] })).rows, 0);
  } finally {
    p.cleanup();
  }
});

test('neutralising covers = + - @ tab and carriage return', () => {
  for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(neutralise(c), `'${c}`);
  assert.equal(neutralise('plain'), 'plain');
});

test('the CSV writer round-trips awkward cells through a standard parser', () => {
  const cells = ['plain', 'comma, inside', 'quote " inside', '"starts quoted"', 'line\nbreak', 'cr\rlf\r\n', '', ' spaced ', 'åäö 😀 e\u0301', '=1+1'];
  const rows = cells.map((c, i) => [i, c, null]);
  const parsed = parse(csvDocument(['n', 'cell', 'empty'], rows, true), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
  assert.deepEqual(
    parsed.map((r) => r.cell),
    cells,
  );
  assert.deepEqual(
    parsed.map((r) => r.n),
    cells.map((_, i) => String(i)),
  );
  assert.ok(parsed.every((r) => r.empty === ''));
});

test('SQLite formats a text cell exactly as the CSV writer does, neutralised or raw', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (i INTEGER PRIMARY KEY, x TEXT)');
  const cells = [
    null,
    '',
    'plain',
    'comma, inside',
    'quote " inside',
    '"starts quoted"',
    'line\nbreak',
    'cr\rlf\r\n',
    ' spaced ',
    'åäö 😀 e\u0301',
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '=a,"b"',
    "'already'",
    '😀=not a formula',
  ];
  const insert = db.prepare('INSERT INTO t (i, x) VALUES (?, ?)');
  cells.forEach((c, i) => insert.run(i, c));
  for (const neutraliseFormulas of [true, false]) {
    const fromSql = db
      .prepare(`SELECT ${sqlCsvField('x', neutraliseFormulas)} FROM t ORDER BY i`)
      .pluck()
      .all();
    const fromJs = cells.map((c) => csvCell(c ?? '', !neutraliseFormulas));
    assert.deepEqual(fromSql, fromJs);
  }
  db.close();
});

test('a tag applied to a whole article is a row of its own: empty offsets, unit "article", its uuid, before the passages', () => {
  const { p, trolling, sovereignty } = setup();
  try {
    const other = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Ett annat inslag, bara kodat som helhet.', title: 'Helhet' })).id;
    ok(p.dispatch('articleCodes.add', { articleId: 1, tagId: sovereignty.id, annotator: 'Bo', note: 'main frame' }));
    const code = ok<{ uuid: string }>(p.dispatch('articleCodes.add', { articleId: other, tagId: trolling.id, annotator: 'Bo' }));
    const out = ok<Csv>(p.dispatch('export.csv', {}));
    const rows = parse(out.csv, { columns: true }) as Record<string, string>[];
    assert.equal(out.rows, 5);
    assert.deepEqual(
      rows.map((r) => [r.article_id, r.unit, r.tag]),
      [
        ['1', 'article', 'Sovereignty'],
        ['1', 'passage', 'Trolling'],
        ['1', 'passage', 'Trolling'],
        ['1', 'passage', 'Sovereignty'],
        [String(other), 'article', 'Trolling'],
      ],
    );
    const whole = rows[0]!;
    assert.deepEqual([whole.annotation_id, whole.start, whole.end, whole.quote, whole.note, whole.annotator], ['', '', '', '', 'main frame', 'Bo']);
    assert.equal(rows[4]!.annotation_uuid, code.uuid);
    for (const r of rows.slice(1, 4)) assert.match(r.annotation_uuid!, /^[0-9a-f-]{36}$/);
    const header = Object.keys(rows[0]!);
    assert.deepEqual(header.slice(header.indexOf('entities')), ['entities', 'unit', 'annotation_uuid', 'copy_of']);
    // Choosing a tag narrows the article-level rows too.
    const onlySovereignty = parse(ok<Csv>(p.dispatch('export.csv', { tagIds: [sovereignty.id] })).csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      onlySovereignty.map((r) => r.unit),
      ['article', 'passage'],
    );
  } finally {
    p.cleanup();
  }
});
