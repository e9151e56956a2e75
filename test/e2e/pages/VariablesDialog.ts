// The Variables manager: the list of article variables, the editor beside it, and the CSV tab.
import { expect, type Locator, type Page } from '@playwright/test';

export class VariablesDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly rows: Locator;
  readonly editor: Locator;
  readonly status: Locator;
  readonly editorError: Locator;
  readonly confirmDialog: Locator;
  readonly csv: Locator;
  readonly preview: Locator;
  readonly csvError: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('dialog', { name: 'Variables' });
    this.rows = this.root.getByTestId('variable-row');
    this.editor = this.root.getByTestId('variable-editor');
    this.status = this.root.getByTestId('variables-status');
    this.editorError = this.editor.getByTestId('form-error');
    this.confirmDialog = page.getByTestId('confirm-dialog');
    this.csv = this.root.getByTestId('csv-import');
    this.preview = this.csv.getByTestId('csv-preview');
    this.csvError = this.csv.getByTestId('form-error');
  }

  row(name: string): Locator {
    return this.root.locator(`[data-variable-name="${name.replace(/"/g, '\\"')}"]`);
  }

  async create(name: string, options: { kind?: string; categories?: string[]; description?: string } = {}): Promise<void> {
    await this.openDefinitions();
    await this.root.getByTestId('new-variable').click();
    await expect(this.editor.getByRole('heading', { name: 'New variable' })).toBeVisible();
    await this.editor.getByTestId('variable-name').fill(name);
    if (options.kind) await this.editor.getByTestId('variable-kind').selectOption({ label: options.kind });
    for (const value of options.categories ?? []) {
      await this.editor.getByTestId('category-new').fill(value);
      await this.editor.getByTestId('category-new').press('Enter');
    }
    if (options.description) await this.editor.getByTestId('variable-description').fill(options.description);
    await this.editor.getByTestId('variable-save').click();
    await expect(this.status).toHaveText(`Created “${name}”.`);
  }

  async openDefinitions(): Promise<void> {
    await this.root.getByRole('tab', { name: 'Variables' }).click();
    await expect(this.root.getByTestId('new-variable')).toBeVisible();
  }

  async select(name: string): Promise<void> {
    await this.openDefinitions();
    await this.row(name).click();
    await expect(this.editor.getByTestId('variable-name')).toHaveValue(name);
  }

  /** The category values in the editor, in order. */
  categoryValues(): Promise<string[]> {
    return this.editor.getByTestId('category-value').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  }

  async openCsv(): Promise<void> {
    await this.root.getByRole('tab', { name: 'CSV import and export' }).click();
    await expect(this.csv).toBeVisible();
  }

  /** Chooses a CSV file through the file picker; the dry run starts by itself. */
  async chooseCsv(name: string, content: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.csv.getByText('Choose a CSV file…').click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
    await expect(this.csv.getByTestId('csv-file-name')).toContainText(name);
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}
