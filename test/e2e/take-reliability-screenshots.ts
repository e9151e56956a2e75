// Screenshots of the Reliability view on a small made-up study coded by two coders: the agreement table
// with its bootstrap intervals, and one disagreement side by side. For reviewing the look and for the
// README. Run after `npm run build:renderer`:
//   node --import tsx test/e2e/take-reliability-screenshots.ts
// They go to test/e2e/screenshots/reliability.png and reliability-review.png; a few more for review go
// to test-results/screenshots/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';
import { repoRoot, WebHost } from './support/webHost.ts';

const readmeDir = join(repoRoot, 'test/e2e/screenshots');
const reviewDir = join(repoRoot, 'test-results/screenshots');

async function shot(page: Page, name: string, dir = reviewDir): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(dir, `${name}.png`) });
  console.log(`saved ${join(dir, `${name}.png`)}`);
}

type Coding = [tag: string, quote: string];
type Article = { title: string; source: string; text: string; karin: Coding[]; jonas: Coding[] };

// Karin and Jonas mostly agree on Threat, less on Economy, and hardly on Irony.
const articles: Article[] = [
  {
    title: 'Border tension rises',
    source: 'Dagens Eko',
    text: 'Officials warned that an invasion could come within weeks. The ministry said an invasion would cost the budget dearly, and the finance office agreed. Critics called the warning a show for the cameras.',
    karin: [
      ['Threat', 'an invasion could come within weeks'],
      ['Threat > Military threat', 'an invasion would cost the budget dearly'],
      ['Economy', 'the budget dearly, and the finance office agreed'],
      ['Irony', 'a show for the cameras'],
    ],
    jonas: [
      ['Threat', 'Officials warned that an invasion could come within weeks'],
      ['Threat > Military threat', 'an invasion would cost the budget dearly'],
      ['Economy', 'the finance office agreed'],
    ],
  },
  {
    title: 'Drills near the coast',
    source: 'Dagens Eko',
    text: 'The navy held drills after reports of a planned invasion along the coast. Fishermen complained that the drills cost them a week of catch.',
    karin: [
      ['Threat', 'reports of a planned invasion along the coast'],
      ['Economy', 'the drills cost them a week of catch'],
    ],
    jonas: [
      ['Threat', 'reports of a planned invasion along the coast'],
      ['Economy', 'cost them a week of catch'],
    ],
  },
  {
    title: 'Budget talks resume',
    source: 'Nordic Wire',
    text: 'The budget talks resumed on Tuesday. Negotiators hope the budget passes before summer, though some joked that summer might never come.',
    karin: [
      ['Economy', 'The budget talks resumed on Tuesday'],
      ['Economy', 'hope the budget passes before summer'],
      ['Irony', 'some joked that summer might never come'],
    ],
    jonas: [
      ['Economy', 'The budget talks resumed on Tuesday'],
      ['Irony', 'joked that summer might never come'],
    ],
  },
  {
    title: 'Troops gather',
    source: 'Nordic Wire',
    text: 'Troops gathered at the frontier, raising fears of an invasion. Markets fell for the third day in a row.',
    karin: [
      ['Threat > Military threat', 'Troops gathered at the frontier, raising fears of an invasion'],
      ['Economy', 'Markets fell for the third day in a row'],
    ],
    jonas: [
      ['Threat > Military threat', 'Troops gathered at the frontier, raising fears of an invasion'],
      ['Economy', 'Markets fell for the third day in a row'],
    ],
  },
  {
    title: 'Shelters reopened',
    source: 'Dagens Eko',
    text: 'Cities reopened old shelters in case an invasion begins. The mayor said, with a smile, that the shelters had never looked better.',
    karin: [['Threat', 'in case an invasion begins']],
    jonas: [
      ['Threat', 'Cities reopened old shelters in case an invasion begins'],
      ['Irony', 'the shelters had never looked better'],
    ],
  },
  {
    title: 'Inflation slows',
    source: 'Nordic Wire',
    text: 'Inflation slowed in April, easing pressure on the budget. Economists warned the relief may be brief.',
    karin: [['Economy', 'Inflation slowed in April, easing pressure on the budget']],
    jonas: [['Economy', 'Inflation slowed in April, easing pressure on the budget']],
  },
];

