// Export options: only chosen tags (a parent brings its subtags), and the BOM Excel needs.
import { test, expect } from './fixtures.ts';
import { csvColumns, harbourText, summitText } from './support/articles.ts';

test('exporting chosen tags with a BOM gives only their annotations', async ({ app, host, page }) => {
  const summit = await host.call('articles.importText', { text: summitText });
  const harbour = await host.call('articles.importText', { text: harbourText });
  const threat = await host.call('tags.ensurePath', { path: ['Threat', 'Military'] });
  const other = await host.call('tags.create', { name: 'Economy' });
  const quote = (text: string, q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
  await host.call('annotations.create', { articleId: summit.id!, tagId: threat.id, ...quote(summitText, 'alliansen riskerar att splittras') });
  await host.call('annotations.create', { articleId: harbour.id!, tagId: other.id, ...quote(harbourText, 'Färjetrafiken') });
  await page.reload();

  const dialog = await app.openExport();
  await dialog.chooseOnly(['Threat']);
  await dialog.setBom(true);
  const csv = await dialog.download();
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  expect(csv.columns).toEqual(csvColumns);
  expect(csv.rows.map((r) => [r.tag, r.quote])).toEqual([['Military', 'alliansen riskerar att splittras']]);
  expect(csv.rows[0]?.tag_path).toMatch(/Threat.*Military/);
});

test('the code matrix and the co-occurrence table download from the Export dialog', async ({ app, host, page }) => {
  const summit = await host.call('articles.importText', { text: summitText, source: 'Dagens Eko' });
  const harbour = await host.call('articles.importText', { text: harbourText, source: 'Gotlands Tidning' });
  const threat = await host.call('tags.ensurePath', { path: ['Threat', 'Military'] });
  const economy = await host.call('tags.create', { name: 'Economy' });
  const quote = (text: string, q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });
  await host.call('annotations.create', { articleId: summit.id!, tagId: threat.id, ...quote(summitText, 'alliansen riskerar att splittras') });
  await host.call('annotations.create', { articleId: summit.id!, tagId: economy.id, ...quote(summitText, 'riskerar') });
  await host.call('annotations.create', { articleId: harbour.id!, tagId: economy.id, ...quote(harbourText, 'Färjetrafiken') });
  await page.reload();

  const dialog = await app.openExport();
  const matrix = await dialog.downloadTable({ table: 'matrix', measure: 'presence' });
  expect(matrix.columns.slice(-3)).toEqual(['Threat', 'Threat > Military', 'Economy']);
  const bySource = Object.fromEntries(matrix.rows.map((r) => [r.source, [r.Threat, r['Threat > Military'], r.Economy]]));
  // Military's passage counts in its parent Threat too.
  expect(bySource).toEqual({ 'Dagens Eko': ['1', '1', '1'], 'Gotlands Tidning': ['0', '0', '1'] });
  const co = await dialog.downloadTable({ table: 'cooccurrence', scope: 'article' });
  expect(co.rows.find((r) => r.tag === 'Economy')).toMatchObject({ 'Threat > Military': '1', Economy: '2' });
});
