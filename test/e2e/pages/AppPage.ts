// The application shell as an analyst sees it: top bar, article list, open article, dialogs.
import { expect, type Locator, type Page } from '@playwright/test';
import { ImportDialog } from './ImportDialog.ts';
import { CodebookDialog } from './CodebookDialog.ts';
import { ExportDialog } from './ExportDialog.ts';
import { ReaderPane } from './ReaderPane.ts';

export class AppPage {
  readonly page: Page;
  readonly search: Locator;
  readonly articleItems: Locator;
  readonly articleTitle: Locator;
  readonly projectName: Locator;
  readonly errorToast: Locator;
  readonly infoToast: Locator;
  readonly readOnlyBadge: Locator;
  readonly notices: Locator;
  readonly importButton: Locator;
  readonly annotatorButton: Locator;
  readonly reader: ReaderPane;

  constructor(page: Page) {
    this.page = page;
    this.search = page.getByTestId('article-search');
    this.articleItems = page.getByTestId('article-item');
    this.articleTitle = page.getByTestId('article-title');
    this.projectName = page.getByTestId('project-name');
    this.errorToast = page.getByTestId('toast-error');
    this.infoToast = page.getByTestId('toast-info');
    this.readOnlyBadge = page.getByTestId('read-only-badge');
    this.notices = page.getByTestId('project-notice');
    this.importButton = page.getByTestId('import-button');
    this.annotatorButton = page.getByTestId('annotator-button');
    this.reader = new ReaderPane(page);
  }

  /** Opens the address the web host printed; answers the first-run analyst prompt when it appears. */
  async open(url: string, options: { analyst?: string } = {}): Promise<void> {
    await this.page.goto(url);
    await expect(this.projectName).toHaveText(/\.framelens$/);
    // Roles skip closed dialogs (they stay in the DOM, hidden, to keep their contents).
    const prompt = this.page.getByRole('dialog', { name: 'Who is annotating?' });
    if (options.analyst) {
      // Once settings are loaded, either the prompt is up (no name stored yet) or the name shows.
      const named = this.page.getByTestId('annotator-button').filter({ hasNotText: 'Set your name' });
      await expect(prompt.or(named)).toBeVisible();
      if (await prompt.isVisible()) {
        await prompt.getByTestId('annotator-name').fill(options.analyst);
        await prompt.getByTestId('annotator-save').click();
        await expect(prompt).toBeHidden();
      }
    }
  }

  articleItem(title: string | RegExp): Locator {
    return this.articleItems.filter({ hasText: title });
  }

  async openArticle(title: string | RegExp): Promise<void> {
    await this.articleItem(title).first().click();
    await expect(this.articleTitle).toHaveText(title);
    await expect(this.reader.text).toBeVisible();
  }

  /** The open article's details form (title and metadata). */
  async editDetails(): Promise<Locator> {
    await this.page.getByTestId('edit-details').click();
    const form = this.page.getByTestId('article-details-form');
    await expect(form).toBeVisible();
    return form;
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async openImport(): Promise<ImportDialog> {
    await this.importButton.click();
    const dialog = new ImportDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  async openCodebook(): Promise<CodebookDialog> {
    await this.page.getByRole('button', { name: 'Codebook', exact: true }).click();
    const dialog = new CodebookDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  async openExport(): Promise<ExportDialog> {
    await this.page.getByRole('button', { name: 'Export', exact: true }).click();
    const dialog = new ExportDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  /** Imports one pasted article through the Import dialog and closes it again. */
  async importText(fields: Parameters<ImportDialog['paste']>[0]): Promise<void> {
    const dialog = await this.openImport();
    await dialog.paste(fields);
    await expect(dialog.textResult).toHaveAttribute('data-status', 'imported');
    await dialog.close();
  }
}
