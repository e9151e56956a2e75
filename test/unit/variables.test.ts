// Article variables: their kinds and the values each takes, setting many at once, the shared filter,
// CSV import with its preview and export, and the annotation export's var_ columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ok, snapshot, tempProject } from './support/project.ts';
import type { ArticleSummary, Envelope, Tag, Variable } from '../../main/api/contract.ts';
import { CSV_COLUMNS } from '../../main/services/export-csv.ts';

type Project = ReturnType<typeof tempProject>;

function setup() {
  const p = tempProject();
  const ids = [
    ['Toppmötet i Astana', 'Dagens Nyheter', '2024-05-16', 'https://example.org/a'],
    ['Hamnen öppnar igen', 'Expressen', '2024-03-04', 'https://example.org/b'],
    ['Summit ends without statement', 'Nordic Wire', '2024-05-17', 'https://example.org/c'],
  ].map(
    ([title, source, publishedAt, url], i) =>
      ok<{ id: number }>(p.dispatch('articles.importText', { text: `${title}\n\nText number ${i} about the summit.`, title, source, publishedAt, url })).id,
  );
  const kind = ok<Variable>(p.dispatch('variables.create', { name: 'Outlet kind', type: 'category', categories: ['Tabloid', 'Broadsheet', 'Wire'] }));
  const pages = ok<Variable>(p.dispatch('variables.create', { name: 'Pages', type: 'number' }));
  const front = ok<Variable>(p.dispatch('variables.create', { name: 'Front page', type: 'boolean' }));
  const printed = ok<Variable>(p.dispatch('variables.create', { name: 'Printed', type: 'date' }));
  return { p, ids, kind, pages, front, printed };
}

const refused = (r: Envelope<unknown>, code: string, message: RegExp) => {
  assert.equal(r.ok, false, JSON.stringify(r));
  if (!r.ok) {
    assert.equal(r.error.code, code, r.error.message);
    assert.match(r.error.message, message);
  }
};

const list = (p: Project, conditions: unknown[], search?: string) =>
  ok<{ articles: ArticleSummary[]; total: number }>(p.dispatch('articles.list', { conditions, search }));

test('values are checked against their variable and shown on the article', () => {
  const { p, ids, kind, pages, front, printed } = setup();
  try {
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'broadsheet', articleIds: [ids[0]] }));
    ok(p.dispatch('variables.setValue', { variableId: pages.id, value: '3,5', articleIds: [ids[0]] }));
    ok(p.dispatch('variables.setValue', { variableId: front.id, value: 'ja', articleIds: [ids[0]] }));
    ok(p.dispatch('variables.setValue', { variableId: printed.id, value: '2024-05-17', articleIds: [ids[0]] }));
    const article = ok<ArticleSummary>(p.dispatch('articles.get', { id: ids[0] }));
    assert.deepEqual(article.values, { [kind.id]: 'Broadsheet', [pages.id]: 3.5, [front.id]: true, [printed.id]: '2024-05-17' });
    const before = snapshot(p);
    refused(
      p.dispatch('variables.setValue', { variableId: kind.id, value: 'Magazine', articleIds: [ids[1]] }),
      'INVALID_INPUT',
      /not one of the values.*Tabloid/,
    );
    refused(p.dispatch('variables.setValue', { variableId: pages.id, value: 'many', articleIds: [ids[1]] }), 'INVALID_INPUT', /takes a number/);
    refused(p.dispatch('variables.setValue', { variableId: printed.id, value: '2024-02-30', articleIds: [ids[1]] }), 'INVALID_INPUT', /YYYY-MM-DD/);
    refused(p.dispatch('variables.setValue', { variableId: front.id, value: 'perhaps', articleIds: [ids[1]] }), 'INVALID_INPUT', /yes or no/);
    refused(p.dispatch('variables.setValue', { variableId: pages.id, value: 2, articleIds: [ids[1], 999] }), 'NOT_FOUND', /Article 999/);
    refused(p.dispatch('variables.setValue', { variableId: 77, value: 2, articleIds: [ids[1]] }), 'NOT_FOUND', /Variable 77/);
    refused(p.dispatch('variables.setValue', { variableId: 'publishedAt', value: 'May', articleIds: [ids[1]] }), 'INVALID_INPUT', /no date/);
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});

