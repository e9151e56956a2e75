// Screenshots of the Entities and Charts views on a small made-up project, for reviewing the look and
// for the README. Run after `npm run build:renderer`:
//   node --import tsx test/e2e/take-entity-screenshots.ts
// entities.png and charts.png go to test/e2e/screenshots/; the rest to test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';
import { repoRoot, WebHost } from './support/webHost.ts';
import { createEntityProject } from './support/entityArticles.ts';

const readmeDir = join(repoRoot, 'test/e2e/screenshots');
const reviewDir = join(repoRoot, 'test-results/screenshots');

async function shot(page: Page, name: string, dir = reviewDir, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
  console.log(`saved ${join(dir, `${name}.png`)}`);
}

async function main() {
  await mkdir(readmeDir, { recursive: true });
  await mkdir(reviewDir, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'framelens-entity-shots-'));
  const host = new WebHost(join(dir, 'Bank intrusion 2024.framelens'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await host.start();
    await createEntityProject(host);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => console.error(`page error: ${error.stack}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        console.error(`console ${message.type()}: ${JSON.stringify(message.text())} at ${JSON.stringify(message.location())}`);
    });
    await page.goto(host.url);
    await page.getByTestId('article-item').first().waitFor();

    // Some curation done already: the company renamed to its full name, so its short name is an alias.
    const { entities } = await host.call('entities.list', {});
    const nordsec = entities.find((e) => e.name === 'NORDSEC');
    if (nordsec) await host.call('entities.rename', { id: nordsec.id, name: 'Nordsec AB' });

    await page.getByTestId('view-entities').click();
    await page.getByTestId('entity-row').first().waitFor();
    const row = (name: string) => page.getByTestId('entity-row').filter({ has: page.getByTestId('entity-name').getByText(name, { exact: true }) });
    await row('Nordbanken').getByTestId('entity-choose').check();
    await row('Nordbank AB').getByTestId('entity-choose').check();
    await row('Nordsec AB').getByTestId('entity-name').click();
    await page.getByTestId('kwic-line').first().waitFor();
    await page.mouse.move(700, 80);
    await shot(page, 'entities', readmeDir);
    await page.getByTestId('ignored-names').locator('summary').click();
    await shot(page, 'entities-ignored');

    await page.getByTestId('view-charts').click();
    const canvas = page.getByTestId('top-entities-canvas');
    await canvas.waitFor();
    await page.waitForTimeout(500);
    const point = await canvas.evaluate(
      (el: HTMLCanvasElement & { framelensChart?: { getDatasetMeta(i: number): { data: { getCenterPoint(final: boolean): { x: number; y: number } }[] } } }) =>
        el.framelensChart!.getDatasetMeta(0).data[0]!.getCenterPoint(true),
    );
    await canvas.click({ position: { x: point.x, y: point.y } });
    await page.getByTestId('kwic-line').first().waitFor();
    // Away from the bars, so no tooltip covers the chart.
    await page.mouse.move(700, 80);
    await shot(page, 'charts', readmeDir);
    await page.getByTestId('chart-timeline').scrollIntoViewIfNeeded();
    await shot(page, 'charts-lower');
    await page.setViewportSize({ width: 1440, height: 1500 });
    await shot(page, 'charts-all');
    await page.getByTestId('chart-top-entities').getByTestId('show-table').click();
    await shot(page, 'charts-tables');
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
