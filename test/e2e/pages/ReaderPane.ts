// The reader, through the test hooks it promises: reader-text, highlights with data-annotation-ids,
// tag-picker-input, annotation-note / annotation-save, annotation-panel.
import { expect, type Locator, type Page } from '@playwright/test';

type Point = { x: number; y: number };

export class ReaderPane {
  readonly page: Page;
  readonly text: Locator;
  readonly highlights: Locator;
  readonly pickerInput: Locator;
  readonly note: Locator;
  readonly noteSave: Locator;
  readonly panel: Locator;

  constructor(page: Page) {
    this.page = page;
    this.text = page.getByTestId('reader-text');
    this.highlights = this.text.locator('[data-annotation-ids]');
    this.pickerInput = page.getByTestId('tag-picker-input');
    this.note = page.getByTestId('annotation-note');
    this.noteSave = page.getByTestId('annotation-save');
    this.panel = page.getByTestId('annotation-panel');
  }

  /**
   * Selects a passage of the article with the mouse: presses just inside its first character and
   * releases just inside its last. If the drag does not land exactly (fonts differ), it falls back to
   * setting the DOM selection by offsets and dispatching the mouseup the reader listens for.
   * Returns how the selection was made.
   */
  async selectPassage(passage: string): Promise<'mouse' | 'dom'> {
    const points = await this.text.evaluate((root, wanted) => {
      const at = (root.textContent ?? '').indexOf(wanted);
      if (at < 0) return null;
      const locate = (offset: number): [Text, number] | null => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          if (offset < seen + node.length) return [node, offset - seen];
          seen += node.length;
        }
        return null;
      };
      const charRect = (offset: number, length: number) => {
        const start = locate(offset);
        if (!start) return null;
        const range = document.createRange();
        range.setStart(start[0], start[1]);
        range.setEnd(start[0], Math.min(start[1] + length, start[0].length));
        return range.getClientRects()[0] ?? null;
      };
      // The first and last characters may be surrogate pairs; measure whole code points.
      const first = charRect(at, wanted.codePointAt(0)! > 0xffff ? 2 : 1);
      const lastLength = /[\uDC00-\uDFFF]$/.test(wanted) ? 2 : 1;
      const last = charRect(at + wanted.length - lastLength, lastLength);
      if (!first || !last) return null;
      return {
        from: { x: first.left + Math.min(2, first.width / 4), y: first.top + first.height / 2 },
        to: { x: last.right - Math.min(2, last.width / 4), y: last.top + last.height / 2 },
      };
    }, passage);
    if (!points) throw new Error(`The reader does not show the passage ${JSON.stringify(passage)}.`);

    await this.text.scrollIntoViewIfNeeded();
    await this.drag(points.from, points.to);
    if ((await this.selectedText()) === passage) return 'mouse';

    await this.text.evaluate((root, wanted) => {
      const at = (root.textContent ?? '').indexOf(wanted);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let seen = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        if (at >= seen && at < seen + node.length) range.setStart(node, at - seen);
        if (at + wanted.length > seen && at + wanted.length <= seen + node.length) {
          range.setEnd(node, at + wanted.length - seen);
          break;
        }
        seen += node.length;
      }
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, cancelable: true, view: window }));
    }, passage);
    expect(await this.selectedText()).toBe(passage);
    return 'dom';
  }

  private async drag(from: Point, to: Point): Promise<void> {
    const mouse = this.page.mouse;
    await mouse.move(from.x, from.y);
    await mouse.down();
    await mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
    await mouse.move(to.x, to.y, { steps: 4 });
    await mouse.up();
  }

  selectedText(): Promise<string> {
    return this.page.evaluate(() => window.getSelection()?.toString() ?? '');
  }

  /** Tags the current selection by typing the tag's name into the picker. */
  async tagSelection(tagName: string): Promise<void> {
    await expect(this.pickerInput).toBeVisible();
    await this.pickerInput.fill(tagName);
    await this.pickerInput.press('Enter');
    await expect(this.pickerInput).toBeHidden();
  }

  /** Highlights whose text (taken together) covers the passage. */
  highlightOf(passage: string): Locator {
    return this.highlights.filter({ hasText: passage.slice(0, Math.min(passage.length, 12)) });
  }

  /** Opens the annotation on the passage (when its popover is not already open) and saves a note. */
  async addNote(passage: string, note: string): Promise<void> {
    if (!(await this.note.isVisible())) await this.highlightOf(passage).first().click();
    await expect(this.note).toBeVisible();
    await this.note.fill(note);
    await this.noteSave.click();
  }
}
