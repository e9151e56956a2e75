// The Reliability view: the coders and tags chosen, the agreement table with its bootstrap, the
// disagreement review side by side, and the sample dialog.
import { expect, type Locator, type Page } from '@playwright/test';

export type Decision = 'first' | 'second' | 'both' | 'neither';

export class ReliabilityPage {
  readonly page: Page;
  readonly root: Locator;
  readonly empty: Locator;
  readonly message: Locator;
  readonly summary: Locator;
  readonly explanation: Locator;
  readonly filterBadge: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly bootstrapStart: Locator;
  readonly bootstrapSeed: Locator;
  readonly bootstrapProgress: Locator;
  readonly bootstrapCancel: Locator;
  readonly bootstrapStatus: Locator;
  readonly sampleButton: Locator;
  readonly review: Locator;
  readonly items: Locator;
  readonly side: Locator;
  readonly consensus: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('reliability-view');
    this.empty = this.root.getByTestId('reliability-empty');
    this.message = this.root.getByTestId('reliability-message');
    this.summary = this.root.getByTestId('reliability-summary');
    this.explanation = this.root.getByTestId('alpha-explanation');
    this.filterBadge = this.root.getByTestId('reliability-filter');
    this.table = this.root.getByTestId('agreement-table');
    this.rows = this.table.getByTestId('agreement-row');
    this.bootstrapStart = this.root.getByTestId('bootstrap-start');
    this.bootstrapSeed = this.root.getByTestId('bootstrap-seed');
    this.bootstrapProgress = this.root.getByTestId('bootstrap-progress');
    this.bootstrapCancel = this.root.getByTestId('bootstrap-cancel');
    this.bootstrapStatus = this.root.getByTestId('bootstrap-status');
    this.sampleButton = this.root.getByTestId('sample-button');
    this.review = this.root.getByTestId('review');
    this.items = this.review.getByTestId('disagreement-item');
    this.side = this.review.getByTestId('side-by-side');
    this.consensus = this.review.getByTestId('consensus-name');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-reliability').click();
    await expect(this.root).toBeVisible();
  }

  coder(name: string): Locator {
    return this.root.getByTestId('reliability-coders').locator(`input[data-coder="${name}"]`);
  }

  /** Ticks exactly these coders, in this order (the first two are A and B of a review). */
  async chooseCoders(...names: string[]): Promise<void> {
    const boxes = this.root.getByTestId('reliability-coders').locator('input[type="checkbox"]');
    for (const box of await boxes.all()) if (!names.includes((await box.getAttribute('data-coder')) ?? '')) await box.uncheck();
    for (const name of names) await this.coder(name).uncheck();
    for (const name of names) await this.coder(name).check();
  }

  /** A row of the table by its tag path ("Threat", "All tags"). */
  row(tag: string): Locator {
    return this.table.locator(`[data-testid="agreement-row"][data-tag="${tag}"]`);
  }

  cell(tag: string, testid: string): Locator {
    return this.row(tag).getByTestId(testid);
  }

  async openReview(tag: string): Promise<void> {
    await this.row(tag).getByTestId('review-button').click();
    await expect(this.review).toBeVisible();
  }

  decideButton(decision: Decision): Locator {
    return this.side.getByTestId(`decide-${decision}`);
  }
}