test('variable names are checked: empty, too long, taken or built in', () => {
  const { p } = setup();
  try {
    const before = snapshot(p);
    refused(p.dispatch('variables.create', { name: '  ', type: 'text' }), 'INVALID_INPUT', /needs a name/);
    refused(p.dispatch('variables.create', { name: 'x'.repeat(101), type: 'text' }), 'INVALID_INPUT', /at most 100/);
    refused(p.dispatch('variables.create', { name: 'outlet KIND', type: 'text' }), 'CONFLICT', /already exists/);
    refused(p.dispatch('variables.create', { name: 'Source', type: 'text' }), 'CONFLICT', /built-in/);
    refused(p.dispatch('variables.create', { name: 'Genre', type: 'text', categories: ['News'] }), 'INVALID_INPUT', /Only a category/);
    refused(p.dispatch('variables.create', { name: 'Genre', type: 'category', categories: ['News', 'news'] }), 'INVALID_INPUT', /listed twice/);
    refused(p.dispatch('variables.create', { name: 'Genre', type: 'colour' }), 'INVALID_INPUT', /type/);
    assert.equal(snapshot(p), before);
  } finally {
    p.cleanup();
  }
});

test('setting a value for every article matching a filter, then clearing it', () => {
  const { p, ids, kind, pages } = setup();
  try {
    const set = ok<{ changed: number; articles: number }>(
      p.dispatch('variables.setValue', {
        variableId: kind.id,
        value: 'Wire',
        filter: { conditions: [{ variable: 'source', op: 'is', values: ['Nordic Wire'] }] },
      }),
    );
    assert.deepEqual(set, { changed: 1, articles: 1 });
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'Tabloid', filter: { search: 'hamnen' } }));
    ok(p.dispatch('variables.setValue', { variableId: pages.id, value: 12, articleIds: ids }));
    assert.deepEqual(ok(p.dispatch('variables.setValue', { variableId: pages.id, value: 12, articleIds: ids })), { changed: 0, articles: 3 });
    assert.deepEqual(
      list(p, [{ variable: kind.id, op: 'is', values: ['Wire', 'Tabloid'] }])
        .articles.map((a) => a.id)
        .sort(),
      [ids[1], ids[2]],
    );
    assert.deepEqual(
      list(p, [{ variable: kind.id, op: 'empty' }]).articles.map((a) => a.id),
      [ids[0]],
    );
    assert.deepEqual(
      list(p, [{ variable: kind.id, op: 'isNot', values: ['Wire'] }])
        .articles.map((a) => a.id)
        .sort(),
      [ids[0], ids[1]],
    );
    ok(p.dispatch('variables.setValue', { variableId: pages.id, value: null, articleIds: [ids[0]] }));
    assert.equal(list(p, [{ variable: pages.id, op: 'notEmpty' }]).total, 2);
  } finally {
    p.cleanup();
  }
});

test('the filter takes ranges of numbers and dates, built-in columns and a search together', () => {
  const { p, ids, pages } = setup();
  try {
    ids.forEach((id, i) => ok(p.dispatch('variables.setValue', { variableId: pages.id, value: [2, 10, 25][i]!, articleIds: [id] })));
    assert.deepEqual(
      list(p, [{ variable: pages.id, op: 'between', min: 5, max: 25 }])
        .articles.map((a) => a.id)
        .sort(),
      [ids[1], ids[2]],
    );
    assert.deepEqual(
      list(p, [{ variable: 'publishedAt', op: 'between', min: '2024-05-01' }])
        .articles.map((a) => a.id)
        .sort(),
      [ids[0], ids[2]],
    );
    const both = list(
      p,
      [
        { variable: 'publishedAt', op: 'between', min: '2024-05-01' },
        { variable: pages.id, op: 'between', max: 5 },
      ],
      'summit',
    );
    assert.deepEqual(
      both.articles.map((a) => a.id),
      [ids[0]],
    );
    assert.equal(both.total, 1);
    refused(p.dispatch('articles.list', { conditions: [{ variable: pages.id, op: 'between', min: 9, max: 3 }] }), 'INVALID_INPUT', /starts after it ends/);
    refused(p.dispatch('articles.list', { conditions: [{ variable: 'source', op: 'between', min: 1 }] }), 'INVALID_INPUT', /numbers or dates/);
    refused(p.dispatch('articles.list', { conditions: [{ variable: 404, op: 'empty' }] }), 'NOT_FOUND', /Variable 404/);
    refused(p.dispatch('articles.list', { conditions: [{ variable: pages.id, op: 'is' }] }), 'INVALID_INPUT', /at least one value/);
  } finally {
    p.cleanup();
  }
});

