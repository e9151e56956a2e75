// CSS Custom Highlights for the pending selection, the passage being looked at and the flash: painted
// without touching the text's DOM. They are kept as offsets too: when a block they cover is written again
// (it scrolls back into the page, its mentions arrive, an annotation changes), their DOM ranges collapse
// and are drawn anew from the offsets.

type Span = { start: number; end: number };

export class TextHighlights {
  readonly #spans = new Map<string, Span>();
  readonly #range: (start: number, end: number) => Range | null;
  #queued = false;

  constructor(range: (start: number, end: number) => Range | null) {
    this.#range = range;
  }

  /** Paints `span` as the highlight `name` (`range` when the caller has it already); null removes it. */
  set(name: string, span: Span | null, range: Range | null = span ? this.#range(span.start, span.end) : null): void {
    const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
    if (!registry) return;
    if (span) this.#spans.set(name, span);
    else this.#spans.delete(name);
    if (span && range) registry.set(name, new Highlight(range));
    else registry.delete(name);
  }

  /** Attachment for the text container: re-anchors the highlights whenever its blocks are rewritten. */
  follow = (el: HTMLElement): (() => void) => {
    const observer = new MutationObserver(() => {
      if (this.#queued || this.#spans.size === 0) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        for (const [name, span] of this.#spans) {
          const range = this.#range(span.start, span.end);
          if (range) CSS.highlights?.set(name, new Highlight(range));
          else CSS.highlights?.delete(name);
        }
      });
    });
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  };

  clear(...names: string[]): void {
    for (const name of names) this.set(name, null);
  }
}
