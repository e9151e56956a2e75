// The coding controls as an analyst uses them: the coder switch and blind mode in the top bar, and the
// bar above the text for whole-article codes, done marks and whose passages are shown.
import { expect, type Locator, type Page } from '@playwright/test';

export class CodingControls {
  readonly page: Page;
  readonly coder: Locator;
  readonly blind: Locator;
  readonly bar: Locator;
  readonly articleCodes: Locator;
  readonly articleCodePicker: Locator;
  readonly done: Locator;

  constructor(page: Page) {
    this.page = page;
    this.coder = page.getByTestId('annotator-button');
    this.blind = page.getByTestId('blind-toggle');
    this.bar = page.getByTestId('coding-bar');
    this.articleCodes = page.getByTestId('article-code');
    this.articleCodePicker = page.getByTestId('article-code-picker');
    this.done = page.getByTestId('done-toggle');
  }

  /** Switches to a coder, adding them through "New coder…" when they are not in the list yet. */
  async switchTo(name: string): Promise<void> {
    const known = await this.coder.locator('option', { hasText: new RegExp(`^${name}$`) }).count();
    if (known) await this.coder.selectOption(name);
    else {
      await this.coder.selectOption({ label: 'New coder…' });
      const dialog = this.page.getByRole('dialog', { name: 'Who is annotating?' });
      await dialog.getByTestId('annotator-name').fill(name);
      await dialog.getByTestId('annotator-save').click();
      await expect(dialog).toBeHidden();
    }
    await expect(this.coder).toHaveValue(name);
  }

  async setBlind(on: boolean): Promise<void> {
    if ((await this.blind.getAttribute('aria-pressed')) !== String(on)) await this.blind.click();
    await expect(this.blind).toHaveAttribute('aria-pressed', String(on));
  }
}
