// The reader, through the test hooks it promises: reader-text, highlights with data-annotation-ids,
// entity underlines with data-mention-ids, tag-picker-input, annotation-note / annotation-save,
// annotation-panel, the entity form and the hover card.
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
  readonly mentions: Locator;
  readonly hoverCard: Locator;
  readonly popover: Locator;
  readonly entityForm: Locator;
  readonly entityName: Locator;
  readonly entityMatches: Locator;
  readonly toggleEntities: Locator;
  readonly toasts: Locator;

  constructor(page: Page) {
    this.page = page;
    this.text = page.getByTestId('reader-text');
    this.highlights = this.text.locator('[data-annotation-ids]');
    this.pickerInput = page.getByTestId('tag-picker-input');
    this.note = page.getByTestId('annotation-note');
    this.noteSave = page.getByTestId('annotation-save');
    this.panel = page.getByTestId('annotation-panel');
    this.mentions = this.text.locator('[data-mention-ids]');
    this.hoverCard = page.getByTestId('reader-hovercard');
    this.popover = page.getByTestId('annotation-popover');
    this.entityForm = page.getByTestId('entity-form');
    this.entityName = this.entityForm.getByTestId('entity-form-name');
    this.entityMatches = this.entityForm.getByTestId('entity-form-match');
    this.toggleEntities = this.panel.getByTestId('toggle-entities');
    this.toasts = page.getByTestId('reader-toast');
  }

  /** The underlined mention whose text is exactly `text` (a mention may be cut where a highlight begins). */
  mention(text: string): Locator {
    return this.mentions.filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
  }

  /** Opens the entity form from the tag picker that the current selection opened. */
  async markSelectionAsEntity(): Promise<void> {
    await expect(this.pickerInput).toBeVisible();
    await this.page.getByTestId('mark-entity').click();
    await expect(this.entityForm).toBeVisible();
  }

  async chooseEntityType(type: 'PER' | 'LOC' | 'ORG' | 'MISC'): Promise<void> {
    // The radio itself is hidden behind its label, as a segmented control.
    await this.entityForm.getByTestId(`entity-form-type-${type}`).locator('..').click();
  }

  async addMention(): Promise<void> {
    await this.entityForm.getByTestId('entity-form-add').click();
    await expect(this.entityForm).toBeHidden();
  }

  /** Whether the passage is on screen inside the reader's scrolling text. */
  async passageInView(passage: string): Promise<boolean> {
    return this.text.evaluate((root, wanted) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const at = node.data.indexOf(wanted);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const rect = range.getBoundingClientRect();
        let scroller: HTMLElement | null = root.parentElement;
        while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
        const box = (scroller ?? document.documentElement).getBoundingClientRect();
        return rect.height > 0 && rect.top >= box.top && rect.bottom <= box.bottom;
      }
      return false;
    }, passage);
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
