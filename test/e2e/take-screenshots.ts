// Takes screenshots of every Framelens screen against the real web host, for reviewing the look and
// for the README. Run after `npm run build:renderer`:
//   node --import tsx test/e2e/take-screenshots.ts
// The annotation view goes to test/e2e/screenshots/annotation-view.png; the rest to
// test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';
import { repoRoot, WebHost } from './support/webHost.ts';
import { createSampleProject, sampleArticles } from './support/sampleProject.ts';
import { createCompareProject } from './support/compareProject.ts';

const readmeDir = join(repoRoot, 'test/e2e/screenshots');
const reviewDir = join(repoRoot, 'test-results/screenshots');

async function shot(page: Page, name: string, dir = reviewDir): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(dir, `${name}.png`) });
  console.log(`saved ${join(dir, `${name}.png`)}`);
}

async function main() {
  await mkdir(readmeDir, { recursive: true });
  await mkdir(reviewDir, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'framelens-shots-'));
  const host = new WebHost(join(dir, 'Framing study 2024.framelens'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await host.start();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });

    await page.goto(host.url);
    await page.getByRole('dialog', { name: 'Who is annotating?' }).waitFor();
    await shot(page, 'first-run');
    await page.getByRole('button', { name: 'Later' }).click();
    await shot(page, 'empty-project');

    await createSampleProject(host);
    // The reader underlines the names detection finds; wait for it so the screenshots show them.
    for (let i = 0; i < 300 && (await host.call('entities.progress', {})).running; i++) await page.waitForTimeout(100);
    await page.reload();
    await page.getByTestId('article-item').first().waitFor();
    await shot(page, 'choose-article');
    const title = sampleArticles[0]!.text.split('\n')[0]!;
    await page.getByTestId('article-item').filter({ hasText: title }).click();
    await page.getByTestId('reader-text').waitFor();
    await page.locator('[data-annotation-ids]').first().waitFor();
    await page.locator('[data-mention-ids]').first().waitFor();
    await shot(page, 'annotation-view', readmeDir);

    await page.getByTestId('article-search').fill('overraskade');
    await page.getByTestId('article-snippet').first().waitFor();
    await shot(page, 'search');
    await page.getByTestId('article-search').fill('');

    await page.getByTestId('edit-details').click();
    await shot(page, 'article-details');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import articles' });
    await shot(page, 'import-files-empty');
    const chooser = page.waitForEvent('filechooser');
    await importDialog.getByTestId('import-file-input').click();
    await (
      await chooser
    ).setFiles([
      {
        name: 'riksdagen-debatt.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Debatten i riksdagen\n\nPartiledarna möttes i en hätsk debatt om försvaret.'),
      },
      { name: 'toppmotet-kopia.txt', mimeType: 'text/plain', buffer: Buffer.from(sampleArticles[0]!.text) },
      { name: 'tom.md', mimeType: 'text/markdown', buffer: Buffer.from('') },
    ]);
    await shot(page, 'import-files-chosen');
    await importDialog.getByTestId('import-files-button').click();
    await importDialog.getByTestId('import-summary').waitFor();
    await shot(page, 'import-files-results');
    await importDialog.getByRole('tab', { name: 'Paste text' }).click();
    await importDialog
      .getByTestId('import-text')
      .fill('Ny rapport om gränsbevakningen\n\nMyndigheten presenterade på tisdagen en rapport om läget vid gränsen.');
    await importDialog.getByTestId('import-source').fill('Sveriges Radio');
    await importDialog.getByTestId('import-language').fill('Swedish');
    await importDialog.getByTestId('import-text-button').click();
    await importDialog.getByTestId('form-error').waitFor();
    await shot(page, 'import-paste-error');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Codebook', exact: true }).click();
    const codebook = page.getByRole('dialog', { name: 'Codebook' });
    await codebook.locator('[data-tag-path="Threat"]').click();
    await shot(page, 'codebook');
    await codebook.getByTestId('tag-delete').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).waitFor();
    await shot(page, 'codebook-delete-confirm');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export' });
    await exportDialog.getByTestId('export-chosen').check();
    await exportDialog.getByText('Alliance tension').first().click();
    await shot(page, 'export');
    await exportDialog.getByTestId('table-export').scrollIntoViewIfNeeded();
    await shot(page, 'export-tables');
    await page.keyboard.press('Escape');

    // What the analyst sees when the web host has gone away.
    await host.stop();
    await page.getByTestId('article-search').fill('hamnen');
    await page.getByTestId('toast-error').waitFor();
    await shot(page, 'host-stopped');
    await host.start();

    const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await fresh.goto(new URL(host.url).origin + '/');
    await fresh.getByTestId('missing-token').waitFor();
    await shot(fresh, 'missing-token');

    // The same project served read-only: the badge, the banner, the reader with nothing to change.
    await host.restart({ readOnly: true });
    const readOnly = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await readOnly.goto(host.url);
    await readOnly.getByTestId('read-only-badge').waitFor();
    await readOnly.getByTestId('article-item').filter({ hasText: title }).click();
    await readOnly.locator('[data-annotation-ids]').first().waitFor();
    await readOnly.locator('[data-mention-ids]').first().waitFor();
    await shot(readOnly, 'read-only');
    await readOnly.locator('[data-annotation-ids]').first().click();
    await readOnly.getByTestId('annotation-popover').waitFor();
    await shot(readOnly, 'read-only-popover');
    await readOnly.keyboard.press('Escape');
    const firstWords = (await readOnly.getByTestId('reader-text').innerText())
      .split('\n')
      .find((line) => line.length > 40)!
      .slice(0, 30);
    await readOnly.getByTestId('reader-text').getByText(firstWords).first().selectText();
    await readOnly.getByTestId('reader-text').dispatchEvent('mouseup');
    await readOnly.getByTestId('toast-info').waitFor();
    await shot(readOnly, 'read-only-tag-refused');
    await readOnly.getByRole('button', { name: 'Codebook', exact: true }).click();
    await readOnly.getByRole('dialog', { name: 'Codebook' }).locator('[data-tag-path="Threat"]').click();
    await shot(readOnly, 'read-only-codebook');
    await readOnly.keyboard.press('Escape');
    await readOnly.getByTestId('view-entities').click();
    await readOnly.getByTestId('entity-row').first().getByTestId('entity-name').click();
    await readOnly.getByTestId('entity-details').waitFor();
    await shot(readOnly, 'read-only-entities');
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
  await compareShots();
}

