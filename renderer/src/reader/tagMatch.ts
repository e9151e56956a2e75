// The tag picker's logic: codebook order, filtering on the full tag path ("Rhetoric > Threat"), ranking,
// and reading a typed path for a tag to create.

export type TagLike = { id: number; parentId: number | null; name: string; path: string[]; position: number; color: string; shortcut: string | null };

export const PATH_SEPARATOR = ' > ';

export function pathLabel(tag: { path: string[]; name: string }): string {
  return (tag.path.length ? tag.path : [tag.name]).join(PATH_SEPARATOR);
}

/** How a tag's path is shown: "Rhetoric › Threat" (typed paths use " > "). */
export const DISPLAY_SEPARATOR = ' › ';
export function displayPath(tag: { path: string[]; name: string }): string {
  return (tag.path.length ? tag.path : [tag.name]).join(DISPLAY_SEPARATOR);
}

/** Case- and accent-insensitive form used for matching only ("hot" finds "Hot", "sakerhet" finds "Säkerhet"). */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Tags in codebook order: parents before children, siblings by position, then name. */
export function codebookOrder<T extends TagLike>(tags: readonly T[]): T[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const keyCache = new Map<number, (number | string)[]>();
  const key = (t: T, depth = 0): (number | string)[] => {
    const cached = keyCache.get(t.id);
    if (cached) return cached;
    const parent = t.parentId !== null && depth < 50 ? byId.get(t.parentId) : undefined;
    const k = [...(parent ? key(parent, depth + 1) : []), t.position, t.name.toLowerCase(), t.id];
    keyCache.set(t.id, k);
    return k;
  };
  const cmp = (a: (number | string)[], b: (number | string)[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x === y) continue;
      return x < y ? -1 : 1;
    }
    return a.length - b.length;
  };
  return [...tags].sort((a, b) => cmp(key(a), key(b)));
}

function queryTokens(query: string): string[] {
  return fold(query)
    .split(/[\s>]+/)
    .filter(Boolean);
}

/**
 * Tags matching `query`, best first. Every word of the query must occur in the tag's full path; a tag whose
 * own name starts with the query ranks above one that merely contains it. An empty query lists every tag.
 */
export function matchTags<T extends TagLike>(tags: readonly T[], query: string): T[] {
  const ordered = codebookOrder(tags);
  const tokens = queryTokens(query);
  if (tokens.length === 0) return ordered;
  const whole = fold(query.trim()).replace(/\s*>\s*/g, PATH_SEPARATOR);
  const scored: { tag: T; score: number; order: number }[] = [];
  ordered.forEach((tag, order) => {
    const label = fold(pathLabel(tag));
    if (!tokens.every((t) => label.includes(t))) return;
    const name = fold(tag.name);
    const words = label.split(/[\s>]+/);
    let score = 5;
    if (label === whole || name === whole) score = 0;
    else if (name.startsWith(whole)) score = 1;
    else if (label.startsWith(whole)) score = 2;
    else if (label.includes(whole)) score = 3;
    else if (words.some((w) => w.startsWith(tokens[0]!))) score = 4;
    scored.push({ tag, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.map((s) => s.tag);
}

/** The path a typed query would create: "Rhetoric > Threat" → ["Rhetoric", "Threat"]; null when unusable. */
export function parseNewPath(query: string): string[] | null {
  const trimmed = query.trim();
  if (!trimmed) return null;
  const parts = trimmed.split('>').map((p) => p.trim().replace(/\s+/g, ' '));
  if (parts.some((p) => p.length === 0 || p.length > 200) || parts.length > 20) return null;
  return parts;
}

/** Whether the query already names an existing tag exactly (by full path, or by name for a top-level query). */
export function hasExactMatch(tags: readonly TagLike[], query: string): boolean {
  const path = parseNewPath(query);
  if (!path) return false;
  const wanted = fold(path.join(PATH_SEPARATOR));
  return tags.some((t) => fold(pathLabel(t)) === wanted || (path.length === 1 && fold(t.name) === wanted));
}

/**
 * Whether a digit key pressed in the picker applies the numbered tag rather than typing the digit. Digits
 * are typed when the query looks like it is spelling a name with numbers ("Covid-19", "Phase 2").
 */
export function digitApplies(query: string): boolean {
  if (query === '') return true;
  return !/\d/.test(query) && !/[\s\-–_.]$/.test(query);
}
