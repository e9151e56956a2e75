// Pointer and keyboard in the reader: a mouse selection offers the tag picker, Shift+arrows select from the
// keyboard and Enter opens the picker (or the popover of the highlight under the caret), a tag's letter
// applies it. The text is virtualised, so selecting, copying and printing also keep the blocks they need
// in the page (and copy takes the article's own text, blocks in the page or not).
import { offsetToPoint, rangeToOffsets } from '../domOffsets.ts';
import type { ReaderState } from './reader.svelte.ts';

const ARROWS: Record<string, ['forward' | 'backward', 'character' | 'line']> = {
  ArrowLeft: ['backward', 'character'],
  ArrowRight: ['forward', 'character'],
  ArrowUp: ['backward', 'line'],
  ArrowDown: ['forward', 'line'],
};

export class ReaderInput {
  readonly #r: ReaderState;
  #pointerInText = false;

  constructor(reader: ReaderState) {
    this.#r = reader;
  }

  get #text(): HTMLElement | undefined {
    return this.#r.viewport.textEl;
  }

  onmousedown = (e: MouseEvent) => {
    if (e.button === 0) this.#pointerInText = true;
    this.#r.hideHover();
  };

  /** A mouse selection is complete: offer the picker beside it. */
  onmouseup = (e: MouseEvent) => {
    this.#pointerInText = false;
    if (e.button !== 0) return;
    const span = this.#r.selectedSpan();
    if (span && this.#r.prefs.pickerOnSelect) this.#r.openPicker(span, 'mouse');
  };

  /** A drag that began in the text may end over the margin, the panel or outside the window. */
  onWindowMouseup = (e: MouseEvent) => {
    if (!this.#pointerInText) return;
    if (this.#text && e.target instanceof Node && this.#text.contains(e.target)) return;
    this.onmouseup(e);
  };

  onclick = (e: MouseEvent) => {
    const r = this.#r;
    if (r.picker || r.entityForm || r.selectedSpan()) return;
    const mark = (e.target as Element | null)?.closest?.('mark');
    if (!(mark && this.#text?.contains(mark) && r.openPopoverAt(mark, e.clientY))) r.popover = null;
  };

  /** The blocks where the selection begins and ends stay in the page while it lasts. */
  onselectionchange = () => {
    const sel = document.getSelection();
    const vp = this.#r.viewport;
    const live = sel && sel.rangeCount > 0 && !sel.isCollapsed;
    vp.pin('anchor', live ? vp.blockOf(sel.anchorNode) : null);
    vp.pin('focus', live ? vp.blockOf(sel.focusNode) : null);
  };

  /** The article's own text for what is selected: its newlines, and blocks not in the page. */
  oncopy = (e: ClipboardEvent) => {
    const sel = window.getSelection();
    const el = this.#text;
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !el || !e.clipboardData) return;
    const span = rangeToOffsets(el, sel.getRangeAt(0), this.#r.text.length);
    if (!span || span.end <= span.start) return;
    e.clipboardData.setData('text/plain', this.#r.text.slice(span.start, span.end));
    e.preventDefault();
  };

  /** Printing shows the whole article. */
  onbeforeprint = () => this.#r.viewport.all(true);
  onafterprint = () => this.#r.viewport.all(false);

  /** With no selection in the text, keyboard selection starts at the top of what is on screen. */
  #caretAtTopOfView() {
    const vp = this.#r.viewport;
    const i = vp.topBlock();
    const b = vp.blocks[i];
    const el = vp.blockEl(i);
    if (!b || !el) return;
    const p = offsetToPoint(el, b.start, b.start, 'start');
    window.getSelection()?.collapse(p.node as Node, p.offset);
  }

  /** Keeps the moving end of a keyboard selection on screen, so the blocks beyond it come into the page. */
  #followFocus(sel: Selection) {
    const sc = this.#r.viewport.scroller;
    if (!sc || !sel.focusNode) return;
    const range = document.createRange();
    range.setStart(sel.focusNode, sel.focusOffset);
    const rect =
      range.getClientRects()[0] ?? (sel.focusNode.nodeType === 1 ? (sel.focusNode as Element) : sel.focusNode.parentElement)?.getBoundingClientRect();
    if (!rect) return;
    const box = sc.getBoundingClientRect();
    if (rect.bottom > box.bottom) sc.scrollTop += rect.bottom - box.bottom + 24;
    else if (rect.top < box.top) sc.scrollTop -= box.top - rect.top + 24;
    this.#r.viewport.update();
  }

  onkeydown = (e: KeyboardEvent) => {
    const r = this.#r;
    const arrow = ARROWS[e.key];
    if (arrow && e.shiftKey && !e.metaKey) {
      e.preventDefault();
      // Adjusting the selection: the picker reopens on Enter.
      if (r.picker) r.closePicker(true);
      const sel = window.getSelection();
      if (!sel) return;
      if (sel.rangeCount === 0 || !this.#text?.contains(sel.anchorNode)) this.#caretAtTopOfView();
      const granularity = (e.ctrlKey || e.altKey) && arrow[1] === 'character' ? 'word' : arrow[1];
      sel.modify('extend', arrow[0], granularity);
      this.onselectionchange();
      this.#followFocus(sel);
      return;
    }
    r.hideHover();
    // While the picker or the entity form is open it takes the keys.
    if (r.picker || r.entityForm) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'a' && this.#text) {
      // Select the article, not the whole app. The selection holds on to the text container itself, so it
      // lasts whatever blocks come and go; a copy takes the article's text (oncopy).
      e.preventDefault();
      const range = document.createRange();
      range.selectNodeContents(this.#text);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      return;
    }
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const span = r.selectedSpan();
      if (span) {
        e.preventDefault();
        r.openPicker(span);
        return;
      }
      const node = window.getSelection()?.anchorNode;
      const el = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : null;
      const mark = el?.closest('mark');
      if (mark && this.#text?.contains(mark) && r.openPopoverAt(mark, null)) e.preventDefault();
      return;
    }
    if (e.key === 'Escape' && r.selectedSpan()) window.getSelection()?.removeAllRanges();
  };

  /**
   * A tag's letter applies it to the selection; T (when no tag claims it) opens the picker, E (likewise)
   * the form that marks the selection as an entity.
   */
  onWindowKeydown = (e: KeyboardEvent) => {
    const r = this.#r;
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || r.picker || r.popover || r.entityForm || r.busy) return;
    if (e.key.length !== 1 || !/\p{L}/u.test(e.key)) return;
    const target = e.target as Element | null;
    if (target?.closest?.('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return;
    const span = r.selectedSpan();
    if (!span) return;
    const key = e.key.toLowerCase();
    const tag = r.codebook.ordered.find((t) => t.shortcut === key);
    if (tag) {
      e.preventDefault();
      void r.applyTag(tag.id, span, 'shortcut');
    } else if (key === 't') {
      e.preventDefault();
      r.openPicker(span);
    } else if (key === 'e') {
      e.preventDefault();
      r.openEntityForm(span);
    }
  };

  onWindowMousedown = (e: MouseEvent) => {
    const r = this.#r;
    const target = e.target as Element | null;
    if (r.picker && !target?.closest?.('.fl-picker')) r.closePicker(false);
    if (r.entityForm && !target?.closest?.('.fl-entity-form')) r.closeEntityForm(false);
    if (r.popover && !target?.closest?.('.fl-popover') && !target?.closest?.('[data-annotation-ids], [data-mention-ids]')) r.popover = null;
  };
}
