// Families of copies: the connected components of verified pairs, each with its original.

/** Disjoint sets over 0..n−1 with union by size and path halving. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const grand = parent[parent[i]!]!;
      parent[i] = grand;
      i = grand;
    }
    return i;
  }

  /** Joins the sets of a and b; false if they were one already. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return true;
  }
}

/**
 * A publication date as a sortable number: milliseconds since the epoch, or +Infinity for an article
 * without a date or with one that cannot be read, so undated articles come after dated ones.
 */
export function dateKey(publishedAt: string | null | undefined): number {
  if (!publishedAt) return Infinity;
  const t = Date.parse(publishedAt);
  return Number.isNaN(t) ? Infinity : t;
}

/** Earlier first: by date (undated last), then by id. */
export function chronologically(dateA: number, idA: number, dateB: number, idB: number): number {
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  return idA - idB;
}

/** The members (article numbers) of every set of two or more, in no particular order. */
export function components(sets: UnionFind, n: number): number[][] {
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    const members = byRoot.get(root);
    if (members) members.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()].filter((m) => m.length > 1);
}

/** Sorts article numbers chronologically: the first is the family's original. */
export function chronological(members: number[], dates: (i: number) => number, ids: (i: number) => number): number[] {
  return members.sort((a, b) => chronologically(dates(a), ids(a), dates(b), ids(b)));
}
