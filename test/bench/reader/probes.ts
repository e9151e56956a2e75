// Functions the reader benchmark runs inside the page (passed to page.evaluate, so each one stands alone:
// no imports, no closures over Node variables). Times come from the page's own clock.

type ProbeWindow = Window & { __flTag?: Promise<number> };

/** What the probes look for in one tool's page. */
export type Selectors = {
  /** The button that opens the article. */
  open: string;
  /** The element holding the article's text. */
  root: string;
  /** A painted highlight. */
  mark: string;
  /** The scrolling box around the text. */
  scroller: string;
};

/**
 * Clicks the open button and resolves with the time from the click to the frame after the text first
 * appears with a highlight, i.e. once it has been painted (`ms`), and the time until the page's main
 * thread goes quiet (no task over 50 ms for half a second) after the open (`fullMs`).
 */
export function measureOpen(sel: Selectors): Promise<{ ms: number; fullMs: number }> {
  return new Promise((resolve, reject) => {
    const target = document.querySelector<HTMLElement>(sel.open);
    if (!target) {
      reject(new Error(`nothing matches ${sel.open}`));
      return;
    }
    let t0 = 0;
    let lastLong = 0;
    const longs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) lastLong = Math.max(lastLong, e.startTime + e.duration);
    });
    longs.observe({ type: 'longtask', buffered: false });
    let done = false;
    const check = () => {
      const root = document.querySelector(sel.root);
      if (done || !root || root.children.length === 0 || !document.querySelector(sel.mark)) return;
      done = true;
      observer.disconnect();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const ms = performance.now() - t0;
          const quiet = () => {
            const now = performance.now();
            if (now - Math.max(lastLong, t0 + ms) < 500) {
              setTimeout(quiet, 100);
              return;
            }
            longs.disconnect();
            resolve({ ms, fullMs: Math.max(ms, lastLong - t0) });
          };
          quiet();
        }),
      );
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true });
    t0 = performance.now();
    target.click();
    check();
  });
}

/**
 * Scrolls from the top of the article to its end in `steps` frames (a step per animation frame, as a
 * scrollbar drag or a fling does) and reports the long tasks and the frame times on the way, and whether
 * text is painted at the end.
 */
export function measureScroll(args: { sel: Selectors; steps: number }): Promise<{
  longTotal: number;
  longCount: number;
  longMax: number;
  frameP95: number;
  frameMax: number;
  frames: number;
  reachedEnd: boolean;
  textAtEnd: string;
}> {
  const { sel, steps } = args;
  const scroller = document.querySelector<HTMLElement>(sel.scroller)!;
  const longs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longs.push(e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  scroller.scrollTop = 0;
  return new Promise((resolve) => {
    const frames: number[] = [];
    let last = 0;
    let step = 0;
    const tick = (now: number) => {
      if (last) frames.push(now - last);
      last = now;
      if (step <= steps) {
        // The height may change as blocks are measured: aim at the end as it is now.
        scroller.scrollTop = Math.round((step / steps) * (scroller.scrollHeight - scroller.clientHeight));
        step++;
        requestAnimationFrame(tick);
        return;
      }
      // Settle on the very end (a last measurement may have moved it), then look.
      scroller.scrollTop = scroller.scrollHeight;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          setTimeout(() => {
            observer.disconnect();
            const box = scroller.getBoundingClientRect();
            const root = document.querySelector(sel.root)!;
            let text = '';
            for (const el of Array.from(root.querySelectorAll('p, [data-offset]'))) {
              const r = el.getBoundingClientRect();
              if (r.bottom > box.top && r.top < box.bottom && el.textContent) text += el.textContent;
            }
            const sorted = [...frames].sort((a, b) => a - b);
            resolve({
              longTotal: longs.reduce((a, b) => a + b, 0),
              longCount: longs.length,
              longMax: longs.length ? Math.max(...longs) : 0,
              frameP95: sorted[Math.floor((sorted.length - 1) * 0.95)] ?? 0,
              frameMax: sorted[sorted.length - 1] ?? 0,
              frames: frames.length,
              reachedEnd: scroller.scrollTop >= scroller.scrollHeight - scroller.clientHeight - 2,
              textAtEnd: text.slice(-80),
            });
          }, 100);
        }),
      );
    };
    requestAnimationFrame(tick);
  });
}

/** Elements in the page. */
export function countNodes(): number {
  return document.getElementsByTagName('*').length;
}

/**
 * Recogito: scrolls to a pseudo-random place and adds an annotation over a few words on screen through
 * the annotator's API; resolves with the time from the call to the frame after its highlight is drawn.
 */
