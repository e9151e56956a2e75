// The Import dialog: text files, or pasted text with metadata.
import { expect, type Locator, type Page } from '@playwright/test';

export type PastedArticle = {
  text: string;
  title?: string;
  source?: string;
  author?: string;
  date?: string;
  language?: string;
  url?: string;
};

const mimeTypeOf = (name: string) =>
  name.endsWith('.md')
    ? 'text/markdown'
    : name.endsWith('.html')
      ? 'text/html'
      : name.endsWith('.xml')
        ? 'application/rss+xml'
        : name.endsWith('.csv')
          ? 'text/csv'
          : 'text/plain';

export class ImportDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly textForm: Locator;
  readonly textResult: Locator;
  readonly formError: Locator;
  readonly fileResults: Locator;
  readonly fileSummary: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('dialog', { name: 'Import articles' });
    this.textForm = this.root.getByTestId('import-text-form');
    this.textResult = this.root.getByTestId('import-text-result');
    this.formError = this.textForm.getByTestId('form-error');
    this.fileResults = this.root.getByTestId('import-result');
    this.fileSummary = this.root.getByTestId('import-summary');
  }

  field(name: 'text' | 'title' | 'source' | 'author' | 'date' | 'language' | 'url'): Locator {
    return this.textForm.getByTestId(`import-${name}`);
  }

  async fillPasteForm(article: PastedArticle): Promise<void> {
    await this.root.getByRole('tab', { name: 'Paste text' }).click();
    await this.field('text').fill(article.text);
    for (const key of ['title', 'source', 'author', 'date', 'language', 'url'] as const) {
      if (article[key] !== undefined) await this.field(key).fill(article[key]);
    }
  }

  async submitPasteForm(): Promise<void> {
    await this.textForm.getByTestId('import-text-button').click();
  }

  async paste(article: PastedArticle): Promise<void> {
    await this.fillPasteForm(article);
    await this.submitPasteForm();
  }

  /** Chooses files through the file picker, as an analyst would, and fills the batch's details. */
  async chooseFiles(files: { name: string; content: string }[], details?: { source?: string; language?: string }): Promise<void> {
    await this.root.getByRole('tab', { name: 'Files', exact: true }).click();
    if (details) {
      await this.root.getByText('Details for these files').click();
      if (details.source !== undefined) await this.root.getByTestId('import-files-source').fill(details.source);
      if (details.language !== undefined) await this.root.getByTestId('import-files-language').fill(details.language);
    }
    const chooser = this.page.waitForEvent('filechooser');
    await this.root.getByTestId('import-file-input').click();
    await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: mimeTypeOf(f.name), buffer: Buffer.from(f.content, 'utf8') })));
  }

  /** Chooses the files, starts the import and waits for its summary. */
  async importFiles(files: { name: string; content: string }[], details?: { source?: string; language?: string }): Promise<void> {
    await this.chooseFiles(files, details);
    await this.root.getByTestId('import-files-button').click();
    await expect(this.fileSummary).toBeVisible();
  }

  fileResult(name: string): Locator {
    return this.fileResults.filter({ hasText: name });
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}
