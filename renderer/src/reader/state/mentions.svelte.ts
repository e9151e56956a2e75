// The article's entity mentions: loaded here (detection adds them in the background after an import, so
// while it runs the reader checks every second and reloads as it moves on), changed here when the analyst
// marks or removes one, and indexed by render block like the annotations.
import { untrack } from 'svelte';
import type { Api, EntityType, Mention } from '../../../../main/api/contract.ts';
import type { Block } from '../blocks.ts';
import type { BlockIndex } from '../annotationIndex.ts';
import { SpanStore } from '../spanStore.ts';

// A mention is drawn from its offsets and type; a renamed entity shows its new name on the next hover.
const sameMentionLook = (a: Mention, b: Mention) => a.type === b.type;

export class ReaderMentions {
  readonly #store = new SpanStore<Mention>(sameMentionLook);
  #version = $state(0);
  /** Detection is running: mentions may yet appear. */
  detecting = $state(false);
  #seq = 0;
  #lastProgress: { running: boolean; done: number } | null = null;
  #checking = false;

  readonly #indexed = $derived.by(() => {
    const blocks = this.#blocks();
    untrack(() => this.#store.setBlocks(blocks));
    return blocks;
  });

  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole by the derivation, never mutated
  readonly #byId = $derived(new Map(this.list.map((m) => [m.id, m])));

  readonly counts = $derived.by(() => {
    const counts: Record<EntityType, number> = { PER: 0, LOC: 0, ORG: 0, MISC: 0 };
    for (const m of this.list) counts[m.type]++;
    return counts;
  });

  readonly #api: () => Api;
  readonly #articleId: () => number;
  readonly #blocks: () => readonly Block[];
  readonly #fail: (what: string, error: unknown) => void;

  constructor(api: () => Api, articleId: () => number, blocks: () => readonly Block[], fail: (what: string, error: unknown) => void) {
    this.#api = api;
    this.#articleId = articleId;
    this.#blocks = blocks;
    this.#fail = fail;
    $effect(() => {
      if (!this.detecting) return;
      const timer = setInterval(() => void this.#checkDetection(), 1000);
      return () => clearInterval(timer);
    });
    $effect(() => {
      void this.#articleId();
      untrack(() => {
        this.#lastProgress = null;
        this.#set([]);
        // Progress first, then the list: detection that finished before the answer is in the list, and
        // any that finishes after it shows as a change at the next check.
        void this.#checkDetection().finally(() => this.load());
      });
    });
  }

  get list(): readonly Mention[] {
    void this.#version;
    void this.#indexed;
    return this.#store.list;
  }

  get index(): BlockIndex<Mention> {
    void this.#version;
    void this.#indexed;
    return this.#store.index;
  }

  get(id: number): Mention | undefined {
    return this.#byId.get(id);
  }

  #set(list: readonly Mention[]) {
    void this.#indexed;
    this.#store.replace(list);
    this.#version++;
  }

  async load(): Promise<void> {
    const id = this.#articleId();
    const seq = ++this.#seq;
    try {
      const { mentions } = await this.#api()['mentions.list']({ articleId: id });
      if (seq === this.#seq && id === this.#articleId()) this.#set(mentions);
    } catch (error) {
      if (seq === this.#seq && id === this.#articleId()) this.#fail('The entity mentions were not loaded', error);
    }
  }

  /** A mention added or changed here; a reload that set off before it must not undo it. */
  put(m: Mention): void {
    if (m.articleId !== this.#articleId()) return;
    this.#seq++;
    void this.#indexed;
    for (const x of this.#store.list) if (x.id !== m.id && x.start === m.start && x.end === m.end) this.#store.drop(x.id);
    this.#store.put(m);
    this.#version++;
  }

  drop(id: number): void {
    this.#seq++;
    void this.#indexed;
    this.#store.drop(id);
    this.#version++;
  }

  async #checkDetection(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      const p = await this.#api()['entities.progress']({});
      const was = this.#lastProgress;
      this.#lastProgress = { running: p.running, done: p.done };
      this.detecting = p.running;
      if (was && (was.running !== p.running || was.done !== p.done)) void this.load();
    } catch {
      // Only a hint that mentions may change; the mentions shown stay as they are.
      this.detecting = false;
    } finally {
      this.#checking = false;
    }
  }
}
