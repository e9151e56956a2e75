// The Compare view: what to compare, the five panels, and the passages-in-context panel beside them.
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { ChartsPage } from './ChartsPage.ts';

export class ComparePage {
  readonly page: Page;
  readonly root: Locator;
  readonly empty: Locator;
  readonly tagChooser: Locator;
  readonly groupBy: Locator;
  readonly filterBadge: Locator;
  readonly prevalence: Locator;
  readonly crosstab: Locator;
  readonly statistic: Locator;
  readonly fisher: Locator;
  readonly smallCounts: Locator;
  readonly crosstabMessage: Locator;
  readonly timeline: Locator;
  readonly cooccurrence: Locator;
  readonly distinctive: Locator;
  readonly lines: Locator;
  readonly linesHeading: Locator;
  readonly lineItems: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('compare-view');
    this.empty = this.root.getByTestId('compare-empty');
    this.tagChooser = this.root.getByTestId('compare-tags');
    this.groupBy = this.root.getByTestId('compare-group');
    this.filterBadge = this.root.getByTestId('compare-filter');
    this.prevalence = this.root.getByTestId('compare-prevalence');
    this.crosstab = this.root.getByTestId('compare-crosstab');
    this.statistic = this.crosstab.getByTestId('crosstab-statistic');
    this.fisher = this.crosstab.getByTestId('crosstab-fisher');
    this.smallCounts = this.crosstab.getByTestId('crosstab-small');
    this.crosstabMessage = this.crosstab.getByTestId('crosstab-message');
    this.timeline = this.root.getByTestId('compare-timeline');
    this.cooccurrence = this.root.getByTestId('compare-cooccurrence');
    this.distinctive = this.root.getByTestId('compare-distinctive');
    this.lines = this.root.getByTestId('lines-panel');
    this.linesHeading = this.lines.getByTestId('lines-heading');
    this.lineItems = this.lines.getByTestId('term-line');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-compare').click();
    await expect(this.root).toBeVisible();
  }

  async mode(label: 'Tags side by side' | 'One tag vs. the rest'): Promise<void> {
    await this.root.getByTestId('compare-mode').getByRole('button', { name: label }).click();
  }

  /** Ticks tags in the codebook tree of the chooser, by path ("Threat > Military threat"). */
  async choose(...paths: string[]): Promise<void> {
    await this.tagChooser.locator('summary').click();
    for (const path of paths) await this.tagChooser.locator(`[data-tag-path="${path}"]`).check();
    await this.page.keyboard.press('Escape');
  }

  async group(label: string): Promise<void> {
    await this.groupBy.selectOption({ label });
  }

  /** One row of the prevalence table: a tag within a group ("All articles", a source …). */
  prevalenceRow(group: string, side: string): Locator {
    return this.prevalence.locator(`[data-testid="prevalence-group"][data-group="${group}"] [data-testid="prevalence-row"][data-side="${side}"]`);
  }

  crosstabCell(group: string, side: string): Locator {
    return this.crosstab.locator(`[data-testid="crosstab-row"][data-group="${group}"] [data-testid="crosstab-cell"][data-side="${side}"]`);
  }

  /** The most distinctive term of the chosen side, once the panel has it. */
  topTerm(): Locator {
    return this.distinctive.getByTestId('distinctive-top');
  }

  /** Clicks a distinctive term's bar where chart.js drew it (the label reads "term · n vs m"). */
  async clickTerm(label: string): Promise<void> {
    await new ChartsPage(this.page).clickBar(this.distinctive.getByTestId('distinctive-canvas'), label);
  }

  /** Saves a panel as PNG or CSV and returns the file the browser downloaded. */
  async save(panel: Locator, kind: 'png' | 'csv'): Promise<{ fileName: string; bytes: Buffer }> {
    const downloading = this.page.waitForEvent('download');
    await panel.getByTestId(`save-${kind}`).click();
    const file = await downloading;
    return { fileName: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  }

  async openLine(line: Locator): Promise<void> {
    await line.getByRole('button').click();
  }
}