/** The Compare view on a project of two outlets and two frames, from the empty choice to the passages behind a cell. */
async function compareShots(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'framelens-shots-'));
  const host = new WebHost(join(dir, 'Outlets and frames.framelens'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await host.start();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(host.url);
    await page.getByRole('dialog', { name: 'Who is annotating?' }).waitFor();
    await page.getByRole('button', { name: 'Later' }).click();
    await page.getByTestId('view-compare').click();
    await page.getByTestId('compare-empty').waitFor();
    await shot(page, 'compare-no-tags');

    await host.call('settings.setAnnotator', { name: 'Karin B.' });
    await createCompareProject(host);
    await page.reload();
    await page.getByTestId('view-compare').click();
    const view = page.getByTestId('compare-view');
    await view.getByTestId('compare-empty').waitFor();
    await shot(page, 'compare-choose');
    const tags = view.getByTestId('compare-tags');
    await tags.locator('summary').click();
    await tags.locator('[data-tag-path="Threat"]').check();
    await tags.locator('[data-tag-path="Economy"]').check();
    await shot(page, 'compare-tag-chooser');
    await page.keyboard.press('Escape');
    await view.getByTestId('compare-group').selectOption('var:source');
    await view.getByTestId('crosstab-statistic').waitFor();
    await view.getByTestId('distinctive-canvas').waitFor();
    await shot(page, 'compare');
    const scroll = view.locator('.scroll').first();
    await scroll.evaluate((el) => el.scrollTo(0, 620));
    await view.getByTestId('cooccurrence-cell').first().click();
    await view.getByTestId('term-line').first().waitFor();
    await shot(page, 'compare-cooccurrence-passages');
    await view.getByTestId('compare-cooccurrence').getByRole('button', { name: 'Whole codebook' }).click();
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await shot(page, 'compare-whole-codebook');
    await scroll.evaluate((el) => el.scrollTo(0, 0));
    await view.getByTestId('compare-mode').getByRole('button', { name: 'One tag vs. the rest' }).click();
    await view.getByTestId('compare-group').selectOption('time:month');
    await view.getByText('Mar 2024').first().waitFor();
    await shot(page, 'compare-rest-by-month');
    await view.getByTestId('compare-group').selectOption('var:language');
    await view.getByTestId('crosstab-message').waitFor();
    await shot(page, 'compare-no-test');
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
