// Functions the reader benchmark runs inside the page (passed to page.evaluate, so each one stands alone:
// no imports, no closures over Node variables). Times come from the page's own clock.

type ProbeWindow = Window & { __flTag?: Promise<number> };

/**
 * Clicks `selector` (the article in the list, or the harness's Open button) and resolves with the time
 * from the click to the frame after the reader's text first appears with its blocks, i.e. once it has
 * been painted (`ms`), and the time until every block holds its text (`fullMs`).
 */
export function measureOpen(selector: string): Promise<{ ms: number; fullMs: number; blocks: number; marks: number; allMarks: number }> {
  return new Promise((resolve, reject) => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) {
      reject(new Error(`nothing matches ${selector}`));
      return;
    }
    let t0 = 0;
    let done = false;
    const check = () => {
      const root = document.querySelector('[data-testid="reader-text"]');
      if (done || !root || root.children.length === 0) return;
      done = true;
      observer.disconnect();
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const ms = performance.now() - t0;
          const marks = root.querySelectorAll('[data-annotation-ids]').length;
          // Then keep watching until every block has its text (long articles are written progressively).
          const full = () => {
            const empty = Array.from(root.children).some((b) => b.childNodes.length === 0 && b.getAttribute('data-offset') !== null);
            if (empty) requestAnimationFrame(full);
            else
              resolve({
                ms,
                fullMs: performance.now() - t0,
                blocks: root.children.length,
                marks,
                allMarks: root.querySelectorAll('[data-annotation-ids]').length,
              });
          };
          full();
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

/** Scrolls the reader to the middle of the article and checks that text is painted there. */
export function checkScroll(): Promise<{ scrollable: boolean; scrollHeight: number; jumpMs: number; textAtMiddle: string }> {
  const root = document.querySelector<HTMLElement>('[data-testid="reader-text"]')!;
  let sc: HTMLElement | null = root.parentElement;
  while (sc && !(sc.scrollHeight > sc.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(sc).overflowY))) sc = sc.parentElement;
  if (!sc) return Promise.resolve({ scrollable: false, scrollHeight: 0, jumpMs: 0, textAtMiddle: '' });
  const scroller = sc;
  const t0 = performance.now();
  scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) / 2;
  return new Promise((resolve) =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const box = scroller.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2 - 100, box.top + box.height / 2);
        const block = hit?.closest('[data-offset]');
        resolve({
          scrollable: scroller.scrollTop > 0,
          scrollHeight: scroller.scrollHeight,
          jumpMs: performance.now() - t0,
          textAtMiddle: (block?.textContent ?? '').slice(0, 60),
        });
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
