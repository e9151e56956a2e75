// Spreadsheets of articles: CSV in its real-world shapes and XLSX, the mapping step (guessed, checked,
// remembered), dates in their common forms, extra columns as variables, and bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { contentSnapshot, ok, snapshot, tempProject } from './support/project.ts';
import { fromExcelSerial, parseDate, slashOrderOpen } from '../../main/services/import/sheet/dates.ts';
import type { ImportResult } from '../../main/api/contract.ts';

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const body = (i: number) => `Artikel ${i} om regeringen och oppositionen.\nAndra stycket, med "citat" och ; semikolon.`;

/** 50 articles as a Swedish Excel saves CSV: semicolons, a BOM, quoted newlines and quotes. */
function pressCsv(): string {
  const lines = ['\uFEFFRubrik;Källa;Datum;Brödtext;Länk;Sektion'];
  for (let i = 1; i <= 50; i++) {
    const date = `${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2024`;
    lines.push(
      `Nyhet ${i};${i % 2 ? 'Aftonbladet' : 'Expressen'};${date};"${body(i).replace(/"/g, '""')}";https://example.se/${i};${i % 3 ? 'Inrikes' : 'Utrikes'}`,
    );
  }
  return lines.join('\r\n') + '\r\n';
}

test('dates in their common forms, Excel serials, and slashed dates that leave the order open', () => {
  assert.equal(parseDate('2024-03-05'), '2024-03-05');
  assert.equal(parseDate('2024-03-05T23:40:00+02:00'), '2024-03-05');
  assert.equal(parseDate('05.03.2024'), '2024-03-05');
  assert.equal(parseDate('3/5/2024', 'mdy'), '2024-03-05');
  assert.equal(parseDate('3/5/2024', 'dmy'), '2024-05-03');
  assert.equal(parseDate('31/02/2024'), null, 'no 31 February');
  assert.equal(parseDate('45356'), '2024-03-05');
  assert.equal(fromExcelSerial(1), '1899-12-31');
  assert.equal(fromExcelSerial(61), '1900-03-01', 'past Excel’s phantom 29 February 1900');
  assert.equal(parseDate('igår'), null);
  assert.equal(slashOrderOpen(['3/5/2024', '1/2/2024']), true);
  assert.equal(slashOrderOpen(['3/5/2024', '13/2/2024']), false);
});

test('a CSV of 50 articles: preview with a guessed mapping, import with metadata and a variable, the mapping remembered', async () => {
  const p = tempProject();
  try {
    const file = { name: 'press.csv', dataBase64: b64(pressCsv()) };
    const preview = ok<{ columns: string[]; sample: string[][]; rows: number; mapping: Record<string, unknown>; remembered: boolean }>(
      await p.dispatchAsync('articles.previewSheet', file),
    );
    assert.deepEqual(preview.columns, ['Rubrik', 'Källa', 'Datum', 'Brödtext', 'Länk', 'Sektion']);
    assert.equal(preview.rows, 50);
    assert.equal(preview.sample[0]![3], body(1).replace(/\r\n/g, '\n'));
    assert.deepEqual(preview.mapping, { title: 0, source: 1, publishedAt: 2, text: 3, url: 4 });
    assert.equal(preview.remembered, false);
    const mapping = { ...preview.mapping, variables: [{ column: 5, name: 'Sektion' }] };
    const { results } = ok<{ results: ImportResult[] }>(await p.dispatchAsync('articles.importSheet', { ...file, mapping }));
    assert.equal(results.filter((r) => r.status === 'imported').length, 50);
    assert.equal(results[0]!.name, 'press.csv › row 2');
    const first = ok<{ title: string; source: string; publishedAt: string; url: string; text: string }>(p.dispatch('articles.get', { id: results[0]!.id }));
    assert.deepEqual(
      [first.title, first.source, first.publishedAt, first.url, first.text],
      ['Nyhet 1', 'Aftonbladet', '2024-02-02', 'https://example.se/1', body(1)],
    );
    const variable = ok<{ variables: { id: number; name: string }[] }>(p.dispatch('variables.list', {})).variables.find((v) => v.name === 'Sektion');
    assert.ok(variable, 'the extra column became a variable');
    const again = ok<{ mapping: unknown; remembered: boolean }>(await p.dispatchAsync('articles.previewSheet', file));
    assert.equal(again.remembered, true);
    assert.deepEqual(again.mapping, mapping);
    const twice = ok<{ results: ImportResult[] }>(await p.dispatchAsync('articles.importSheet', { ...file, mapping }));
    assert.ok(twice.results.every((r) => r.status === 'duplicate'));
  } finally {
    p.cleanup();
  }
});

