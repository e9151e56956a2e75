// The Reliability view against a project whose figures were worked out by hand (test/e2e/support/
// reliabilityProject.ts shows the working): percent agreement, kappa and alpha with its verdict, undefined
// figures with their reasons, the messages when there is nothing to compare, the bootstrap tag by tag with
// its progress and seed, and a disagreement settled into the consensus coder.
import type { Route } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { ReliabilityPage } from './pages/ReliabilityPage.ts';
import { addMoreArticles, createReliabilityProject, toppmotetTitle, type ReliabilityProject } from './support/reliabilityProject.ts';
import type { WebHost } from './support/webHost.ts';

const readOnlyExplanation = 'This project is open read-only: you can read, search and export, but not change it.';

/** A coefficient as the view writes it: three decimals, no leading zero (".854", "1.000"). */
const coefficient = (x: number) =>
  x
    .toFixed(3)
    .replace(/^(-?)0\./, '$1.')
    .replace('-', '−');

/** Each annotation of the article as [annotator, tag, start, end, id], in a stable order. */
async function annotationsOf(host: WebHost, articleId: number): Promise<[string, number, number, number, number][]> {
  const { annotations } = await host.call('annotations.list', { articleId });
  return annotations.map((a) => [a.annotator, a.tagId, a.start, a.end, a.id] as [string, number, number, number, number]).sort((x, y) => x[4] - y[4]);
}

test('a project with fewer than two coders says what to do', async ({ app, page }) => {
  await expect(app.projectName).toHaveText(/\.framelens$/);
  const view = new ReliabilityPage(page);
  await view.open();
  await expect(view.empty).toContainText('Reliability needs two coders');
  await expect(view.empty).toContainText('switch coder in the top bar');
  await expect(view.empty).toContainText('draw a reliability sample');
  await expect(view.empty.getByRole('button', { name: 'Draw a reliability sample…' })).toBeEnabled();
});