test('CSV import: a preview first, semicolons and a BOM, then all or nothing', () => {
  const { p, ids, kind, pages } = setup();
  try {
    const sheet =
      '\uFEFFurl;Outlet kind;Pages;note\r\nhttps://example.org/a;Broadsheet;4\r\nhttps://example.org/x;Wire;1\r\nhttps://example.org/b;tabloid;\r\n';
    refused(p.dispatch('variables.importCsv', { csv: sheet, key: 'url' }), 'INVALID_INPUT', /No variable is named “note”/);
    const clean = sheet.replace(';note', '');
    const before = snapshot(p);
    const preview = ok<{ matched: number; unmatched: { line: number; key: string }[]; changed: number; written: boolean }>(
      p.dispatch('variables.importCsv', { csv: clean, key: 'url', dryRun: true }),
    );
    assert.equal(preview.matched, 2);
    assert.deepEqual(preview.unmatched, [{ line: 3, key: 'https://example.org/x' }]);
    assert.equal(preview.changed, 3);
    assert.equal(preview.written, false);
    assert.equal(snapshot(p), before);
    ok(p.dispatch('variables.importCsv', { csv: clean, key: 'url' }));
    assert.deepEqual(ok<ArticleSummary>(p.dispatch('articles.get', { id: ids[0] })).values, { [kind.id]: 'Broadsheet', [pages.id]: 4 });
    assert.deepEqual(ok<ArticleSummary>(p.dispatch('articles.get', { id: ids[1] })).values, { [kind.id]: 'Tabloid' });
    const after = snapshot(p);
    refused(p.dispatch('variables.importCsv', { csv: 'id,Pages\n1,3\n1,4\n', key: 'id' }), 'INVALID_INPUT', /appears on line 2 and again on line 3/);
    refused(p.dispatch('variables.importCsv', { csv: 'ident,Pages\n1,3\n', key: 'id' }), 'INVALID_INPUT', /no “id” column/);
    refused(
      p.dispatch('variables.importCsv', { csv: `id,Pages\n${ids[0]},7\n${ids[1]},seven\n`, key: 'id' }),
      'INVALID_INPUT',
      /Line 3, column “Pages”.*takes a number/,
    );
    assert.equal(snapshot(p), after, 'a refused import wrote nothing, not even its good rows');
  } finally {
    p.cleanup();
  }
});

test('the articles CSV and the annotation CSV carry every variable', () => {
  const { p, ids, kind, front } = setup();
  try {
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'Wire', articleIds: [ids[2]] }));
    ok(p.dispatch('variables.setValue', { variableId: front.id, value: false, articleIds: [ids[2]] }));
    const { csv } = ok<{ csv: string }>(p.dispatch('variables.exportCsv', {}));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), [
      'id',
      'title',
      'source',
      'author',
      'published_at',
      'language',
      'url',
      'var_Outlet kind',
      'var_Pages',
      'var_Front page',
      'var_Printed',
    ]);
    const wire = rows.find((r) => r.id === String(ids[2]))!;
    assert.equal(wire['var_Outlet kind'], 'Wire');
    assert.equal(wire['var_Front page'], 'no');
    // The exported sheet goes straight back in.
    ok(p.dispatch('variables.importCsv', { csv, key: 'id' }));

    const tag = ok<Tag>(p.dispatch('tags.create', { name: 'Threat' }));
    ok(p.dispatch('annotations.create', { articleId: ids[2], tagId: tag.id, start: 0, end: 6 }));
    const annotations = ok<{ csv: string }>(p.dispatch('export.csv', { filter: { conditions: [{ variable: kind.id, op: 'is', values: ['Wire'] }] } })).csv;
    const table = parse(annotations, { columns: true }) as Record<string, string>[];
    assert.equal(table.length, 1);
    assert.deepEqual(Object.keys(table[0]!), [...CSV_COLUMNS, 'var_Outlet kind', 'var_Pages', 'var_Front page', 'var_Printed']);
    assert.equal(table[0]!['var_Outlet kind'], 'Wire');
    assert.equal(ok<{ rows: number }>(p.dispatch('export.csv', { filter: { conditions: [{ variable: kind.id, op: 'empty' }] } })).rows, 0);
  } finally {
    p.cleanup();
  }
});