test('Windows-1252 is read when chosen, and refused with the way out when UTF-8 is assumed', async () => {
  const p = tempProject();
  try {
    // ö is 0xF6 and the typographic quotes 0x93 and 0x94, where Windows-1252 and Latin-1 differ.
    const latin = Uint8Array.from([
      ...Buffer.from('title,text\nG'),
      0xf6,
      ...Buffer.from('teborg,Text om G'),
      0xf6,
      ...Buffer.from('teborg '),
      0x93,
      ...Buffer.from('i dag'),
      0x94,
      ...Buffer.from('.\n'),
    ]);
    const file = { name: 'gbg.csv', dataBase64: b64(latin) };
    const wrong = await p.dispatchAsync('articles.previewSheet', file);
    assert.ok(!wrong.ok && /gbg\.csv is not UTF-8.*Windows-1252/.test(wrong.error.message));
    const preview = ok<{ sample: string[][] }>(await p.dispatchAsync('articles.previewSheet', { ...file, encoding: 'windows-1252' }));
    assert.deepEqual(preview.sample[0], ['Göteborg', 'Text om Göteborg “i dag”.']);
  } finally {
    p.cleanup();
  }
});

/** A minimal XLSX workbook with inline strings, as the tests need it. */
function xlsx(rows: (string | number)[][]): Uint8Array {
  const col = (i: number) => String.fromCharCode(65 + i);
  const cell = (v: string | number, r: number, c: number) =>
    typeof v === 'number'
      ? `<c r="${col(c)}${r}"><v>${v}</v></c>`
      : `<c r="${col(c)}${r}" t="inlineStr"><is><t xml:space="preserve">${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</t></is></c>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r + 1, c)).join('')}</row>`)
    .join('')}</sheetData></worksheet>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Artiklar" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  });
}

test('an XLSX workbook imports from its first sheet, its serial dates read as dates', async () => {
  const p = tempProject();
  try {
    const bytes = xlsx([
      ['Headline', 'Outlet', 'Published', 'Body'],
      ['Summit in Astana', 'Reuters', 45573, 'Putin arrived in Astana on Tuesday for a summit with CSTO members.'],
      ['Energy talks', 'AP', 45574, 'Gas pipelines and power prices top the agenda.'],
    ]);
    const file = { name: 'wire.xlsx', dataBase64: b64(bytes) };
    const preview = ok<{ mapping: Record<string, number> }>(await p.dispatchAsync('articles.previewSheet', file));
    assert.deepEqual(preview.mapping, { title: 0, source: 1, publishedAt: 2, text: 3 });
    const { results } = ok<{ results: ImportResult[] }>(await p.dispatchAsync('articles.importSheet', { ...file, mapping: preview.mapping }));
    const a = ok<{ title: string; source: string; publishedAt: string }>(p.dispatch('articles.get', { id: results[0]!.id }));
    assert.deepEqual([a.title, a.source, a.publishedAt], ['Summit in Astana', 'Reuters', '2024-10-08']);
  } finally {
    p.cleanup();
  }
});

