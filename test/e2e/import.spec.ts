// Importing: several files with progress and per-file results; duplicates are reported, not stored twice.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { harbourText, harbourTitle, summitText, summitTitle } from './support/articles.ts';
import { ImportDialog } from './pages/ImportDialog.ts';

test('importing files reports each one, and a duplicate is not stored twice', async ({ app }) => {
  const dialog = await app.openImport();
  await dialog.importFiles([
    { name: 'toppmotet.txt', content: summitText },
    { name: 'hamnen.md', content: harbourText },
    { name: 'toppmotet-kopia.txt', content: summitText },
  ]);
  await expect(dialog.fileResult('toppmotet.txt')).toHaveAttribute('data-status', 'imported');
  await expect(dialog.fileResult('hamnen.md')).toHaveAttribute('data-status', 'imported');
  await expect(dialog.fileResult('toppmotet-kopia.txt')).toHaveAttribute('data-status', 'duplicate');
  await expect(dialog.fileSummary).toContainText('2 imported');
  await expect(dialog.fileSummary).toContainText('1 duplicate');
  await dialog.close();

  await expect(app.articleItems).toHaveCount(2);
  await expect(app.articleItem(summitTitle)).toHaveCount(1);
  await expect(app.articleItem(harbourTitle)).toHaveCount(1);
});

test('pasting a text that is already in the project says so', async ({ app }) => {
  await app.importText({ text: harbourText, source: 'Gotlands Tidning' });

  const dialog = await app.openImport();
  await dialog.paste({ text: harbourText, title: 'Samma text igen' });
  await expect(dialog.textResult).toHaveAttribute('data-status', 'duplicate');
  await expect(dialog.textResult).toContainText(/already|redan|finns/i);
  await dialog.close();
  await expect(app.articleItems).toHaveCount(1);
});

test('details given for a batch of files go on every article; a bad one stops the run and keeps the files queued', async ({ app }) => {
  const dialog = await app.openImport();
  await dialog.chooseFiles([{ name: 'toppmotet.txt', content: summitText }], { source: 'Dagens Eko', language: 'svenska' });
  await dialog.root.getByTestId('import-files-button').click();
  await expect(dialog.root.getByText(/Check the details for these files: language/)).toBeVisible();
  await expect(dialog.fileResult('toppmotet.txt')).toHaveAttribute('data-status', 'waiting');

  await dialog.root.getByTestId('import-files-language').fill('sv');
  await dialog.root.getByTestId('import-files-button').click();
  await expect(dialog.fileResult('toppmotet.txt')).toHaveAttribute('data-status', 'imported');
  await dialog.close();
  await expect(app.articleItem(summitTitle)).toContainText('Dagens Eko');
});

