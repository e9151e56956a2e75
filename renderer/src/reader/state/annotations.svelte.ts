// The article's annotations as the reader shows them: the shell's list, with local changes laid over it
// until the list shows them, indexed by render block. A change made here reaches the page as a delta
// (the blocks it touches), and goes to the shell as a delta too (`AnnotationChange`), never as a reload.
import { untrack } from 'svelte';
import type { Annotation } from '../../../../main/api/contract.ts';
import type { Block } from '../blocks.ts';
import type { BlockIndex } from '../annotationIndex.ts';
import { adoptList, LocalJournal } from '../journal.ts';
import { SpanStore } from '../spanStore.ts';

/** What changed in the article's annotations, for a shell that keeps its own list. */
export type AnnotationChange = { put: Annotation } | { drop: number };

export class ReaderAnnotations {
  readonly #journal = new LocalJournal<Annotation>();
  readonly #store = new SpanStore<Annotation>();
  #adopted: readonly Annotation[] = [];
  /** Goes up on every local change, so what reads the list reads it again. */
  #version = $state(0);
  readonly #articleId: () => number;

  readonly #synced = $derived.by(() => {
    const blocks = this.#blocks();
    const incoming = this.#incoming();
    const articleId = this.#articleId();
    untrack(() => {
      this.#store.setBlocks(blocks);
      this.#adopted = adoptList(incoming, this.#adopted);
      this.#store.replace(this.#journal.apply(this.#adopted, articleId));
    });
    return incoming;
  });

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
  readonly #byId = $derived(new Map(this.list.map((a) => [a.id, a])));

  readonly #incoming: () => readonly Annotation[];
  readonly #blocks: () => readonly Block[];

  constructor(incoming: () => readonly Annotation[], articleId: () => number, blocks: () => readonly Block[]) {
    this.#incoming = incoming;
    this.#articleId = articleId;
    this.#blocks = blocks;
  }

  /** The article's annotations; local edits show at once. */
  get list(): readonly Annotation[] {
    void this.#version;
    void this.#synced;
    return this.#store.list;
  }

  /** The annotations of each render block, sorted by start. */
  get index(): BlockIndex<Annotation> {
    void this.#version;
    void this.#synced;
    return this.#store.index;
  }

  get(id: number): Annotation | undefined {
    return this.#byId.get(id);
  }

  /** An annotation created, changed or restored here. */
  put(a: Annotation): AnnotationChange {
    void this.#synced;
    this.#journal.put(a);
    this.#store.put(a);
    this.#version++;
    return { put: a };
  }

  /** An annotation deleted here. */
  drop(id: number): AnnotationChange {
    void this.#synced;
    this.#journal.drop(id, this.#articleId());
    this.#store.drop(id);
    this.#version++;
    return { drop: id };
  }

  /** After an undo put a deleted annotation back under a new id, the old id is another annotation's. */
  forget(id: number): void {
    this.#journal.forget(id);
  }
}
