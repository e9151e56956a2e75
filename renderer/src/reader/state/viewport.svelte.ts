// The reader's scrolling text, virtualised by blocks: the page holds the blocks on screen and a screen's
// height around them, spacers stand in for the rest (see virtual.ts). On every scroll the blocks that came
// into range are written, measured at once (before the frame is painted) and their heights kept; when a
// measurement moves what is on screen, the scroll position moves with it so nothing jumps.
// Blocks where a selection begins and ends stay in the page while it lasts, so a selection survives
// scrolling away from its start.
import { flushSync } from 'svelte';
import type { Block, BlockLayout } from '../blocks.ts';
import { blockAt, blocksTouched } from '../blocks.ts';
import { BLOCK_ATTR, offsetToPoint } from '../domOffsets.ts';
import { HeightMap, itemsFor, plan, sameRanges, visibleRange, type Item, type Metrics, type Ranges } from '../virtual.ts';

/** Pixels of text kept in the page above and below what is on screen. */
const MARGIN = 600;
/** After a jump the margins are written once scrolling has paused this long. */
const FILL_DELAY_MS = 120;
/** Before the first layout: Georgia 17px at line-height 1.75 in a 68ch column. */
const DEFAULT_METRICS: Metrics = { lineHeight: 29.75, charsPerLine: 75, gapHeight: 14.45 };

export class Viewport {
  scroller: HTMLElement | undefined = $state();
  textEl: HTMLElement | undefined = $state();

