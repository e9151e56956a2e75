// The Entities view: the detected names as a table, the chosen entity's details and mentions, detection
// progress and the ignored names.
import { expect, type Locator, type Page } from '@playwright/test';

/** Detection runs in the background after an import; on a slow machine it can take a while. */
const DETECTION_TIMEOUT = 30_000;

export class EntitiesPage {
  readonly page: Page;
  readonly root: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly details: Locator;
  readonly mentionLines: Locator;
  readonly mergeBar: Locator;
  readonly ignored: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('entities-view');
    this.rows = this.root.getByTestId('entity-row');
    this.search = this.root.getByTestId('entity-search');
    this.status = this.root.getByTestId('detection-status');
    this.details = this.root.getByTestId('entity-details');
    this.mentionLines = this.details.getByTestId('kwic-line');
    this.mergeBar = this.root.getByTestId('merge-bar');
    this.ignored = this.root.getByTestId('ignored-names');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('view-entities').click();
    await expect(this.root).toBeVisible();
  }

  /** The row of the entity named exactly `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('entity-name').getByText(name, { exact: true }) });
  }

  /** Waits until detection is done and every name is listed (the view polls detection progress). */
  async expectEntities(names: string[]): Promise<void> {
    await expect(this.status).toHaveAttribute('data-running', 'false', { timeout: DETECTION_TIMEOUT });
    for (const name of names) await expect(this.row(name), `entity ${name}`).toBeVisible({ timeout: DETECTION_TIMEOUT });
  }

  async select(name: string): Promise<void> {
    await this.row(name).getByTestId('entity-name').click();
    await expect(this.details.getByTestId('entity-details-name')).toHaveText(name);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.select(from);
    await this.details.getByTestId('entity-rename-input').fill(to);
    await this.details.getByTestId('entity-rename-save').click();
    await expect(this.details.getByTestId('entity-details-name')).toHaveText(to);
  }

  /** Ticks the entities, picks the one to keep and merges. */
  async merge(names: string[], into: string): Promise<void> {
    for (const name of names) await this.row(name).getByTestId('entity-choose').check();
    await expect(this.mergeBar).toContainText(`${names.length} chosen`);
    await this.mergeBar.getByTestId('merge-target').selectOption({ label: into });
    await this.mergeBar.getByTestId('merge-button').click();
    await expect(this.mergeBar).toBeHidden();
  }

  /** Ignores the selected entity, answering the confirmation. */
  async ignoreSelected(): Promise<void> {
    await this.details.getByTestId('entity-ignore').click();
    const confirm = this.page.getByTestId('confirm-dialog');
    await confirm.getByRole('button', { name: 'Ignore', exact: true }).click();
    await expect(confirm).toBeHidden();
  }

  async showIgnored(): Promise<Locator> {
    if ((await this.ignored.getAttribute('open')) === null) await this.ignored.locator('summary').click();
    return this.ignored.getByTestId('ignored-name');
  }

  async detectAgain(): Promise<void> {
    await this.status.getByTestId('detect-again').click();
    await expect(this.status).toHaveAttribute('data-running', 'false', { timeout: DETECTION_TIMEOUT });
  }
}