export function recogitoTag(seed: number): Promise<number> {
  const scroller = document.getElementById('scroll')!;
  const container = document.getElementById('text')!;
  const api = (window as unknown as { __recogito: { tag(start: number, end: number, tag: number): string } }).__recogito;
  const frac = ((seed * 7919 + 104729) % 10007) / 10007;
  scroller.scrollTop = frac * (scroller.scrollHeight - scroller.clientHeight);
  return new Promise((resolve, reject) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const box = scroller.getBoundingClientRect();
        const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
        let offset = 0;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const p = n.parentElement;
          const r = p?.tagName === 'P' ? p.getBoundingClientRect() : null;
          if (r && r.top > box.top + 40 && r.bottom < box.bottom - 200 && n.data.length > 60) {
            const m = /\S+(?:\s+\S+){2,4}/.exec(n.data.slice(12));
            if (m) {
              const start = offset + 12 + m.index;
              const t0 = performance.now();
              const id = api.tag(start, start + m[0].length, seed % 10);
              const wait = () => {
                if (document.querySelector(`[data-annotation="${id}"]`))
                  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
                else if (performance.now() - t0 > 10_000) reject(new Error('the new highlight was not drawn within 10 s'));
                else requestAnimationFrame(wait);
              };
              wait();
              return;
            }
          }
          offset += n.data.length;
        }
        reject(new Error('no passage on screen to tag'));
      }),
    ),
  );
}

/**
 * Scrolls to a pseudo-random place, selects a few words there the way a mouse would (mousedown on the
 * text, a DOM selection, mouseup) so the reader opens its picker. Every third run the selection runs on
 * into an existing highlight, so overlaps are measured too. Resolves with the selected text, or '' when
 * no suitable text was on screen.
 */
export function selectPassage(seed: number): Promise<string> {
  const root = document.querySelector<HTMLElement>('[data-testid="reader-text"]')!;
  let sc: HTMLElement | null = root.parentElement;
  while (sc && !(sc.scrollHeight > sc.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(sc).overflowY))) sc = sc.parentElement;
  const scroller = sc ?? document.documentElement;
  const frac = ((seed * 7919 + 104729) % 10007) / 10007;
  scroller.scrollTop = frac * (scroller.scrollHeight - scroller.clientHeight);
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const box = scroller.getBoundingClientRect();
        const crossing = seed % 3 === 2;
        for (const block of Array.from(root.children)) {
          const r = block.getBoundingClientRect();
          if (r.bottom < box.top + 40 || r.top > box.bottom - 260) continue;
          const kids = Array.from(block.childNodes);
          for (let k = 0; k < kids.length; k++) {
            const node = kids[k]!;
            if (node.nodeType !== 3) continue;
            const data = (node as Text).data;
            const range = document.createRange();
            if (crossing) {
              const next = kids.slice(k + 1).find((n) => n.nodeType === 1 && (n as Element).hasAttribute('data-annotation-ids'));
              const inner = next?.firstChild;
              if (!inner || inner.nodeType !== 3 || data.length < 12 || (inner as Text).data.length < 6) continue;
              const from = data.lastIndexOf(' ', data.length - 8);
              if (from < 0) continue;
              range.setStart(node, from + 1);
              range.setEnd(inner, Math.min(5, (inner as Text).data.length));
            } else {
              if (data.length < 50) continue;
              const m = /\S+(?:\s+\S+){2,4}/.exec(data.slice(12));
              if (!m) continue;
              range.setStart(node, 12 + m.index);
              range.setEnd(node, 12 + m.index + m[0].length);
            }
            root.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
            const sel = window.getSelection()!;
            sel.removeAllRanges();
            sel.addRange(range);
            root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
            resolve(range.toString());
            return;
          }
        }
        resolve('');
      }),
    ),
  );
}

/**
 * Arms the measurement of one tag application: from the next keydown (the key that applies a tag in the
 * picker) to the frame after a highlight carrying a new annotation id appears in the text. The result
 * lands in window.__flTag.
 */
export function armTagProbe(): void {
  const root = document.querySelector<HTMLElement>('[data-testid="reader-text"]')!;
  const before = new Set<string>();
  for (const el of Array.from(root.querySelectorAll('[data-annotation-ids]'))) {
    for (const id of (el.getAttribute('data-annotation-ids') ?? '').split(' ')) before.add(id);
  }
  (window as ProbeWindow).__flTag = new Promise<number>((resolve) => {
    let t0 = 0;
    let found = false;
    window.addEventListener(
      'keydown',
      (e) => {
        const now = performance.now();
        // The event's own time stamp includes the wait before the page got the key; use it when sane.
        t0 = e.timeStamp > 0 && now - e.timeStamp < 1000 ? Math.min(now, e.timeStamp) : now;
      },
      { capture: true, once: true },
    );
    const isNew = (el: Element) => (el.getAttribute('data-annotation-ids') ?? '').split(' ').some((id) => id && !before.has(id));
    const finish = () => {
      if (found) return;
      found = true;
      observer.disconnect();
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    };
    const observer = new MutationObserver((records) => {
      for (const rec of records) {
        if (rec.type === 'attributes' && rec.target.nodeType === 1 && isNew(rec.target as Element)) return finish();
        for (const n of Array.from(rec.addedNodes)) {
          if (n.nodeType !== 1) continue;
          const el = n as Element;
          if ((el.hasAttribute('data-annotation-ids') && isNew(el)) || Array.from(el.querySelectorAll('[data-annotation-ids]')).some(isNew)) return finish();
        }
      }
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-annotation-ids'] });
  });
}