test('a saved web page and a feed import with the metadata they hold', async ({ app, page }) => {
  const html = readFileSync(new URL('../unit/fixtures/import/news-page.html', import.meta.url), 'utf8');
  const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kvällsposten</title><language>sv</language>
    <item><title>Budgeten presenterad</title><link>https://kp.example/1</link><pubDate>Tue, 03 Jun 2025 08:15:00 +0200</pubDate><description>Regeringen presenterade budgeten i dag.</description></item>
    <item><title>Oppositionen svarar</title><description>Oppositionen kritiserade budgeten.</description></item>
  </channel></rss>`;
  const dialog = await app.openImport();
  await dialog.importFiles([
    { name: 'putin.html', content: html },
    { name: 'kvallsposten.xml', content: feed },
  ]);
  await expect(dialog.fileResult('putin.html')).toHaveAttribute('data-status', 'imported');
  await expect(dialog.fileResult('putin.html')).toContainText('Putin i Astana');
  await expect(dialog.fileResult('kvallsposten.xml')).toContainText('2 articles: 2 imported');
  await page.screenshot({ path: test.info().outputPath('import-formats.png') });
  await dialog.close();
  await expect(app.articleItems).toHaveCount(3);
  await expect(app.articleItem('Putin i Astana')).toContainText('Nyhetsbladet');
  await expect(app.articleItem('Budgeten presenterad')).toContainText('Kvällsposten');
});

test('a spreadsheet of articles is mapped column by column before anything is imported', async ({ app, page }) => {
  const csv = [
    'Rubrik;Källa;Datum;Brödtext;Sektion',
    'Valet avgjort;SVT;05.09.2026;"Rösterna är räknade.\nSocialdemokraterna blev största parti.";Inrikes',
    'Toppmöte i Astana;DN;06.09.2026;Putin anlände till Astana för ett toppmöte.;Utrikes',
  ].join('\n');
  const dialog = await app.openImport();
  await dialog.chooseFiles([{ name: 'press.csv', content: csv }]);
  await dialog.root.getByTestId('import-files-button').click();
  const mapping = dialog.root.getByTestId('sheet-mapping');
  await expect(mapping).toContainText('2 rows');
  const roles = mapping.getByTestId('sheet-role');
  await expect(roles).toHaveCount(5);
  await expect(roles.nth(3)).toHaveValue('text');
  await roles.nth(4).selectOption('variable');
  await page.screenshot({ path: test.info().outputPath('sheet-mapping.png') });
  await mapping.getByTestId('sheet-import-button').click();
  await expect(dialog.fileResult('press.csv')).toContainText('2 articles: 2 imported');
  await dialog.close();
  await expect(app.articleItem('Valet avgjort')).toContainText('SVT');
  await expect(app.articleItem('Valet avgjort')).toContainText('2026-09-05');
  await expect(app.articleItem('Toppmöte i Astana')).toContainText('DN');
});

test('the project goes out as REFI-QDA from the Export dialog and its .qdpx reads back in', async ({ app, host, page }) => {
  const { id } = await host.call('articles.importText', {
    text: 'Putin talade i Astana om CSTO:s roll. 😀 ”Trolling på hög nivå”, sa han.',
    title: 'Astana',
    source: 'SVT',
  });
  const tag = await host.call('tags.ensurePath', { path: ['Retorik', 'Trolling'] });
  await host.call('annotations.create', { articleId: id!, tagId: tag.id, start: 44, end: 62 });
  await page.reload();
  const exporter = await app.openExport();
  const download = page.waitForEvent('download');
  await exporter.root.getByTestId('refi-export-qdpx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('p.qdpx');
  const saved = test.info().outputPath('p.qdpx');
  await file.saveAs(saved);
  const bytes = readFileSync(saved);
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  await expect(exporter.root.getByTestId('refi-export-result')).toContainText('p.qdpx');
  await exporter.close();

  const dialog = await app.openImport();
  await dialog.root.getByRole('tab', { name: 'Files', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await dialog.root.getByTestId('import-file-input').click();
  await (await chooser).setFiles([{ name: 'p.qdpx', mimeType: 'application/zip', buffer: bytes }]);
  await dialog.root.getByTestId('import-files-button').click();
  await expect(dialog.fileResult('p.qdpx')).toHaveAttribute('data-status', 'duplicate');
  await expect(dialog.fileResult('p.qdpx')).toContainText('already here');
});

test('a news-database export is shown as its articles and, when the analyst agrees, imported apart', async ({ app }) => {
  const article = (title: string, outlet: string, date: string, body: string) =>
    `${title}\n${outlet}\n${date}\nCopyright 2024 ${outlet}\n\nSection: Nyheter\nLength: 120 words\nByline: Anna Lind\nBody\n\n${body}\n\nLoad-Date: ${date}\n\nEnd of Document\n\n`;
  const nexis =
    article('Regeringen höjer försvarsanslaget', 'Dagens Nyheter', 'October 8, 2024 Tuesday', 'Regeringen vill höja anslaget med ”flera miljarder”.') +
    article('Oppositionen kräver mer', 'Svenska Dagbladet', 'October 9, 2024 Wednesday', 'Oppositionen menar att höjningen är för liten.') +
    article('Nato välkomnar beskedet', 'Sveriges Radio', 'October 10, 2024 Thursday', 'Generalsekreteraren kallade beskedet ett steg i rätt riktning.');
  const dialog = await app.openImport();
  await dialog.chooseFiles([{ name: 'nexis.txt', content: nexis }]);
  await dialog.root.getByTestId('import-files-button').click();
  const confirm = dialog.root.getByTestId('split-confirm');
  await expect(confirm).toContainText('3 articles');
  await expect(confirm).toContainText('Regeringen höjer försvarsanslaget');
  await confirm.getByTestId('split-yes').click();
  await expect(dialog.fileResult('nexis.txt')).toContainText('3 articles: 3 imported');
  await dialog.close();
  await expect(app.articleItems).toHaveCount(3);
  await expect(app.articleItem('Oppositionen kräver mer')).toContainText('Svenska Dagbladet · 2024-10-09');
});

/** Drops files on the element as a person dragging them from the file manager would: enter, over, drop. */
async function dropFiles(page: import('@playwright/test').Page, selector: string, files: { name: string; content: string; type: string }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const data = new DataTransfer();
    for (const f of list) data.items.add(new File([f.content], f.name, { type: f.type }));
    return data;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent(selector, type, { dataTransfer: transfer });
}

test('a web page and a spreadsheet dropped on the window open the Import dialog, map, and list with their metadata', async ({ app, page }) => {
  const html = readFileSync(new URL('../unit/fixtures/import/news-page.html', import.meta.url), 'utf8');
  const csv = ['title,source,date,text', 'Hamnen byggs ut,Gotlands Tidning,2026-03-02,"Hamnen i Visby byggs ut.\nArbetet börjar i vår."'].join('\n');
  await expect(app.articleItems).toHaveCount(0);
  await dropFiles(page, 'main', [
    { name: 'putin.html', content: html, type: 'text/html' },
    { name: 'hamnar.csv', content: csv, type: 'text/csv' },
  ]);
  const dialog = new ImportDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.fileResult('putin.html')).toHaveAttribute('data-status', 'waiting');
  await expect(dialog.fileResult('hamnar.csv')).toHaveAttribute('data-status', 'waiting');
  await dialog.root.getByTestId('import-files-button').click();
  const mapping = dialog.root.getByTestId('sheet-mapping');
  await expect(mapping).toContainText('1 rows');
  await mapping.getByTestId('sheet-import-button').click();
  await expect(dialog.fileResult('putin.html')).toHaveAttribute('data-status', 'imported');
  await expect(dialog.fileResult('hamnar.csv')).toHaveAttribute('data-status', 'imported');
  await dialog.close();
  await expect(app.articleItem('Putin i Astana')).toContainText('Nyhetsbladet');
  await expect(app.articleItem('Hamnen byggs ut')).toContainText('Gotlands Tidning');
  await expect(app.articleItem('Hamnen byggs ut')).toContainText('2026-03-02');
});

test('Cancel stops a long spreadsheet part-way and keeps none of its rows; Import takes it up again', async ({ app, page }) => {
  const rows = ['title,text'];
  for (let i = 1; i <= 60_000; i++) rows.push(`Nyhet ${i},Text nummer ${i} om valet i kommunen och vad partierna lovade.`);
  const dialog = await app.openImport();
  await dialog.chooseFiles([{ name: 'stor.csv', content: rows.join('\n') }]);
  await dialog.root.getByTestId('import-files-button').click();
  const mapping = dialog.root.getByTestId('sheet-mapping');
  await expect(mapping).toContainText('60,000 rows');
  await mapping.getByTestId('sheet-import-button').click();
  await expect(mapping.getByTestId('sheet-progress')).toContainText(/\d+% read · [\d,]+ rows imported/);
  await page.screenshot({ path: test.info().outputPath('sheet-progress.png') });
  await dialog.root.getByTestId('import-cancel-button').click();
  await expect(dialog.fileResult('stor.csv')).toContainText('Cancelled before anything of it was stored');
  await expect(dialog.fileResult('stor.csv')).toHaveAttribute('data-status', 'waiting');
  await dialog.close();
  await expect(app.articleItems).toHaveCount(0);
});
