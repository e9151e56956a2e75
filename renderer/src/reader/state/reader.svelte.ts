// The reader's state and what the analyst does with it: the article's text and blocks, its annotations
// and mentions, the codebook, the tag picker, the entity form, the popover and the hover card, and the
// calls to the API behind each action. The components only show it. Offsets are UTF-16 code units into
// article.text, end exclusive, and never derived from layout: every DOM position maps back through the
// block it sits in (see domOffsets.ts).
import { tick, untrack } from 'svelte';
import type { Annotation, Api, Article, EntityType, Mention, Tag } from '../../../../main/api/contract.ts';
import { blockAt, splitBlocks } from '../blocks.ts';
import { rangeToOffsets, pointToOffset } from '../domOffsets.ts';
import { suggestEntityName } from '../entityName.ts';
import { excerpt, normaliseSelection } from '../text.ts';
import type { TagLook } from '../segments.ts';
import type { EntityChoice } from '../EntityForm.svelte';
import { typeLabels } from '../../lib/charts/entityTypes.ts';
import { access } from '../../lib/project.svelte.ts';
import { coding } from '../../lib/coders.svelte.ts';
import { ReaderAnnotations, type AnnotationChange } from './annotations.svelte.ts';
import { ReaderMentions } from './mentions.svelte.ts';
import { ReaderCodebook } from './codebook.svelte.ts';
import { ReaderPrefs } from './prefs.svelte.ts';
import { ReaderToasts } from './toasts.svelte.ts';
import { Viewport } from './viewport.svelte.ts';
import { TextHighlights } from './highlights.ts';

export type ReaderProps = {
  article: Article;
  annotations: Annotation[];
  tags: Tag[];
  api: Api;
  /** A passage to bring into view and flash; a new token asks again (even for the same range). */
  focus?: { start: number; end: number; token: number } | null;
  /** Something changed here; for annotations, what changed (the shell applies it to its own list). */
  onchange: (change?: AnnotationChange) => void;
};

export type Span = { start: number; end: number };
export type Anchor = { left: number; top: number; bottom: number };
export type HoverCard = { anchor: Anchor; entities: { name: string; type: EntityType }[]; tags: TagLook[] };