async function createProject(host: WebHost): Promise<void> {
  const ids = new Map<string, number>();
  const colours: Record<string, string> = { Threat: '#e03131', 'Threat > Military threat': '#f76707', Economy: '#1971c2', Irony: '#ae3ec9' };
  for (const [path, color] of Object.entries(colours)) {
    const tag = await host.call('tags.ensurePath', { path: path.split(' > ') });
    await host.call('tags.update', { id: tag.id, color });
    ids.set(path, tag.id);
  }
  for (const [name, color] of [
    ['Karin', '#1f6fb2'],
    ['Jonas', '#c2410c'],
  ] as const) {
    const known = (await host.call('coders.list', {})).coders.find((c) => c.name === name);
    if (known) await host.call('coders.update', { id: known.id, color });
    else await host.call('coders.create', { name, color });
  }
  for (const a of articles) {
    const imported = await host.call('articles.importText', { text: a.text, title: a.title, source: a.source, language: 'en' });
    for (const [annotator, codings] of [
      ['Karin', a.karin],
      ['Jonas', a.jonas],
    ] as const) {
      for (const [tag, quote] of codings) {
        const start = a.text.indexOf(quote);
        if (start < 0) throw new Error(`Quote not in text: ${quote}`);
        await host.call('annotations.create', { articleId: imported.id!, tagId: ids.get(tag)!, start, end: start + quote.length, annotator });
      }
    }
  }
}

async function main() {
  await mkdir(readmeDir, { recursive: true });
  await mkdir(reviewDir, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), 'framelens-reliability-shots-'));
  const host = new WebHost(join(dir, 'Framing study 2024.framelens'));
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    await host.start();
    await host.call('settings.setAnnotator', { name: 'Karin' });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => console.error(`page error: ${error.stack}`));
    await page.goto(host.url);
    await page.getByTestId('project-name').filter({ hasText: '.framelens' }).waitFor();
    await page.getByTestId('view-reliability').click();
    await page.getByTestId('reliability-empty').waitFor();
    await shot(page, 'reliability-no-coders');

    await createProject(host);
    await page.reload();
    await page.getByTestId('view-reliability').click();
    const view = page.getByTestId('reliability-view');
    await view.getByTestId('agreement-table').waitFor();
    await shot(page, 'reliability-point-figures');
    // Hold the bootstrap's third request a moment, to see its progress.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    await page.route('**/api/reliability.agreement', async (route) => {
      if ((route.request().postDataJSON() as { bootstrap?: unknown } | null)?.bootstrap && ++asked === 3) await held;
      await route.continue();
    });
    await view.getByTestId('bootstrap-seed').fill('20240517');
    await view.getByTestId('bootstrap-start').click();
    await view.getByTestId('bootstrap-progress').filter({ hasText: '2 of 4 tags' }).waitFor();
    await shot(page, 'reliability-bootstrap-progress');
    release();
    await view.getByTestId('bootstrap-status').filter({ hasText: 'seed 20240517' }).waitFor();
    await shot(page, 'reliability', readmeDir);

    await view.locator('[data-testid="agreement-row"][data-tag="Threat"]').getByTestId('review-button').click();
    await view.getByTestId('side-by-side').waitFor();
    await view.getByTestId('coder-first').waitFor();
    await shot(page, 'reliability-review', readmeDir);
    await page.keyboard.press('j');
    await view.getByTestId('decide-first').click();
    await view.getByTestId('disagreement-decision').first().waitFor();
    await shot(page, 'reliability-review-decided');

    await view.getByTestId('review-back').click();
    await view.locator('[data-testid="agreement-row"][data-tag="Irony"]').getByTestId('review-button').click();
    await view.getByTestId('coder-first').waitFor();
    await shot(page, 'reliability-review-irony');
    await view.getByTestId('review-back').click();
    await view.getByTestId('sample-button').click();
    const dialog = page.getByTestId('sample-dialog');
    await dialog.getByTestId('sample-by').selectOption({ label: 'Source' });
    await dialog.getByTestId('sample-size').fill('4');
    await shot(page, 'reliability-sample');
    await dialog.getByTestId('sample-draw').click();
    await dialog.getByTestId('sample-result').waitFor();
    await shot(page, 'reliability-sample-drawn');
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
