// The Charts view: the shared filters, the four charts and the mentions-in-context panel.
import { expect, type Locator, type Page } from '@playwright/test';

type Point = { x: number; y: number };
/** What the app hangs on a chart's canvas for tests: the chart.js instance (only what is used here). */
type ChartCanvas = HTMLCanvasElement & {
  framelensChart?: {
    data: { labels?: unknown[] };
    getDatasetMeta(index: number): { data: { getCenterPoint(useFinalPosition?: boolean): Point }[] };
  };
};

export class ChartsPage {
  readonly page: Page;
  readonly root: Locator;
  readonly topEntities: Locator;
  readonly topEntitiesCanvas: Locator;
  readonly entityTags: Locator;
  readonly timeline: Locator;
  readonly entityArticles: Locator;
  readonly kwic: Locator;
  readonly kwicHeading: Locator;
  readonly kwicLines: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('charts-view');
    this.topEntities = this.root.getByTestId('chart-top-entities');
    this.topEntitiesCanvas = this.topEntities.getByTestId('top-entities-canvas');
    this.entityTags = this.root.getByTestId('chart-entity-tags');
    this.timeline = this.root.getByTestId('chart-timeline');
    this.entityArticles = this.root.getByTestId('chart-entity-articles');
    this.kwic = this.root.getByTestId('kwic-panel');
    this.kwicHeading = this.kwic.getByTestId('kwic-heading');
    this.kwicLines = this.kwic.getByTestId('kwic-line');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-charts').click();
    await expect(this.root).toBeVisible();
  }

  /**
   * Clicks the bar of `label` in a bar chart's canvas, where chart.js drew it. Waits until the bars
   * have stopped moving (charts animate their data in).
   */
  async clickBar(canvas: Locator, label: string): Promise<void> {
    const where = () =>
      canvas.evaluate((el: ChartCanvas, wanted) => {
        const chart = el.framelensChart;
        const index = chart?.data.labels?.indexOf(wanted) ?? -1;
        const bar = index >= 0 ? chart?.getDatasetMeta(0).data[index] : undefined;
        if (!bar) return null;
        const now = bar.getCenterPoint(false);
        const final = bar.getCenterPoint(true);
        return { x: final.x, y: final.y, settled: Math.abs(now.x - final.x) < 0.5 && Math.abs(now.y - final.y) < 0.5 };
      }, label);
    await expect.poll(async () => (await where())?.settled ?? false, { message: `the bar of ${label} is drawn` }).toBe(true);
    const point = await where();
    if (!point) throw new Error(`No bar for ${label}.`);
    await canvas.click({ position: { x: point.x, y: point.y } });
  }

  async clickTopEntityBar(name: string): Promise<void> {
    await this.clickBar(this.topEntitiesCanvas, name);
  }

  /** Opens the article of a mention line at its passage. */
  async openLine(line: Locator): Promise<void> {
    await line.getByRole('button').first().click();
  }
}