const idsOf = (mark: Element, attr: string) =>
  (mark.getAttribute(attr) ?? '')
    .split(' ')
    .map(Number)
    .filter((n) => n > 0);

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export class ReaderState {
  readonly #get: () => ReaderProps;

  // Through deriveds of their own: an edit of the article's details replaces the article object, and must
  // not re-split a long text or reload its mentions.
  readonly text = $derived.by(() => this.#props.article.text);
  readonly articleId = $derived.by(() => this.#props.article.id);
  readonly layout = $derived(splitBlocks(this.text));

  readonly prefs = new ReaderPrefs();
  readonly toasts = new ReaderToasts();
  readonly codebook: ReaderCodebook;
  readonly annotations: ReaderAnnotations;
  readonly mentions: ReaderMentions;
  readonly viewport: Viewport;
  readonly highlights: TextHighlights;

  busy = $state(false);
  picker = $state<{ span: Span; anchor: Anchor; quote: string } | null>(null);
  entityForm = $state<{ span: Span; anchor: Anchor; quote: string; suggestion: string } | null>(null);
  popover = $state<{ ids: number[]; mentionIds: number[]; span: Span; anchor: Anchor } | null>(null);
  hover = $state<HoverCard | null>(null);
  /** The annotation being looked at (in the popover or from the panel). */
  activeId = $state(0);
  /** Notes typed but not saved yet, by annotation id; they survive closing and reopening the popover. */
  drafts = $state<Record<number, string>>({});

  readonly popoverItems = $derived(this.popover ? this.popover.ids.map((id) => this.annotations.get(id)).filter((a): a is Annotation => !!a) : []);
  readonly popoverMentions = $derived(this.popover ? this.popover.mentionIds.map((id) => this.mentions.get(id)).filter((m): m is Mention => !!m) : []);

  #flashTimer: ReturnType<typeof setTimeout> | undefined;
  #focusToken: number | null = null;
  #shownArticle = 0;

  /** `props`: the component's props, read through a function so that every read is current. */
  constructor(props: () => ReaderProps) {
    this.#get = props;
    this.codebook = new ReaderCodebook(() => this.#props.tags);
    this.annotations = new ReaderAnnotations(
      () => this.#props.annotations,
      () => this.articleId,
      () => this.layout.blocks,
    );
    this.mentions = new ReaderMentions(
      () => this.#props.api,
      () => this.articleId,
      () => this.layout.blocks,
      (what, error) => this.toasts.fail(what, error),
    );
    this.viewport = new Viewport(() => this.layout);
    this.highlights = new TextHighlights((start, end) => this.viewport.domRange(start, end));

    // A different article starts at the top with nothing open.
    $effect.pre(() => {
      const id = this.articleId;
      if (id === this.#shownArticle) return;
      this.#shownArticle = id;
      untrack(() => {
        this.picker = null;
        this.popover = null;
        this.entityForm = null;
        this.hover = null;
        this.highlights.clear('fl-pending', 'fl-flash', 'fl-active');
        const sc = this.viewport.scroller;
        if (sc) sc.scrollTop = 0;
      });
    });
    $effect(() => {
      if (!this.popover) this.highlights.set('fl-active', null);
    });
    // Close the popover when what it shows is gone (deleted here, or by a reload).
    $effect(() => {
      if (this.popover && this.popoverItems.length === 0 && this.popoverMentions.length === 0) this.popover = null;
    });
    // A passage asked for from outside (an entity's mention, a chart): once per token, after the text is in
    // the page.
    $effect(() => {
      const f = this.#props.focus;
      if (!f || f.token === this.#focusToken) return;
      this.#focusToken = f.token;
      untrack(() => void tick().then(() => this.revealSpan(f.start, f.end, 'centre')));
    });
    $effect(() => () => {
      this.highlights.clear('fl-pending', 'fl-flash', 'fl-active');
      clearTimeout(this.#flashTimer);
    });
  }

  get #props(): ReaderProps {
    return this.#get();
  }

  get api(): Api {
    return this.#props.api;
  }

  get article(): Article {
    return this.#props.article;
  }

  #changed(change?: AnnotationChange) {
    this.#props.onchange(change);
  }

  // ---- Selection and anchors -------------------------------------------------------------------------

  /** The current DOM selection as a span of the article, trimmed and snapped; null when there is none. */
  selectedSpan(): Span | null {
    const sel = window.getSelection();
    const el = this.viewport.textEl;
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !el) return null;
    const raw = rangeToOffsets(el, sel.getRangeAt(0), this.text.length);
    return raw ? normaliseSelection(this.text, raw.start, raw.end) : null;
  }

  setDomSelection(span: Span | null) {
    const sel = window.getSelection();
    if (!sel) return;
    sel.removeAllRanges();
    const range = span ? this.viewport.domRange(span.start, span.end) : null;
    if (range) sel.addRange(range);
  }

  anchorOf(range: Range | null): Anchor | null {
    if (!range) return null;
    const rects = range.getClientRects();
    const first = rects[0];
    const last = rects[rects.length - 1];
    if (!first || !last) return null;
    return { left: first.left, top: first.top, bottom: last.bottom };
  }

  fallbackAnchor(): Anchor {
    const r = this.viewport.scroller?.getBoundingClientRect();
    return { left: (r?.left ?? 0) + 40, top: (r?.top ?? 0) + 40, bottom: (r?.top ?? 0) + 60 };
  }

  focusText() {
    this.viewport.textEl?.focus({ preventScroll: true });
  }

  // ---- Picker ----------------------------------------------------------------------------------------

  /** `how`: a mouse selection only offers the picker, so a read-only project says why not just once. */
  openPicker(span: Span, how: 'mouse' | 'key' = 'key') {
    if (!access.allows('passages cannot be tagged', { once: how === 'mouse' })) return;
    const range = this.viewport.domRange(span.start, span.end);
    const anchor = this.anchorOf(range) ?? this.fallbackAnchor();
    this.popover = null;
    this.entityForm = null;
    this.hover = null;
    this.picker = { span, anchor, quote: excerpt(this.text.slice(span.start, span.end), 90) };
    this.highlights.set('fl-pending', span, range);
  }

  closePicker(restoreSelection: boolean) {
    const span = this.picker?.span ?? null;
    this.picker = null;
    this.highlights.set('fl-pending', null);
    if (restoreSelection && span) {
      this.setDomSelection(span);
      this.focusText();
    }
  }

  async applyTag(tagId: number, span: Span, how: 'picker' | 'shortcut' = 'picker'): Promise<void> {
    if (this.busy || !access.allows('passages cannot be tagged')) return;
    this.busy = true;
    try {
      const created = await this.api['annotations.create']({ articleId: this.articleId, tagId, start: span.start, end: span.end, ...coding.stamp });
      const change = this.annotations.put(created);
      if (this.picker) this.closePicker(false);
      window.getSelection()?.removeAllRanges();
      this.focusText();
      this.#changed(change);
      // A single key did this: make it as easy to take back.
      if (how === 'shortcut')
        this.toasts.show('info', `Tagged ${this.codebook.lookup(created.tagId).label}.`, { label: 'Undo', run: () => void this.remove(created, false) });
    } catch (error) {
      // The picker (and so the selection) stays open: nothing the analyst did is lost.
      this.toasts.fail('The passage was not tagged', error);
    } finally {
      this.busy = false;
    }
  }

  async createAndApply(path: string[], span: Span) {
    if (this.busy) return;
    this.busy = true;
    let tag: Tag;
    try {
      tag = path.length > 1 ? await this.api['tags.ensurePath']({ path }) : await this.api['tags.create']({ name: path[0]! });
      this.codebook.added(tag);
    } catch (error) {
      this.toasts.fail(`The tag “${path.join(' > ')}” was not created`, error);
      return;
    } finally {
      this.busy = false;
    }
    await this.applyTag(tag.id, span);
  }

  // ---- Marking an entity ----------------------------------------------------------------------------

  openEntityForm(span: Span) {
    if (!access.allows('names cannot be marked as entities')) return;
    const range = this.viewport.domRange(span.start, span.end);
    const anchor = this.anchorOf(range) ?? this.picker?.anchor ?? this.fallbackAnchor();
    this.picker = null;
    this.popover = null;
    this.hover = null;
    const selected = this.text.slice(span.start, span.end);
    this.entityForm = { span, anchor, quote: excerpt(selected, 90), suggestion: suggestEntityName(selected) };
    this.highlights.set('fl-pending', span, range);
  }

  closeEntityForm(restoreSelection: boolean) {
    const span = this.entityForm?.span ?? null;
    this.entityForm = null;
    this.highlights.set('fl-pending', null);
    if (restoreSelection && span) {
      this.setDomSelection(span);
      this.focusText();
    }
  }

  async addMention(choice: EntityChoice) {
    if (this.busy || !this.entityForm) return;
    const span = this.entityForm.span;
    this.busy = true;
    try {
      const m = await this.api['mentions.add']({ articleId: this.articleId, start: span.start, end: span.end, ...choice });
      this.mentions.put(m);
      this.closeEntityForm(false);
      window.getSelection()?.removeAllRanges();
      this.focusText();
      // The analyst has just marked one: show it, even if underlines were off.
      this.prefs.showEntities = true;
      this.#changed();
      this.toasts.show('info', `Marked “${excerpt(m.text, 40)}” as ${m.entity} (${typeLabels[m.type]}).`);
    } catch (error) {
      // The form (and what was typed in it) stays open.
      this.toasts.fail('The mention was not added', error);
    } finally {
      this.busy = false;
    }
  }

  async removeMention(m: Mention) {
    if (this.busy) return;
    this.busy = true;
    try {
      const { removed } = await this.api['mentions.remove']({ id: m.id });
      this.mentions.drop(m.id);
      if (this.popover) this.popover = { ...this.popover, mentionIds: this.popover.mentionIds.filter((id) => id !== m.id) };
      this.#changed();
      this.toasts.show('info', `Removed the mention of ${removed.entity}: “${excerpt(removed.text, 40)}”`, {
        label: 'Undo',
        run: () => void this.#restoreMention(removed),
      });
    } catch (error) {
      this.toasts.fail('The mention was not removed', error);
    } finally {
      this.busy = false;
    }
  }

  async #restoreMention(m: Mention) {
    try {
      // By name: the entity itself is gone when this was its only mention.
      this.mentions.put(await this.api['mentions.add']({ articleId: m.articleId, start: m.start, end: m.end, name: m.entity, type: m.type }));
      this.#changed();
      this.toasts.show('info', 'Mention restored.');
    } catch (error) {
      this.toasts.fail('The mention was not restored', error);
    }
  }

  // ---- Popover ---------------------------------------------------------------------------------------

  /**
   * Opens the popover for what the mark shows: its annotations (when highlights are on) and its entity
   * mentions (when underlines are on). Returns false when there is nothing to show.
   */
  openPopoverAt(mark: Element, clientY: number | null): boolean {
    const el = this.viewport.textEl;
    const ids = this.prefs.showHighlights ? idsOf(mark, 'data-annotation-ids') : [];
    const mentionIds = this.prefs.showEntities ? idsOf(mark, 'data-mention-ids') : [];
    if ((!ids.length && !mentionIds.length) || !el) return false;
    const start = pointToOffset(el, mark, 0, this.text.length) ?? 0;
    const end = start + (mark.textContent?.length ?? 0);
    const rects = [...mark.getClientRects()];
    const rect = (clientY !== null && rects.find((r) => clientY >= r.top && clientY <= r.bottom)) || rects[0];
    if (!rect) return false;
    this.picker = null;
    this.hover = null;
    this.popover = { ids, mentionIds, span: { start, end }, anchor: { left: rect.left, top: rect.top, bottom: rect.bottom } };
    if (ids.length) this.activeId = ids[0]!;
    else {
      // Only mentions here: mark the first one's passage as the one being looked at.
      const m = this.mentions.get(mentionIds[0]!);
      queueMicrotask(() => {
        if (this.popover && m) this.highlights.set('fl-active', m);
      });
    }
    return true;
  }

  closePopover() {
    this.popover = null;
    this.focusText();
  }

  /** Marks the passage of the annotation the popover shows, so it is clear which one is being edited. */
  markActive(a: Annotation) {
    this.activeId = a.id;
    queueMicrotask(() => {
      if (this.popover) this.highlights.set('fl-active', a);
    });
  }

  async saveNote(a: Annotation, note: string): Promise<boolean> {
    this.busy = true;
    try {
      this.#changed(this.annotations.put(await this.api['annotations.update']({ id: a.id, note })));
      this.toasts.show('info', 'Note saved.');
      return true;
    } catch (error) {
      // The draft stays in the textarea.
      this.toasts.fail('The note was not saved', error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async retag(a: Annotation, tagId: number) {
    this.busy = true;
    try {
      this.#changed(this.annotations.put(await this.api['annotations.update']({ id: a.id, tagId })));
    } catch (error) {
      this.toasts.fail('The tag was not changed', error);
    } finally {
      this.busy = false;
    }
  }

  async remove(a: Annotation, offerUndo = true) {
    this.busy = true;
    try {
      const { deleted } = await this.api['annotations.delete']({ id: a.id });
      const change = this.annotations.drop(a.id);
      if (this.popover) this.popover = { ...this.popover, ids: this.popover.ids.filter((id) => id !== a.id) };
      this.#changed(change);
      // An unsaved note goes with the annotation, to come back with it on undo.
      const { [a.id]: draft, ...others } = this.drafts;
      if (draft !== undefined) this.drafts = others;
      if (offerUndo)
        this.toasts.show('info', `Deleted ${this.codebook.lookup(deleted.tagId).label}: “${excerpt(deleted.quote, 40)}”`, {
          label: 'Undo',
          run: () => void this.#restore(deleted, draft),
        });
    } catch (error) {
      this.toasts.fail('The annotation was not deleted', error);
    } finally {
      this.busy = false;
    }
  }

  /** Undo of a delete: the project puts back what it deleted, under a new id when the old one is taken. */
  async #restore(deleted: Annotation, draft: string | undefined) {
    try {
      const restored = await this.api['annotations.restore']({ id: deleted.id });
      // The old id now belongs to another annotation: stop hiding it as deleted.
      if (restored.id !== deleted.id) this.annotations.forget(deleted.id);
      const change = this.annotations.put(restored);
      if (draft !== undefined) this.drafts = { ...this.drafts, [restored.id]: draft };
      this.#changed(change);
      this.toasts.show('info', 'Annotation restored.');
    } catch (error) {
      this.toasts.fail('The annotation was not restored', error);
    }
  }

  // ---- Revealing a passage ---------------------------------------------------------------------------

  async reveal(a: Annotation) {
    this.activeId = a.id;
    await this.revealSpan(a.start, a.end, 'reading');
  }

  /**
   * Scrolls [start, end) into view and flashes it: at reading height (a third down) for a jump from the
   * panel, or centred for a passage asked for from elsewhere (an entity's mention, a chart). The block
   * may not be in the page yet: go to where its height map puts it, then correct on the passage itself.
   */
  async revealSpan(start: number, end: number, where: 'reading' | 'centre') {
    const vp = this.viewport;
    const sc = vp.scroller;
    if (!sc) return;
    const bi = Math.max(0, blockAt(this.layout.blocks, start));
    vp.scrollToBlock(bi, sc.clientHeight / (where === 'centre' ? 2 : 3));
    // Twice: the blocks written around it are measured and may move the passage.
    for (let pass = 0; pass < 3; pass++) {
      const rect = vp.domRange(start, end)?.getBoundingClientRect();
      if (!rect || rect.height === 0) break;
      const box = sc.getBoundingClientRect();
      const gap = where === 'centre' ? (box.height - rect.height) / 2 : (box.height - rect.height) / 3;
      const target = rect.height > box.height * 0.6 ? rect.top - box.top - 48 : rect.top - box.top - gap;
      if (Math.abs(target) < 24) break;
      sc.scrollTop += target;
      vp.update();
      await frame();
    }
    this.highlights.set('fl-flash', { start, end });
    clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => this.highlights.set('fl-flash', null), 1600);
  }

  // ---- Anchors follow the text when it scrolls -------------------------------------------------------

  #scrollQueued = false;
  onscroll() {
    this.viewport.update();
    if (this.hover) this.hideHover();
    if (this.#scrollQueued || (!this.picker && !this.popover && !this.entityForm)) return;
    this.#scrollQueued = true;
    requestAnimationFrame(() => {
      this.#scrollQueued = false;
      const box = this.viewport.scroller?.getBoundingClientRect();
      const at = (s: Span) => this.anchorOf(this.viewport.domRange(s.start, s.end));
      if (this.picker) {
        const a = at(this.picker.span);
        if (a) this.picker = { ...this.picker, anchor: a };
      }
      if (this.entityForm) {
        const a = at(this.entityForm.span);
        if (a) this.entityForm = { ...this.entityForm, anchor: a };
      }
      if (this.popover && box) {
        const a = at(this.popover.span);
        if (!a || a.bottom < box.top || a.top > box.bottom) this.popover = null;
        else this.popover = { ...this.popover, anchor: a };
      }
    });
  }

  // ---- Hover card: what a highlight or underline stands for ------------------------------------------

  #hoverMark: Element | null = null;
  #hoverTimer: ReturnType<typeof setTimeout> | undefined;

  hideHover() {
    clearTimeout(this.#hoverTimer);
    this.#hoverMark = null;
    this.hover = null;
  }

  /** The card for a mark: the canonical entity and type of each mention, the tag path of each annotation. */
  #showHover(mark: Element, clientY: number) {
    if (this.picker || this.popover || this.entityForm || !mark.isConnected) return;
    const entities = this.prefs.showEntities
      ? idsOf(mark, 'data-mention-ids')
          .map((id) => this.mentions.get(id))
          .filter((m): m is Mention => !!m)
          .map((m) => ({ name: m.entity, type: m.type }))
      : [];
    const tags = this.prefs.showHighlights
      ? idsOf(mark, 'data-annotation-ids')
          .map((id) => this.annotations.get(id))
          .filter((a): a is Annotation => !!a)
          .map((a) => this.codebook.lookup(a.tagId))
      : [];
    if (!entities.length && !tags.length) return;
    const rects = [...mark.getClientRects()];
    const rect = rects.find((r) => clientY >= r.top && clientY <= r.bottom) ?? rects[0];
    if (!rect) return;
    this.hover = { anchor: { left: rect.left, top: rect.top, bottom: rect.bottom }, entities, tags };
  }

  // Written on hover rather than as a title on every mark up front; a short delay keeps the card from
  // flickering while the pointer crosses the text.
  hoverCards = (el: HTMLElement) => {
    const over = (e: MouseEvent) => {
      const mark = (e.target as Element | null)?.closest?.('mark') ?? null;
      if (mark === this.#hoverMark) return;
      this.hideHover();
      if (!mark || e.buttons !== 0) return;
      this.#hoverMark = mark;
      const y = e.clientY;
      this.#hoverTimer = setTimeout(() => this.#showHover(mark, y), 300);
    };
    const leave = () => this.hideHover();
    el.addEventListener('mouseover', over);
    el.addEventListener('mouseleave', leave);
    return () => {
      el.removeEventListener('mouseover', over);
      el.removeEventListener('mouseleave', leave);
      clearTimeout(this.#hoverTimer);
    };
  };
}