test('bad sheets and bad mappings are refused by name and change nothing', async () => {
  const p = tempProject();
  try {
    const before = snapshot(p);
    const refusal = async (method: 'articles.previewSheet' | 'articles.importSheet', input: Record<string, unknown>, pattern: RegExp) => {
      const r = await p.dispatchAsync(method, input);
      assert.ok(!r.ok, `${JSON.stringify(input).slice(0, 80)} was refused`);
      assert.equal(r.error.code, 'INVALID_INPUT');
      assert.match(r.error.message, pattern);
      assert.equal(snapshot(p), before);
    };
    await refusal('articles.previewSheet', { name: 'empty.csv', dataBase64: '' }, /empty\.csv is empty/);
    await refusal('articles.previewSheet', { name: 'broken.xlsx', dataBase64: b64(xlsx([['a'], ['b']]).slice(0, 200)) }, /broken\.xlsx/);
    await refusal('articles.previewSheet', { name: 'bad.csv', dataBase64: b64('title,text\n"open quote,x\n') }, /bad\.csv could not be read as CSV/);
    const csv = { name: 'press.csv', dataBase64: b64(pressCsv()) };
    await refusal('articles.importSheet', { ...csv, mapping: { title: 0 } }, /Choose the column of press\.csv that holds the articles' text/);
    await refusal('articles.importSheet', { ...csv, mapping: { text: 3, title: 3 } }, /“Brödtext” is chosen twice/);
    await refusal('articles.importSheet', { ...csv, mapping: { text: 9 } }, /no column 10; it has 6/);
  } finally {
    p.cleanup();
  }
});

/** A CSV of `rows` short articles, with a `Sektion` column; `broken` puts an unclosed quote on that row. */
function longCsv(rows: number, broken?: number): string {
  const lines = ['title,text,Sektion'];
  for (let i = 1; i <= rows; i++) lines.push(i === broken ? `Nyhet ${i},"oavslutat citat,x` : `Nyhet ${i},Text nummer ${i} om valet.,Del ${i % 4}`);
  return lines.join('\n') + '\n';
}

test('a long sheet is written as it is read; a file that fails part-way, or is cancelled, leaves the project as it was', async () => {
  const p = tempProject();
  try {
    const mapping = { title: 0, text: 1, variables: [{ column: 2, name: 'Sektion' }] };
    const before = contentSnapshot(p);
    // The unclosed quote is in the fourth batch of rows: the three before it are taken out again.
    const failed = await p.dispatchAsync('articles.importSheet', { name: 'broken.csv', dataBase64: b64(longCsv(7000, 6500)), mapping });
    assert.ok(!failed.ok);
    assert.match(failed.error.message, /broken\.csv could not be read as CSV/);
    assert.equal(contentSnapshot(p), before, 'no article, variable or remembered mapping of the failed file is kept');

    const file = { name: 'long.csv', dataBase64: b64(longCsv(7000)), mapping, job: 'sheet-1' };
    const running = p.dispatchAsync('articles.importSheet', file);
    // Between batches the host answers other calls: progress, then the cancel.
    let progress = ok<{ running: boolean; done: number; total: number; phase: string }>(p.dispatch('jobs.progress', { job: 'sheet-1' }));
    while (progress.running && progress.done === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      progress = ok<typeof progress>(p.dispatch('jobs.progress', { job: 'sheet-1' }));
    }
    assert.equal(progress.running, true);
    assert.ok(progress.done > 0 && progress.done < progress.total, `part of the file is read: ${progress.done} of ${progress.total}`);
    assert.match(progress.phase, /^[\d,]+ rows imported$/);
    assert.ok(Number(ok<{ articles: number }>(p.dispatch('project.info', {})).articles) > 0, 'rows are stored while the file is read');
    assert.deepEqual(ok(p.dispatch('jobs.cancel', { job: 'sheet-1' })), { cancelled: true });
    const cancelled = await running;
    assert.ok(!cancelled.ok);
    assert.equal(cancelled.error.code, 'CANCELLED');
    assert.match(cancelled.error.message, /long\.csv was cancelled; none of its rows were kept/);
    assert.equal(contentSnapshot(p), before, 'the cancelled file is taken out whole');

    const done = ok<{ results: ImportResult[] }>(await p.dispatchAsync('articles.importSheet', { ...file, job: 'sheet-2' }));
    assert.equal(done.results.filter((r) => r.status === 'imported').length, 7000);
    assert.equal(done.results[6999]!.name, 'long.csv › row 7001');
    const values = ok<{ variables: { name: string }[] }>(p.dispatch('variables.list', {})).variables.map((v) => v.name);
    assert.deepEqual(values, ['Sektion']);
  } finally {
    p.cleanup();
  }
});
