// The Compare view against a project whose numbers were worked out by hand (test/e2e/support/
// compareProject.ts shows the working): the prevalence table, the crosstab with chi-square, residuals and
// Fisher's p, the most distinctive word, and the passages behind a word or a co-occurrence cell opening
// in the reader.
import { parse } from 'csv-parse/sync';
import { test, expect } from './fixtures.ts';
import { ComparePage } from './pages/ComparePage.ts';
import { createCompareProject } from './support/compareProject.ts';

test('an empty codebook, and tags without passages, say what to do next', async ({ app, host, page }) => {
  const compare = new ComparePage(page);
  await compare.open();
  await expect(compare.empty).toContainText('No tags to compare yet');
  await expect(compare.empty.getByRole('button', { name: 'Open the codebook' })).toBeVisible();

  await host.call('tags.ensurePath', { path: ['Conflict'] });
  await host.call('tags.ensurePath', { path: ['Morality'] });
  await page.reload();
  await expect(app.projectName).toHaveText(/\.framelens$/);
  await compare.open();
  await compare.choose('Conflict', 'Morality');
  await expect(compare.empty).toContainText('No passages with these tags');
  await expect(compare.empty).toContainText('“Conflict” or “Morality”');
});

test.describe('on a project counted by hand', () => {
  test.beforeEach(async ({ app, host, page }) => {
    await createCompareProject(host);
    // The app was opened on the empty project; load it again to see the codebook and the articles.
    await page.reload();
    await expect(app.articleItems).toHaveCount(14);
  });

  test('two tags grouped by source show the counts, chi-square, residuals and Fisher’s p worked out by hand', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.open();
    await expect(compare.empty).toContainText('Choose two tags or more');
    await expect(compare.filterBadge).toHaveText('All articles');

    await compare.choose('Threat');
    await expect(compare.empty).toContainText('One more');
    await compare.choose('Economy');
    await compare.group('Source');

    // Prevalence: Threat (with its subtag) in 7 of 14 articles, 8 passages; Economy in 6, 7 passages.
    const threatAll = compare.prevalenceRow('All articles', 'Threat');
    await expect(threatAll.getByTestId('cell-passages')).toHaveText('8');
    await expect(threatAll.getByTestId('cell-articles')).toHaveText('7');
    await expect(threatAll.getByTestId('cell-share')).toHaveText('50%');
    const economyAll = compare.prevalenceRow('All articles', 'Economy');
    await expect(economyAll.getByTestId('cell-passages')).toHaveText('7');
    await expect(economyAll.getByTestId('cell-articles')).toHaveText('6');
    await expect(economyAll.getByTestId('cell-share')).toHaveText('42.9%');
    const threatEko = compare.prevalenceRow('Dagens Eko', 'Threat');
    await expect(threatEko.getByTestId('cell-passages')).toHaveText('7');
    await expect(threatEko.getByTestId('cell-share')).toHaveText('75%');
    // Dagens Eko's one Economy passage: "the budget dearly, and the finance office agreed", 48 characters.
    const economyEko = compare.prevalenceRow('Dagens Eko', 'Economy');
    await expect(economyEko.getByTestId('cell-characters')).toHaveText('48');
    await expect(economyEko.getByTestId('cell-share')).toHaveText('12.5%');
    await expect(compare.prevalenceRow('Nordic Wire', 'Economy').getByTestId('cell-share')).toHaveText('83.3%');

    // Crosstab of articles: Dagens Eko 6 Threat, 1 Economy; Nordic Wire 1 and 5.
    await expect(compare.crosstabCell('Dagens Eko', 'Threat').getByTestId('crosstab-count')).toHaveText('6');
    await expect(compare.crosstabCell('Dagens Eko', 'Economy').getByTestId('crosstab-count')).toHaveText('1');
    await expect(compare.crosstabCell('Nordic Wire', 'Threat').getByTestId('crosstab-count')).toHaveText('1');
    await expect(compare.crosstabCell('Nordic Wire', 'Economy').getByTestId('crosstab-count')).toHaveText('5');
    // χ² = (29/13)² · (13/49 + 13/42 + 13/42 + 13/36) = 6.198; V = √(6.198/13) = .690.
    await expect(compare.statistic).toHaveText('χ²(1) = 6.20, p = .013, Cramér’s V = .69');
    // Adjusted residual (29/13) / √(49/13 · 6/13 · 6/13) = 2.49: Dagens Eko uses Threat more than expected.
    const over = compare.crosstabCell('Dagens Eko', 'Threat');
    await expect(over.getByTestId('crosstab-residual')).toHaveText('+2.49');
    await expect(over).toHaveClass(/\bover\b/);
    const under = compare.crosstabCell('Dagens Eko', 'Economy');
    await expect(under.getByTestId('crosstab-residual')).toHaveText('−2.49');
    await expect(under).toHaveClass(/\bunder\b/);
    // Fisher's exact, two-sided: 50/1716 = .029. Every expected count is below 5.
    await expect(compare.fisher).toHaveText('Fisher’s exact p = .029 (two-sided)');
    await expect(compare.smallCounts).toContainText('4 of 4 cells expect fewer than 5 articles');
    await expect(compare.crosstab).toContainText('A residual above 1.96 means this source uses the tag more often');
    await expect(compare.crosstab).not.toContainText(/NaN|Infinity/);

    // Every Threat passage says "invasion", no Economy passage does.
    await expect(compare.topTerm()).toHaveAttribute('data-term', 'invasion');
    await compare.clickTerm('invasion · 8 vs 0');
    await expect(compare.linesHeading).toHaveText('“invasion”');
    await expect(compare.lines).toContainText('in Threat passages · 8 uses');
    await expect(compare.lineItems).toHaveCount(8);
    const riga = compare.lineItems.filter({ hasText: 'Leaders meet in Riga' });
    await expect(riga.locator('mark')).toHaveText('invasion');
    await compare.openLine(riga);
    await expect(page.getByTestId('article-title')).toHaveText('Leaders meet in Riga');
    await expect(page.getByTestId('reader-text')).toContainText('spoke of the invasion risk for the region');
  });

  test('a co-occurrence cell lists the passages where two tags overlap and opens them in the reader', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.open();
    await compare.choose('Threat', 'Economy');

    const cells = compare.cooccurrence.getByTestId('cooccurrence-cell');
    // Only Border tension rises has the two overlapping: one passage of each.
    await expect(cells).toHaveCount(2);
    await expect(cells.first()).toHaveText('1');
    await compare.cooccurrence.getByRole('button', { name: 'Jaccard' }).click();
    // Passages of either tag that overlap the other, over passages of either: 2 / 15.
    await expect(cells.first()).toHaveText('.13');
    await cells.first().click();
    await expect(compare.linesHeading).toHaveText('Threat × Economy');
    await expect(compare.lineItems).toHaveCount(2);
    await expect(compare.lineItems.first()).toContainText('Border tension rises');

    await compare.cooccurrence.getByRole('button', { name: 'Whole codebook' }).click();
    await expect(compare.cooccurrence.getByTestId('cooccurrence-matrix').locator('tbody tr')).toHaveCount(4);

    await compare.openLine(compare.lineItems.filter({ hasText: 'finance office agreed' }).first());
    await expect(page.getByTestId('article-title')).toHaveText('Border tension rises');
    await expect(page.getByTestId('reader-text').getByText('the finance office agreed').first()).toBeInViewport();

    // Coming back, the choice and the open passages are still there.
    await compare.open();
    await expect(compare.root.getByTestId('compare-sides')).toContainText('Threat');
    await expect(compare.root.getByTestId('compare-sides')).toContainText('Economy');
    await expect(compare.linesHeading).toHaveText('Threat × Economy');
  });

  test('one tag against the rest, and a test that cannot be run says why', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.open();
    await compare.mode('One tag vs. the rest');
    await expect(compare.empty).toContainText('Choose one tag');
    await compare.choose('Threat');
    await compare.group('Source');

    // The rest is Economy and Human interest: Dagens Eko 2 articles, Nordic Wire 5. Table [[6, 2], [1, 5]],
    // expected 4, 4, 3, 3, so χ² = 4/4 + 4/4 + 4/3 + 4/3 = 4.67.
    await expect(compare.crosstabCell('Dagens Eko', 'All other tagged passages').getByTestId('crosstab-count')).toHaveText('2');
    await expect(compare.statistic).toContainText('χ²(1) = 4.67');

    // Every article is in English: one group, so no test, and the reason in words.
    await compare.group('Language');
    await expect(compare.crosstabMessage).toHaveText('All counts fall in one group; comparing groups needs at least two groups with counts.');
    await expect(compare.statistic).toHaveCount(0);
    await expect(compare.crosstab).not.toContainText(/NaN|Infinity/);

    await compare.group('No grouping');
    await expect(compare.crosstab).toContainText('Choose a grouping above');
  });

  test('the comparison follows the article list’s search', async ({ app, page }) => {
    await app.searchFor('invasion');
    await expect(app.articleItems).toHaveCount(7);
    const compare = new ComparePage(page);
    await compare.open();
    await expect(compare.filterBadge).toHaveText('filtered: search “invasion”');
    await compare.choose('Threat', 'Economy');
    await expect(compare.prevalence.locator('[data-group="All articles"]')).toContainText('7 articles');
    await expect(compare.prevalenceRow('All articles', 'Economy').getByTestId('cell-articles')).toHaveText('1');
  });

  test('the crosstab saves as CSV with the test beside each cell, and as a PNG picture', async ({ page }) => {
    const compare = new ComparePage(page);
    await compare.open();
    await compare.choose('Threat', 'Economy');
    await compare.group('Source');
    await expect(compare.statistic).toContainText('χ²(1) = 6.20');

    const csv = await compare.save(compare.crosstab, 'csv');
    expect(csv.fileName).toMatch(/^framelens-crosstab-and-test-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows: Record<string, string>[] = parse(csv.bytes.toString('utf8'), { columns: true });
    expect(rows.map((r) => [r.group, r.tag, r.articles])).toEqual([
      ['Dagens Eko', 'Threat', '6'],
      ['Dagens Eko', 'Economy', '1'],
      ['Nordic Wire', 'Threat', '1'],
      ['Nordic Wire', 'Economy', '5'],
    ]);
    expect(Number(rows[0]!.adjusted_residual)).toBeCloseTo(2.4895, 3);
    expect(Number(rows[0]!.chi_square)).toBeCloseTo(6.1978, 3);
    expect(Number(rows[0]!.fisher_p)).toBeCloseTo(50 / 1716, 6);

    const png = await compare.save(compare.crosstab, 'png');
    expect(png.fileName).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const prevalence = await compare.save(compare.prevalence, 'png');
    expect(prevalence.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
