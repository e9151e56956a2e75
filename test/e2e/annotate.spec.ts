// The analyst's main path: import an article, tag a passage with a note, restart, export, and check
// that the CSV's code-point offsets cut exactly the quoted passage.
import { test, expect, analyst } from './fixtures.ts';
import { codePointOffset, csvColumns, summitPassage, summitText, summitTitle } from './support/articles.ts';

test('a tagged passage after emoji and combining marks survives a restart and exports with exact offsets', async ({ app, host }) => {
  const note = 'Splittring som hot – “ramen” är intern konflikt 🇸🇪';

  await app.importText({ text: summitText, source: 'Dagens Eko', author: 'Karin Berg', date: '2024-05-16', language: 'sv', url: 'https://example.org/astana' });
  await expect(app.articleItem(summitTitle)).toBeVisible();

  const codebook = await app.openCodebook();
  await codebook.create('Alliance tension', { description: 'Strain or division inside an alliance' });
  await expect(codebook.tag('Alliance tension')).toBeVisible();
  await codebook.close();

  await app.openArticle(summitTitle);
  await expect(app.reader.text).toContainText('cafe\u0301 vid torget 🇸🇪');

  const how = await app.reader.selectPassage(summitPassage);
  test.info().annotations.push({ type: 'selection', description: `passage selected by ${how}` });
  await app.reader.tagSelection('Alliance tension');
  const highlight = app.reader.highlightOf(summitPassage);
  await expect(highlight.first()).toBeVisible();
  await expect(app.reader.highlights).toHaveCount(1);

  await app.reader.addNote(summitPassage, note);
  await expect(app.reader.panel).toContainText(note);
  await expect(app.reader.panel).toContainText('Alliance tension');
  await expect(app.articleItem(summitTitle).getByTestId('annotation-count')).toHaveText('1');

  // A new launch of the host on the same project file: a new port and token, the same work.
  await host.restart();
  await app.open(host.url, { analyst });
  await app.openArticle(summitTitle);
  await expect(app.reader.highlightOf(summitPassage).first()).toBeVisible();
  await expect(app.reader.panel).toContainText(note);

  const exportDialog = await app.openExport();
  const csv = await exportDialog.download();
  expect(csv.fileName).toMatch(/\.csv$/);
  expect(csv.columns).toEqual(csvColumns);
  expect(csv.rows).toHaveLength(1);
  const row = csv.rows[0]!;

  const start = Number(row.start);
  const end = Number(row.end);
  expect(Array.from(summitText).slice(start, end).join('')).toBe(row.quote);
  expect(row.quote).toBe(summitPassage);
  // Code points, not UTF-16 units: the emoji before the passage count once each.
  const at = summitText.indexOf(summitPassage);
  expect(start).toBe(codePointOffset(summitText, at));
  expect(start).toBeLessThan(at);
  expect(end - start).toBe(Array.from(summitPassage).length);

  expect(row).toMatchObject({
    article_title: summitTitle,
    source: 'Dagens Eko',
    author: 'Karin Berg',
    published_at: '2024-05-16',
    url: 'https://example.org/astana',
    language: 'sv',
    tag: 'Alliance tension',
    note,
    annotator: analyst,
  });
  expect(summitText).toContain(`${row.context_before}${row.quote}${row.context_after}`);
});
