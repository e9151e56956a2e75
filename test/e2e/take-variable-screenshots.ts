// Screenshots of article variables on a small made-up project: the list with chosen articles and the
// bar that sets a value on them, the filter and its chips, the Variables manager, the CSV preview and
// the open article's details. For reviewing the look. Run after `npm run build:renderer`:
//   node --import tsx test/e2e/take-variable-screenshots.ts
// They go to test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';
import { repoRoot, WebHost } from './support/webHost.ts';
import { createSampleProject, sampleArticles } from './support/sampleProject.ts';
import { ArticleListPane } from './pages/ArticleListPane.ts';

const reviewDir = join(repoRoot, 'test-results/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(reviewDir, `${name}.png`) });
  console.log(`saved ${join(reviewDir, `${name}.png`)}`);
}

const moreArticles = [
  { title: 'Regeringen skärper tonen mot grannlandet', source: 'Kvällsposten', date: '2024-05-18' },
  { title: 'Gränsbevakningen förstärks inför sommaren', source: 'Sveriges Radio', date: '2024-05-17' },
  { title: 'Border guards on alert after drone sightings', source: 'Baltic Monitor', date: '2024-05-15' },
  { title: 'Ledare: Alliansen behöver en ny riktning', source: 'Dagens Eko', date: '2024-05-14' },
  { title: 'Färjebolaget varnar för förseningar', source: 'Gotlands Tidning', date: '2024-05-12' },
  { title: 'Opinion: The summit that nobody wanted', source: 'Nordic Wire', date: '2024-05-11' },
  { title: 'Experter: ”Hotbilden är överdriven”', source: 'Kvällsposten', date: '2024-05-10' },
];

async function main() {
  await mkdir(reviewDir, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'framelens-variable-shots-'));
  const host = new WebHost(join(dir, 'Framing study 2024.framelens'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await host.start();
    await createSampleProject(host);
    for (const a of moreArticles) {
      const language = /^(Border|Opinion)/.test(a.title) ? 'en' : 'sv';
      await host.call('articles.importText', {
        text: `${a.title}\n\nEn kort text om ${a.title.toLowerCase()}.`,
        source: a.source,
        publishedAt: a.date,
        language,
      });
    }
    const kind = await host.call('variables.create', {
      name: 'Outlet kind',
      type: 'category',
      description: 'How the outlet presents itself, from its own about page.',
      categories: ['Tabloid', 'Broadsheet', 'Public service', 'Regional', 'Wire'],
    });
    const country = await host.call('variables.create', { name: 'Country', type: 'category', categories: ['SE', 'EE', 'LV', 'LT', 'FI'] });
    await host.call('variables.create', { name: 'Front page', type: 'boolean', description: 'The article was on the front page or the top of the site.' });
    await host.call('variables.create', { name: 'Words', type: 'number' });
    const byKind: Record<string, string> = {
      'Dagens Eko': 'Public service',
      'Sveriges Radio': 'Public service',
      Kvällsposten: 'Tabloid',
      'Gotlands Tidning': 'Regional',
      'Nordic Wire': 'Wire',
    };
    for (const [source, value] of Object.entries(byKind)) {
      await host.call('variables.setValue', { variableId: kind.id, value, filter: { conditions: [{ variable: 'source', op: 'is', values: [source] }] } });
    }
    await host.call('variables.setValue', {
      variableId: country.id,
      value: 'SE',
      filter: { conditions: [{ variable: 'language', op: 'is', values: ['sv'] }] },
    });

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => console.error(`page error: ${error.stack}`));
    await page.goto(host.url);
    await page.getByTestId('article-item').first().waitFor();
    const list = new ArticleListPane(page);
    const title = sampleArticles[0]!.text.split('\n')[0]!;

    // Chosen articles and the bar that sets a value on them.
    await page.getByTestId('article-item').filter({ hasText: title }).click();
    await page.getByTestId('reader-text').waitFor();
    await list.checkbox('Border guards on alert').click();
    await list.checkbox('Analysts split').click({ modifiers: ['Shift'] });
    await list.bar.getByTestId('selection-variable').selectOption({ label: 'Outlet kind' });
    await list.bar.getByTestId('selection-value').selectOption({ label: 'Broadsheet' });
    await shot(page, 'variables-selection');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 900, y: 600 } });
    await page.keyboard.press('Escape');

    // The filter: the menu, then the chips.
    await page.getByTestId('filter-button').click();
    await list.filterForm.getByTestId('filter-variable').selectOption({ label: 'Outlet kind' });
    await list.filterForm.getByLabel('Public service', { exact: true }).check();
    await list.filterForm.getByLabel('Tabloid', { exact: true }).check();
    await shot(page, 'variables-filter-menu');
    await list.filterForm.getByTestId('filter-add').click();
    await list.addCondition({ variable: 'Publication date', operator: 'is in the range', min: '2024-05-10', max: '2024-05-31' });
    await list.addCondition({ variable: 'Country', values: ['SE'] });
    await shot(page, 'variables-filter-chips');

    // The open article: values in its head, and its details form.
    await page.getByTestId('article-item').first().click();
    await page.getByTestId('reader-text').waitFor();
    await shot(page, 'variables-article-head');
    await page.getByTestId('edit-details').click();
    await shot(page, 'variables-details');
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The Variables manager.
    const manager = await list.openVariables();
    await manager.select('Outlet kind');
    await shot(page, 'variables-manager');
    await manager.root.getByTestId('new-variable').click();
    await shot(page, 'variables-manager-new');

    // A CSV: its preview, and a CSV the project refuses.
    const { articles } = await host.call('articles.list', {});
    const rows = articles.slice(0, 6).map((a, i) => `${a.id};${['Broadsheet', 'Tabloid', 'Regional'][i % 3]};${['EE', 'SE', 'LV'][i % 3]}`);
    await manager.openCsv();
    await manager.chooseCsv('outlet-coding.csv', ['id;Outlet kind;Country', ...rows, '9001;Tabloid;SE', '9002;Wire;FI'].join('\n'));
    await manager.preview.waitFor();
    await shot(page, 'variables-csv-preview');
    await manager.chooseCsv('coding-with-typo.csv', `id,Outlet kind,Region\n${articles[0]!.id},Tabloid,Nord\n`);
    await manager.csvError.waitFor();
    await shot(page, 'variables-csv-error');
    await manager.close();

    // A read-only project: the bar says why nothing can be set.
    await host.restart({ readOnly: true });
    const readOnly = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await readOnly.goto(host.url);
    await readOnly.getByTestId('article-item').first().waitFor();
    const roList = new ArticleListPane(readOnly);
    await roList.selectAll.click();
    await shot(readOnly, 'variables-read-only-selection');
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