  /** Learnt from one article, a good first guess for the next in the same window. */
  #metrics: Metrics = DEFAULT_METRICS;
  readonly map = $derived.by(() => new HeightMap(this.layout().blocks, this.#metrics));
  #view = $state.raw<{ map: HeightMap; ranges: Ranges; rev: number } | null>(null);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- element bookkeeping, not shown
  readonly #els = new Map<number, HTMLElement>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read by update() only, not by the template
  readonly #pins = new Map<string, number>();
  #all = false;
  #width = 0;
  #padTop: { layout: BlockLayout; px: number } | null = null;
  #fillTimer: ReturnType<typeof setTimeout> | undefined;

  /** Blocks and spacers, in order, for the text container. */
  readonly items: Item[] = $derived.by(() => {
    const map = this.map;
    const v = this.#view;
    return itemsFor(map, v && v.map === map ? v.ranges : this.#initial(map));
  });

  private readonly layout: () => BlockLayout;

  constructor(layout: () => BlockLayout) {
    this.layout = layout;
  }

  get blocks(): readonly Block[] {
    return this.layout().blocks;
  }

  /** The ranges of blocks in the page. */
  get ranges(): Ranges {
    const v = this.#view;
    return v && v.map === this.map ? v.ranges : this.#initial(this.map);
  }

  #initial(map: HeightMap): Ranges {
    if (map.size === 0) return [];
    const h = typeof window === 'undefined' ? 1000 : window.innerHeight;
    return [[0, map.indexAt(h + MARGIN)]];
  }

  /** Called by each block element as it enters and leaves the page. */
  register = (index: number, el: HTMLElement): (() => void) => {
    this.#els.set(index, el);
    return () => {
      if (this.#els.get(index) === el) this.#els.delete(index);
    };
  };

  /** The element of block `i` when it is in the page. */
  blockEl(i: number): HTMLElement | null {
    const el = this.#els.get(i);
    return el && el.isConnected && el.getAttribute(BLOCK_ATTR) === String(this.blocks[i]?.start) ? el : null;
  }

  /** Keeps block `index` in the page under `name` (null lets it go). */
  pin(name: string, index: number | null): void {
    if (index === null || index < 0) this.#pins.delete(name);
    else this.#pins.set(name, index);
  }

  /** The block holding a DOM node inside the text, or -1. */
  blockOf(node: Node | null): number {
    const el = node ? (node.nodeType === 1 ? (node as Element) : node.parentElement) : null;
    const block = el?.closest(`[${BLOCK_ATTR}]`);
    if (!block || !this.textEl?.contains(block) || block.classList.contains('fl-gap')) return -1;
    return blockAt(this.blocks, Number(block.getAttribute(BLOCK_ATTR)));
  }

  /** Distance from the top of the scrolled content to the top of the first block. */
  #origin(): number {
    const el = this.textEl!;
    const layout = this.layout();
    if (this.#padTop?.layout !== layout) this.#padTop = { layout, px: parseFloat(getComputedStyle(el).paddingTop) || 0 };
    return el.offsetTop + this.#padTop.px;
  }

  /** Reads the text's line height and the column's width; a new width makes every measurement stale. */
  #readMetrics(map: HeightMap): void {
    const el = this.textEl!;
    const width = el.clientWidth;
    if (width === this.#width) return;
    const style = getComputedStyle(el);
    const font = parseFloat(style.fontSize) || 17;
    const lineHeight = parseFloat(style.lineHeight) || font * 1.75;
    const cpl = this.#width > 0 ? (this.#metrics.charsPerLine * width) / this.#width : this.#metrics.charsPerLine;
    const first = this.#width === 0;
    this.#width = width;
    this.#metrics = { lineHeight, charsPerLine: cpl, gapHeight: font * 0.85 };
    if (first) map.reestimate(this.#metrics);
    else map.invalidate(this.#metrics);
  }

  /**
   * Brings the page in line with the scroll position: writes the blocks now in range, measures them and
   * keeps the block at the top of the screen where it was. Synchronous: runs on scroll, before paint.
   */
  update(): void {
    const sc = this.scroller;
    const el = this.textEl;
    const map = this.map;
    if (!sc || !el || map.size === 0) return;
    this.#readMetrics(map);
    // Pins name blocks of the article they were set in.
    if (this.#view && this.#view.map !== map) this.#pins.clear();
    let jump = false;
    for (let pass = 0; pass < 4; pass++) {
      const origin = this.#origin();
      const y = sc.scrollTop - origin;
      const anchor = map.indexAt(y);
      const into = y - map.top(anchor);
      const v = this.#view;
      if (pass === 0) jump = this.#isJump(map, v?.map === map ? v.ranges : [], y, sc.clientHeight);
      const range: [number, number] | null = this.#all ? [0, map.size - 1] : visibleRange(map, y, sc.clientHeight, jump ? 0 : MARGIN);
      const ranges = plan(range, this.#pins.values(), map.size);
      const changed = !v || v.map !== map || !sameRanges(v.ranges, ranges);
      if (changed) {
        this.#view = { map, ranges, rev: (v?.rev ?? 0) + 1 };
        flushSync();
      }
      // Measure what is in the page; blocks above the one at the top of the screen move it.
      const before = map.top(anchor);
      let moved = false;
      // Blocks measured before keep their height (their spans do not change it); reading one that has not
      // been is what costs a layout, once per pass.
      for (const [i, block] of this.#els) {
        if (map.isMeasured(i) || !block.isConnected) continue;
        if (map.measure(i, block.getBoundingClientRect().height) !== 0) moved = true;
      }
      const learnt = map.learntCharsPerLine();
      if (learnt) {
        this.#metrics = { ...this.#metrics, charsPerLine: learnt };
        map.reestimate(this.#metrics);
        moved = true;
      }
      if (moved) {
        // The spacers follow the new heights, then the scroll position follows the block at the top.
        this.#view = { map, ranges, rev: (this.#view?.rev ?? 0) + 1 };
        flushSync();
        const shift = map.top(anchor) - before;
        if (Math.abs(shift) >= 0.5) sc.scrollTop = origin + map.top(anchor) + into;
      }
      if (!changed && !moved) break;
    }
  }

  /**
   * Whether the screen at `y` is a jump to where nothing is in the page yet (a scrollbar drag, a fling).
   * Then the screen alone is written, so each frame of it stays short; the margins around it follow once
   * the scrolling pauses.
   */
  #isJump(map: HeightMap, current: Ranges, y: number, height: number): boolean {
    clearTimeout(this.#fillTimer);
    const screen = visibleRange(map, y, height, 0);
    if (!screen || current.length === 0 || current.some(([a, b]) => a <= screen[1] && b >= screen[0])) return false;
    this.#fillTimer = setTimeout(() => this.update(), FILL_DELAY_MS);
    return true;
  }

  /** Puts every block in the page (to print the whole article), or goes back to what is on screen. */
  all(on: boolean): void {
    this.#all = on;
    this.update();
  }

  /** Scrolls so that block `i` starts `offset` pixels below the top of the screen, and writes it. */
  scrollToBlock(i: number, offset: number): void {
    const sc = this.scroller;
    if (!sc || !this.textEl || i < 0) return;
    this.update();
    sc.scrollTop = Math.max(0, this.#origin() + this.map.top(i) - offset);
    this.update();
  }

  /** The block at the top of the screen. */
  topBlock(): number {
    const sc = this.scroller;
    if (!sc || !this.textEl || this.map.size === 0) return -1;
    return this.map.indexAt(sc.scrollTop - this.#origin());
  }

  /** The first and last blocks in the page among first..last; null when none of them is. */
  renderedWithin(first: number, last: number): [number, number] | null {
    let a = -1;
    let b = -1;
    for (const [s, e] of this.ranges) {
      const lo = Math.max(s, first);
      const hi = Math.min(e, last);
      if (lo > hi) continue;
      if (a < 0) a = lo;
      b = hi;
    }
    return a < 0 ? null : [a, b];
  }

  /** A DOM Range over [start, end) of the text, cut to the blocks in the page; null when none is. */
  domRange(start: number, end: number): Range | null {
    const blocks = this.blocks;
    const touched = blocksTouched(blocks, start, Math.max(end, start + 1));
    if (!touched) return null;
    const shown = this.renderedWithin(touched[0], touched[1]);
    if (!shown) return null;
    const a = this.blockEl(shown[0]);
    const b = this.blockEl(shown[1]);
    if (!a || !b) return null;
    const sb = blocks[shown[0]]!;
    const eb = blocks[shown[1]]!;
    const p = offsetToPoint(a, sb.start, Math.max(sb.start, Math.min(start, sb.end)), 'start');
    const q = offsetToPoint(b, eb.start, Math.max(eb.start, Math.min(end, eb.end)), 'end');
    const range = document.createRange();
    range.setStart(p.node as Node, p.offset);
    range.setEnd(q.node as Node, q.offset);
    return range;
  }
}
