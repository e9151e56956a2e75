// The Export dialog, and reading the CSV that the browser downloads.
import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';

export type CsvExport = { fileName: string; text: string; rows: Record<string, string>[]; columns: string[] };

export class ExportDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly result: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('dialog', { name: 'Export' });
    this.result = this.root.getByTestId('export-result');
  }

  async chooseOnly(tagNames: string[]): Promise<void> {
    await this.root.getByTestId('export-chosen').check();
    for (const name of tagNames) await this.root.getByRole('checkbox', { name, exact: true }).check();
  }

  async setBom(on: boolean): Promise<void> {
    await this.root.getByTestId('export-bom').setChecked(on);
  }

  /** Exports the annotations and returns the downloaded file, parsed. */
  download(): Promise<CsvExport> {
    return this.downloadWith('export-button', this.result);
  }

  /** Exports the code matrix or the co-occurrence table as chosen, and returns it parsed. */
  async downloadTable(choice: {
    table: 'matrix' | 'cooccurrence';
    unit?: 'article' | 'passage';
    measure?: 'count' | 'presence';
    scope?: 'passage' | 'article';
  }) {
    await this.root.getByTestId(`table-${choice.table}`).check();
    if (choice.unit) await this.root.getByTestId('matrix-unit').selectOption(choice.unit);
    if (choice.measure) await this.root.getByTestId('matrix-measure').selectOption(choice.measure);
    if (choice.scope) await this.root.getByTestId('cooccurrence-scope').selectOption(choice.scope);
    return this.downloadWith('table-export-button', this.root.getByTestId('table-export-result'));
  }

  private async downloadWith(button: string, result: Locator): Promise<CsvExport> {
    const downloading = this.page.waitForEvent('download');
    await this.root.getByTestId(button).click();
    const file = await downloading;
    const path = await file.path();
    const text = await readFile(path, 'utf8');
    await expect(result).toContainText(file.suggestedFilename());
    const records: string[][] = parse(text, { bom: true, relax_column_count: false });
    const [columns = [], ...body] = records;
    const rows = body.map((cells) => Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ''])));
    return { fileName: file.suggestedFilename(), text, rows, columns };
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}
