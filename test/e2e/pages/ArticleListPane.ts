// The article list's filter, its chips, and choosing rows to set a variable on many articles at once.
import { expect, type Locator, type Page } from '@playwright/test';
import { VariablesDialog } from './VariablesDialog.ts';

export type ConditionInput = {
  variable: string;
  operator?: string;
  /** Category values to tick. */
  values?: string[];
  /** A single typed or chosen value. */
  value?: string;
  min?: string;
  max?: string;
};

export class ArticleListPane {
  readonly page: Page;
  readonly root: Locator;
  readonly count: Locator;
  /** The chips' labels ("Outlet kind is Tabloid"). */
  readonly chips: Locator;
  readonly filterForm: Locator;
  readonly selectAll: Locator;
  readonly bar: Locator;
  readonly successToast: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('complementary', { name: 'Articles' });
    this.count = this.root.getByTestId('article-count');
    this.chips = this.root.getByTestId('filter-chip-label');
    this.filterForm = this.root.getByTestId('filter-form');
    this.selectAll = this.root.getByTestId('select-all');
    this.bar = this.root.getByTestId('selection-bar');
    this.successToast = page.getByTestId('toast-success');
  }

  checkbox(title: string | RegExp): Locator {
    return this.root.getByTestId('article-item').filter({ hasText: title }).locator('xpath=preceding-sibling::input[@type="checkbox"]');
  }

  async openVariables(): Promise<VariablesDialog> {
    await this.root.getByTestId('variables-button').click();
    const dialog = new VariablesDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  async addCondition(condition: ConditionInput): Promise<void> {
    await this.root.getByTestId('filter-button').click();
    await expect(this.filterForm).toBeVisible();
    await this.filterForm.getByTestId('filter-variable').selectOption({ label: condition.variable });
    if (condition.operator) await this.filterForm.getByTestId('filter-operator').selectOption({ label: condition.operator });
    for (const value of condition.values ?? []) await this.filterForm.getByLabel(value, { exact: true }).check();
    const single = this.filterForm.getByTestId('filter-value');
    if (condition.value !== undefined) {
      if ((await single.evaluate((el) => el.tagName)) === 'SELECT') await single.selectOption({ label: condition.value });
      else await single.fill(condition.value);
    }
    if (condition.min !== undefined) await this.filterForm.getByTestId('filter-min').fill(condition.min);
    if (condition.max !== undefined) await this.filterForm.getByTestId('filter-max').fill(condition.max);
    await this.filterForm.getByTestId('filter-add').click();
    await expect(this.filterForm).toBeHidden();
  }

  chip(text: string): Locator {
    return this.root.getByTestId('filter-chip').filter({ hasText: text });
  }

  async removeChip(text: string): Promise<void> {
    await this.chip(text).getByRole('button').click();
    await expect(this.chip(text)).toHaveCount(0);
  }

  /** Sets a variable on the chosen articles from the selection bar. */
  async setOnChosen(variable: string, value: string): Promise<void> {
    await this.bar.getByTestId('selection-variable').selectOption({ label: variable });
    const input = this.bar.getByTestId('selection-value');
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption({ label: value });
    else await input.fill(value);
    await this.bar.getByTestId('selection-set').click();
  }
}