test.describe('on a project worked out by hand', () => {
  let project: ReliabilityProject;

  test.beforeEach(async ({ app, host, page }) => {
    project = await createReliabilityProject(host);
    await page.reload();
    await expect(app.projectName).toHaveText(/\.framelens$/);
  });

  test('percent agreement, kappa and alpha equal the hand-worked figures, and undefined ones say why', async ({ page }) => {
    const view = new ReliabilityPage(page);
    await view.open();
    // Each coder with how many articles they coded.
    await expect(view.root.getByTestId('reliability-coders').getByText('Ada', { exact: true }).locator('..')).toContainText('1 article');
    await view.chooseCoders('Ada', 'Bo');
    await expect(view.summary).toContainText('Ada and Bo: 1 article coded by both, 117 characters.');
    await expect(view.filterBadge).toHaveText('All articles');

    // Threat: Ada 0–37, Bo 0–30 over 117 characters.
    await expect(view.cell('Threat', 'cell-articles')).toHaveText('1');
    await expect(view.cell('Threat', 'cell-characters')).toHaveText('117');
    await expect(view.cell('Threat', 'cell-coded')).toHaveText('37');
    // 110 of 117 characters agree: 94.0%.
    await expect(view.cell('Threat', 'cell-percent')).toHaveText('94%');
    expect(Number(await view.cell('Threat', 'cell-percent').getAttribute('data-value'))).toBeCloseTo(110 / 117, 12);
    // κ = (12870 − 8070) / (13689 − 8070) = 4800/5619.
    await expect(view.cell('Threat', 'cell-kappa')).toHaveText('.854');
    expect(Number(await view.cell('Threat', 'cell-kappa').getAttribute('data-value'))).toBeCloseTo(4800 / 5619, 12);
    // α = 1 − 233·7 / (167·67), reliable (≥ .800), said in words as well as in colour.
    const alpha = view.cell('Threat', 'cell-alpha');
    await expect(alpha).toContainText('.854');
    await expect(alpha.getByTestId('verdict')).toHaveText('reliable');
    await expect(alpha.getByTestId('verdict')).toHaveAttribute('title', /≥ \.800/);
    expect(Number(await alpha.getAttribute('data-value'))).toBeCloseTo(1 - (233 * 7) / (167 * 67), 12);
    // Both coders say Threat occurs in the article, the only value there is: undefined, with the reason.
    const presence = view.cell('Threat', 'cell-presence');
    await expect(presence).toHaveAttribute('title', /no variation/i);
    await expect(presence).toContainText(/undefined: .*no variation/i);
    await expect(view.cell('Threat', 'cell-article-code')).toHaveAttribute('title', 'No chosen coder applied this tag to a whole article.');

    // Trolling: the same 49 characters for both.
    await expect(view.cell('Trolling', 'cell-percent')).toHaveText('100%');
    await expect(view.cell('Trolling', 'cell-kappa')).toHaveText('1.000');
    await expect(view.cell('Trolling', 'cell-alpha').getByTestId('verdict')).toHaveText('reliable');

    // All tags: the two tags' copies of the 117 characters, 227 of 234 agreeing.
    await expect(view.cell('All tags', 'cell-characters')).toHaveText('234');
    await expect(view.cell('All tags', 'cell-percent')).toHaveText('97%');
    await expect(view.cell('All tags', 'cell-unitized')).toHaveAttribute('data-reason', 'Given for each tag on its own.');
    await expect(view.explanation).toContainText('α ≥ .800');
    await expect(view.table).not.toContainText(/NaN|Infinity/);

    // The table has its headers for screen readers.
    await expect(view.table.getByRole('columnheader', { name: '% agree' })).toBeVisible();
    await expect(view.table.getByRole('rowheader', { name: 'Threat' })).toBeVisible();
  });

  test('one coder, or coders with no article in common, get the reason instead of figures', async ({ app, page }) => {
    const view = new ReliabilityPage(page);
    await view.open();
    await view.chooseCoders('Ada');
    await expect(view.message).toContainText('Agreement needs two coders or more; only "Ada" was chosen.');
    await view.chooseCoders('Ada', 'Cy');
    await expect(view.message).toContainText('These coders have no article in common');
    await expect(view.table).toHaveCount(0);

    // The article list's search narrows the articles, and the view says so.
    await page.getByTestId('view-articles').click();
    await app.searchFor('Astana');
    await expect(app.articleItems).toHaveCount(1);
    await view.open();
    await expect(view.filterBadge).toHaveText('filtered: search “Astana”');
    await view.chooseCoders('Ada', 'Bo');
    await expect(view.summary).toContainText('1 article coded by both among those the filter leaves in');
    await expect(view.root.getByTestId('reliability-coders').getByText('Cy', { exact: true }).locator('..')).toContainText('0 of 1 article');
  });

  test('a disagreement shown side by side is settled into the consensus coder, leaving the coders’ own passages', async ({ host, page }) => {
    const before = await annotationsOf(host, project.articleId);
    const view = new ReliabilityPage(page);
    await view.open();
    await view.chooseCoders('Ada', 'Bo');
    await view.openReview('Threat');

    // One stretch, 0–37: both tagged Threat, with different bounds.
    await expect(view.items).toHaveCount(1);
    await expect(view.items.first().getByTestId('disagreement-kind')).toHaveText('Different bounds');
    await expect(view.items.first().getByTestId('disagreement-article')).toHaveText(toppmotetTitle);
    await expect(view.side.getByTestId('side-title')).toHaveText(toppmotetTitle);
    const ada = view.side.getByTestId('coder-first');
    const bo = view.side.getByTestId('coder-second');
    await expect(ada.getByRole('heading')).toHaveText('Ada');
    await expect(ada.getByTestId('passage-label')).toContainText('Threat');
    await expect(ada.getByTestId('coder-passage')).toHaveText('Putin talade i Astana om CSTO:s roll.');
    await expect(bo.getByTestId('coder-passage')).toHaveText('Putin talade i Astana om CSTO:');
    await expect(view.consensus).toHaveValue('Consensus');

    await view.decideButton('first').click();
    await expect(view.items.first().getByTestId('disagreement-decision')).toHaveText('✓ kept Ada’s');
    await expect(view.side.getByTestId('side-decision')).toContainText('Settled: kept Ada’s.');
    await expect
      .poll(async () => (await annotationsOf(host, project.articleId)).filter((a) => a[0] === 'Consensus').map((a) => a.slice(1, 4)))
      .toEqual([[project.threat, 0, 37]]);
    const after = await annotationsOf(host, project.articleId);
    expect(after.filter((a) => a[0] !== 'Consensus')).toEqual(before);
    const coders = (await host.call('coders.list', {})).coders;
    expect(coders.find((c) => c.name === 'Consensus')?.consensus).toBe(true);

    // Keys: 0 drops both, replacing the earlier decision; j and k stay within the one stretch.
    await view.items.first().click();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('0');
    await expect(view.items.first().getByTestId('disagreement-decision')).toHaveText('✓ dropped both');
    await expect.poll(async () => (await annotationsOf(host, project.articleId)).filter((a) => a[0] === 'Consensus')).toEqual([]);
    expect((await annotationsOf(host, project.articleId)).filter((a) => a[0] !== 'Consensus')).toEqual(before);

    // The reader opens at the stretch.
    await view.side.getByTestId('open-in-reader').click();
    await expect(page.getByTestId('article-title')).toHaveText(toppmotetTitle);
  });

  test('the bootstrap goes tag by tag with a progress bar and a Cancel, and shows its intervals with the seed', async ({ host, page }) => {
    await addMoreArticles(host, project);
    await page.reload();
    const view = new ReliabilityPage(page);
    await view.open();
    await view.chooseCoders('Ada', 'Bo');
    await expect(view.summary).toContainText('3 articles coded by both');
    await expect(view.table.getByRole('columnheader', { name: '95% interval' })).toHaveCount(0);

    // Bootstrap requests wait until let go, so the progress can be seen.
    let release: () => void = () => {};
    let held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/reliability.agreement', async (route: Route) => {
      const body = route.request().postDataJSON() as { bootstrap?: unknown } | null;
      if (body?.bootstrap) await held;
      await route.continue();
    });

    await view.bootstrapSeed.fill('7');
    await view.bootstrapStart.click();
    await expect(view.bootstrapProgress).toContainText('0 of 2 tags');
    await expect(view.bootstrapProgress.getByRole('progressbar')).toBeVisible();
    await expect(view.bootstrapCancel).toBeVisible();
    await expect(view.cell('Threat', 'cell-interval')).toHaveAttribute('title', 'Being computed…');
    release();
    await expect(view.bootstrapStatus).toHaveText('95% intervals from 1,000 bootstrap resamples of articles, seed 7.');
    await expect(view.bootstrapProgress).toHaveCount(0);

    // The intervals are the host's for the same seed: each tag's own call, and all tags together.
    const coders = ['Ada', 'Bo'];
    for (const [tag, tagIds] of [
      ['Threat', [project.threat]],
      ['Trolling', [project.trolling]],
      ['All tags', undefined],
    ] as const) {
      const result = await host.call('reliability.agreement', { coders, tagIds: tagIds ? [...tagIds] : undefined, bootstrap: { seed: 7, resamples: 1000 } });
      const interval = result.rows.find((r) => r.tag === tag)?.interval;
      expect(interval, tag).toBeTruthy();
      await expect(view.cell(tag, 'cell-interval')).toHaveText(`[${coefficient(interval!.low)}, ${coefficient(interval!.high)}]`);
      await expect(view.cell(tag, 'cell-below667')).toHaveText(coefficient(interval!.below667));
      await expect(view.cell(tag, 'cell-below800')).toHaveText(coefficient(interval!.below800));
    }

    // Another seed: the button says so; cancelling keeps what came back (nothing yet) and says where it stopped.
    held = new Promise<void>((resolve) => (release = resolve));
    await view.bootstrapSeed.fill('8');
    await expect(view.bootstrapStart).toHaveText('Bootstrap again with seed 8');
    await view.bootstrapStart.click();
    await expect(view.bootstrapProgress).toContainText('0 of 2 tags');
    await view.bootstrapCancel.click();
    release();
    await expect(view.bootstrapStatus).toContainText('Cancelled after 0 of 2 tags');
    await expect(view.cell('Threat', 'cell-interval')).toHaveAttribute('title', /cancelled/);
  });

  test('a read-only project shows the figures but cannot settle a disagreement or draw a sample', async ({ app, host, page }) => {
    await host.restart({ readOnly: true });
    await app.open(host.url);
    const view = new ReliabilityPage(page);
    await view.open();
    await view.chooseCoders('Ada', 'Bo');
    await expect(view.cell('Threat', 'cell-kappa')).toHaveText('.854');
    await expect(view.sampleButton).toBeDisabled();
    await expect(view.sampleButton).toHaveAttribute('title', readOnlyExplanation);
    await view.openReview('Threat');
    for (const decision of ['first', 'second', 'both', 'neither'] as const) {
      await expect(view.decideButton(decision)).toBeDisabled();
      await expect(view.decideButton(decision)).toHaveAttribute('title', readOnlyExplanation);
    }
    await expect(view.consensus).toBeDisabled();
    await page.keyboard.press('1');
    expect((await annotationsOf(host, project.articleId)).some((a) => a[0] === 'Consensus')).toBe(false);
  });

  test('a reliability sample is drawn with the seed shown and marked with a variable', async ({ host, page }) => {
    const view = new ReliabilityPage(page);
    await view.open();
    await view.sampleButton.click();
    const dialog = page.getByTestId('sample-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('sample-size').fill('1');
    await dialog.getByTestId('sample-by').selectOption({ label: 'Source' });
    await dialog.getByTestId('sample-seed').fill('42');
    await dialog.getByTestId('sample-draw').click();
    const result = dialog.getByTestId('sample-result');
    await expect(result).toContainText('Drew 1 article with seed 42.');
    await expect(result).toContainText('marked “yes” in the variable “Reliability sample”');
    await expect(result.getByTestId('sample-strata').locator('tbody tr')).toHaveCount(2);
    const variable = (await host.call('variables.list', {})).variables.find((v) => v.name === 'Reliability sample');
    expect(variable?.articleCount).toBe(1);
    await dialog.getByTestId('sample-close').click();
    await expect(dialog).toBeHidden();
  });
});
