// The codebook arrives as a flat list with parent ids; screens show it as a tree.
import type { Tag } from '../../../main/api/contract.ts';

export type TagNode = { tag: Tag; depth: number; children: TagNode[] };

const byPosition = (a: Tag, b: Tag) => a.position - b.position || a.name.localeCompare(b.name);

export function buildTagTree(tags: readonly Tag[]): TagNode[] {
  const childrenOf = new Map<number | null, Tag[]>();
  const ids = new Set(tags.map((t) => t.id));
  for (const tag of tags) {
    // A tag whose parent is missing still shows, at the top level, rather than vanishing.
    const parent = tag.parentId !== null && ids.has(tag.parentId) ? tag.parentId : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(tag);
    childrenOf.set(parent, list);
  }
  const build = (parent: number | null, depth: number): TagNode[] =>
    (childrenOf.get(parent) ?? []).sort(byPosition).map((tag) => ({ tag, depth, children: build(tag.id, depth + 1) }));
  return build(null, 0);
}

/** Depth-first order, for indented lists and select options. */
export function flattenTree(nodes: readonly TagNode[]): TagNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

export function descendantIds(tags: readonly Tag[], id: number): Set<number> {
  const found = new Set<number>();
  let frontier = [id];
  while (frontier.length) {
    const next: number[] = [];
    for (const tag of tags) {
      if (tag.parentId !== null && frontier.includes(tag.parentId) && !found.has(tag.id)) {
        found.add(tag.id);
        next.push(tag.id);
      }
    }
    frontier = next;
  }
  return found;
}

/** Colours that stay readable as highlight backgrounds and distinct from one another. */
export const tagPalette = ['#e8590c', '#2f9e44', '#1971c2', '#ae3ec9', '#f08c00', '#0c8599', '#e03131', '#5f3dc4', '#66a80f', '#c2255c'];

export function nextPaletteColor(tags: readonly Tag[]): string {
  const used = new Set(tags.map((t) => t.color.toLowerCase()));
  return tagPalette.find((c) => !used.has(c)) ?? tagPalette[tags.length % tagPalette.length] ?? '#1971c2';
}