test('deleting a variable removes its values; a category list keeps the values in use', () => {
  const { p, ids, kind } = setup();
  try {
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'Wire', articleIds: ids }));
    refused(p.dispatch('variables.update', { id: kind.id, categories: ['Tabloid', 'Broadsheet'] }), 'CONFLICT', /still have the value “Wire”/);
    ok(p.dispatch('variables.update', { id: kind.id, name: 'Kind of outlet', categories: ['Wire', 'Tabloid', 'Broadsheet', 'Public service'] }));
    assert.deepEqual(ok(p.dispatch('variables.delete', { id: kind.id })), { deletedValues: 3 });
    assert.equal(p.db.prepare('SELECT count(*) FROM article_values').pluck().get(), 0);
  } finally {
    p.cleanup();
  }
});

test('the entity charts take the same article filter as the list', () => {
  const { p, ids, kind } = setup();
  try {
    // One place named in each of the first two articles.
    ok(p.dispatch('mentions.add', { articleId: ids[0]!, start: 12, end: 18, name: 'Astana', type: 'LOC' }));
    ok(p.dispatch('mentions.add', { articleId: ids[1]!, start: 0, end: 6, name: 'Hamnen', type: 'LOC' }));
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'Tabloid', articleIds: [ids[1]!] }));
    const all = ok<{ rows: { name: string }[] }>(p.dispatch('charts.topEntities', {}));
    assert.deepEqual(all.rows.map((r) => r.name).sort(), ['Astana', 'Hamnen']);
    const tabloid = ok<{ rows: { name: string }[] }>(
      p.dispatch('charts.topEntities', { filters: { articles: { conditions: [{ variable: kind.id, op: 'is', values: ['Tabloid'] }] } } }),
    );
    assert.deepEqual(
      tabloid.rows.map((r) => r.name),
      ['Hamnen'],
    );
    const searched = ok<{ rows: { name: string }[] }>(p.dispatch('charts.topEntities', { filters: { articles: { search: 'toppmötet' } } }));
    assert.deepEqual(
      searched.rows.map((r) => r.name),
      ['Astana'],
    );
  } finally {
    p.cleanup();
  }
});

test('the entity list follows the article filter, and so do its counts', () => {
  const { p, ids, kind } = setup();
  try {
    ok(p.dispatch('mentions.add', { articleId: ids[0]!, start: 12, end: 18, name: 'Astana', type: 'LOC' }));
    ok(p.dispatch('mentions.add', { articleId: ids[2]!, start: 0, end: 6, name: 'Astana', type: 'LOC' }));
    ok(p.dispatch('variables.setValue', { variableId: kind.id, value: 'Wire', articleIds: [ids[2]!] }));
    const all = ok<{ entities: { name: string; articleCount: number }[] }>(p.dispatch('entities.list', {}));
    assert.deepEqual(
      all.entities.map((e) => [e.name, e.articleCount]),
      [['Astana', 2]],
    );
    const wire = ok<{ entities: { name: string; articleCount: number }[] }>(
      p.dispatch('entities.list', { articles: { conditions: [{ variable: kind.id, op: 'is', values: ['Wire'] }] } }),
    );
    assert.deepEqual(
      wire.entities.map((e) => [e.name, e.articleCount]),
      [['Astana', 1]],
    );
    const none = ok<{ entities: unknown[] }>(p.dispatch('entities.list', { articles: { conditions: [{ variable: kind.id, op: 'is', values: ['Tabloid'] }] } }));
    assert.deepEqual(none.entities, []);
  } finally {
    p.cleanup();
  }
});
