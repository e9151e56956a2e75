// The Codebook dialog: the tag tree and the editor beside it.
import { expect, type Locator, type Page } from '@playwright/test';

export class CodebookDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly tree: Locator;
  readonly editor: Locator;
  readonly status: Locator;
  readonly editorError: Locator;
  readonly confirmDialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByRole('dialog', { name: 'Codebook' });
    this.tree = this.root.getByTestId('codebook-tree');
    this.editor = this.root.getByTestId('tag-editor');
    this.status = this.root.getByTestId('codebook-status');
    this.editorError = this.editor.getByTestId('form-error');
    this.confirmDialog = page.getByTestId('confirm-dialog');
  }

  /** A tag in the tree, found by its full path such as "Threat › Military". */
  tag(path: string): Locator {
    return this.tree.locator(`[data-tag-path="${path.replace(/"/g, '\\"')}"]`);
  }

  tagPaths(): Promise<string[]> {
    return this.tree.getByTestId('codebook-tag').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-tag-path') ?? ''));
  }

  async create(name: string, options: { parent?: string; shortcut?: string; description?: string } = {}): Promise<void> {
    if (options.parent) {
      await this.select(options.parent);
      await this.editor.getByRole('button', { name: 'Add subtag' }).click();
    } else {
      await this.root.getByTestId('new-tag').click();
    }
    await expect(this.editor.getByRole('heading', { name: 'New tag' })).toBeVisible();
    await this.editor.getByTestId('tag-name').fill(name);
    if (options.shortcut) await this.editor.getByTestId('tag-shortcut').fill(options.shortcut);
    if (options.description) await this.editor.getByTestId('tag-description').fill(options.description);
    await this.editor.getByTestId('tag-save').click();
  }

  async select(path: string): Promise<void> {
    await this.tag(path).click();
    await expect(this.editor.getByRole('heading', { name: 'Edit tag' })).toBeVisible();
    await expect(this.editor.getByTestId('tag-name')).toHaveValue(path.split(' › ').at(-1) ?? path);
  }

  async rename(path: string, name: string): Promise<void> {
    await this.select(path);
    await this.editor.getByTestId('tag-name').fill(name);
    await this.editor.getByTestId('tag-save').click();
  }

  /** Moves a tag under another (its label in the parent list) or, with null, to the top level. */
  async move(path: string, parentName: string | null): Promise<void> {
    await this.select(path);
    const parent = this.editor.getByTestId('tag-parent');
    if (parentName === null) await parent.selectOption({ label: '(top level)' });
    else {
      const labels = await parent.locator('option').allTextContents();
      const label = labels.find((l) => l.trim() === parentName);
      if (!label) throw new Error(`No parent choice named ${parentName}; choices are ${labels.join(', ')}`);
      await parent.selectOption({ label });
    }
    await this.editor.getByTestId('tag-save').click();
  }

  async startDelete(path: string): Promise<void> {
    await this.select(path);
    await this.editor.getByTestId('tag-delete').click();
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.root).toBeHidden();
  }
}
