// Importing: several files with progress and per-file results; duplicates are reported, not stored twice.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import { harbourText, harbourTitle, summitText, summitTitle } from './support/articles.ts';

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
