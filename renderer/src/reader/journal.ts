// Local changes the reader has made but the shell's list may not show yet. After every change the shell
// reloads the article's annotations; a reload that set off before the latest change would otherwise
// make a fresh highlight vanish for a moment (or a deleted one reappear). The journal lays such changes
// over the list it is given until the list shows them, or for a short while at most.

type Entry<A> = { at: number; articleId: number; annotation: A | null };
type Versioned = { id: number; articleId: number; updatedAt: string };

export class LocalJournal<A extends Versioned> {
  private entries = new Map<number, Entry<A>>();

  constructor(
    private readonly ttlMs = 15_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** An annotation created, changed or restored here. */
  put(annotation: A): void {
    this.entries.set(annotation.id, { at: this.now(), articleId: annotation.articleId, annotation });
  }

  /** An annotation deleted here. */
  drop(id: number, articleId: number): void {
    this.entries.set(id, { at: this.now(), articleId, annotation: null });
  }

  /**
   * Forgets what the journal holds for an id: after an undo put a deleted annotation back under a new id,
   * the old id belongs to another annotation, which must not be hidden as the deleted one.
   */
  forget(id: number): void {
    this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** `list` (one article's annotations, as the shell passed them) with the local changes it lacks. */
  apply(list: readonly A[], articleId: number): readonly A[] {
    const now = this.now();
    for (const [id, e] of this.entries) if (now - e.at > this.ttlMs) this.entries.delete(id);
    if (this.entries.size === 0) return list;
    const inList = new Set<number>();
    let changed = false;
    const out: A[] = [];
    for (const a of list) {
      inList.add(a.id);
      const e = this.entries.get(a.id);
      if (!e || e.articleId !== articleId) {
        out.push(a);
      } else if (e.annotation === null) {
        changed = true; // deleted here; this list is older than the deletion
      } else if (a.updatedAt >= e.annotation.updatedAt) {
        this.entries.delete(a.id); // the list has caught up
        out.push(a);
      } else {
        changed = true;
        out.push(e.annotation);
      }
    }
    for (const [id, e] of this.entries) {
      if (e.articleId !== articleId || inList.has(id)) continue;
      if (e.annotation) {
        changed = true;
        out.push(e.annotation);
      } else {
        this.entries.delete(id); // the deletion shows in the list
      }
    }
    return changed ? out : list;
  }
}

type Comparable = { id: number; tagId: number; start: number; end: number; updatedAt: string };

/**
 * Turns a list from the shell into plain objects, reusing the previous list's object for every annotation
 * that has not changed (same id, tag, offsets and updatedAt), and the previous list itself when nothing
 * changed: a reload of the same annotations then costs nothing downstream. The shell may hold its list in
 * deeply reactive state; copying only what changed keeps reads off its proxies.
 */
export function adoptList<A extends Comparable>(incoming: readonly A[], previous: readonly A[]): readonly A[] {
  // Lists usually line up (the same order, one annotation added or removed): match by position first and
  // build a lookup by id only from the first place they do not.
  let old: Map<number, A> | null = null;
  const out: A[] = new Array(incoming.length);
  let same = incoming.length === previous.length;
  let shift = 0;
  for (let i = 0; i < incoming.length; i++) {
    const a = incoming[i]!;
    const id = a.id;
    let o: A | undefined = previous[i + shift];
    if (o?.id !== id && previous[i + shift + 1]?.id === id) o = previous[i + ++shift];
    else if (o?.id !== id && previous[i + shift - 1]?.id === id) o = previous[i + --shift];
    if (o?.id !== id) {
      if (!old) {
        old = new Map();
        for (const p of previous) old.set(p.id, p);
      }
      o = old.get(id);
    }
    const plain = o && o.updatedAt === a.updatedAt && o.tagId === a.tagId && o.start === a.start && o.end === a.end ? o : { ...a };
    out[i] = plain;
    if (same && plain !== previous[i]) same = false;
  }
  return same ? previous : out;
}
