// The codebook as the reader uses it: the shell's tags plus any the picker just created, in codebook
// order, and the colour and label each tag is painted with.
import type { Tag } from '../../../../main/api/contract.ts';
import { FALLBACK_COLOR, normaliseColor } from '../colors.ts';
import type { TagLook } from '../segments.ts';
import { codebookOrder, displayPath } from '../tagMatch.ts';

export class ReaderCodebook {
  /** Tags the picker created, shown until the shell passes a codebook that has them. */
  #created = $state.raw<Tag[]>([]);
  readonly #tags: () => Tag[];

  readonly all = $derived.by(() => {
    const tags = this.#tags();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read inside this derivation only
    const known = new Set(tags.map((t) => t.id));
    const extra = this.#created.filter((t) => !known.has(t.id));
    return extra.length ? [...tags, ...extra] : tags;
  });

  readonly ordered = $derived(codebookOrder(this.all));

  // The lookup keeps its identity while no tag that is already painted changes colour or name, so a tag
  // added to the codebook does not make every block rebuild its segments.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the lookup's memory, not shown anywhere
  #looks = new Map<number, TagLook>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- ids already warned about; not shown anywhere
  readonly #missing = new Set<number>();
  #current: ((id: number) => TagLook) | null = null;

  readonly lookup = $derived.by(() => {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built and returned by this derivation
    const next = new Map<number, TagLook>();
    for (const t of this.all) next.set(t.id, { color: normaliseColor(t.color), label: displayPath(t) });
    let same = this.#current !== null;
    for (const [id, old] of this.#looks) {
      const now = next.get(id);
      if (!now || now.color !== old.color || now.label !== old.label) same = false;
    }
    for (const id of this.#missing) if (next.has(id)) same = false;
    this.#looks = next;
    if (same && this.#current) return this.#current;
    this.#missing.clear();
    this.#current = (id: number): TagLook => {
      const look = this.#looks.get(id);
      if (look) return look;
      this.#missing.add(id);
      return { color: FALLBACK_COLOR, label: `Tag ${id} (not in the codebook)` };
    };
    return this.#current;
  });

  constructor(tags: () => Tag[]) {
    this.#tags = tags;
  }

  added(tag: Tag): void {
    this.#created = [...this.#created, tag];
  }
}
