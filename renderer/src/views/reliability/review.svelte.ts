// The disagreement review of one tag between two coders: the stretches they coded differently, which one
// is open, the article text around it, and what was decided for each in this session. Deciding settles the
// stretch into the consensus coder (`reliability.adjudicate`) and moves on to the next one.
import type { Api, ArticleFilter, Disagreement } from '../../../../main/api/contract.ts';
import { messageOf } from '../../lib/api.ts';
import { Loaded } from '../compare/loaded.svelte.ts';
import { stretchKey } from './format.ts';

export type Decision = 'first' | 'second' | 'both' | 'neither';
export type ReviewTarget = { tagId: number; first: string; second: string; rollup: boolean; filter: ArticleFilter | undefined };

/** At most this many stretches are listed (the total is said). */
export const LIMIT = 500;

class Review {
  readonly list = new Loaded<{ disagreements: Disagreement[]; total: number }>();
  /** The open stretch, by its key, so that it stays open when the list reloads. */
  selected = $state<string | null>(null);
  /** What was decided for each stretch here, by key. */
  decided = $state.raw<ReadonlyMap<string, Decision>>(new Map());
  busy = $state(false);
  error = $state<string | null>(null);
  #target = '';
  #texts = new Map<number, Promise<string>>();

  readonly items = $derived(this.list.value?.disagreements ?? []);
  readonly index = $derived(this.items.findIndex((d) => stretchKey(d) === this.selected));
  readonly current = $derived(this.index >= 0 ? this.items[this.index]! : null);

  /** Loads the stretches of `target`; a new target forgets the decisions and the open stretch. */
  load(api: Api, target: ReviewTarget): void {
    const key = JSON.stringify(target);
    if (key !== this.#target) {
      this.#target = key;
      this.selected = null;
      this.decided = new Map();
      this.error = null;
      this.list.value = null;
    }
    this.#texts.clear();
    const { tagId, first, second, rollup, filter } = target;
    this.list.load(async () => {
      const result = await api['reliability.disagreements']({ coders: [first, second], tagId, rollup, filter, limit: LIMIT });
      const keys = result.disagreements.map(stretchKey);
      // Keep the open stretch; else open the first one not decided yet.
      if (!this.selected || !keys.includes(this.selected)) this.selected = keys.find((k) => !this.decided.has(k)) ?? keys[0] ?? null;
      return result;
    });
  }

  /** The article's text, asked for once per article while the review is open. */
  text(api: Api, articleId: number): Promise<string> {
    let text = this.#texts.get(articleId);
    if (!text) {
      text = api['articles.get']({ id: articleId }).then((a) => a.text);
      text.catch(() => this.#texts.delete(articleId));
      this.#texts.set(articleId, text);
    }
    return text;
  }

  select(index: number): void {
    const d = this.items[Math.max(0, Math.min(index, this.items.length - 1))];
    if (d) this.selected = stretchKey(d);
  }

  move(step: number): void {
    this.select(this.index < 0 ? 0 : this.index + step);
  }

  /** Settles the open stretch into `consensus`; true when it was stored. */
  async decide(api: Api, consensus: string, decision: Decision): Promise<boolean> {
    const d = this.current;
    if (!d || this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      await api['reliability.adjudicate']({
        consensus,
        articleId: d.articleId,
        start: d.start,
        end: d.end,
        decision,
        first: d.first.map((p) => p.id),
        second: d.second.map((p) => p.id),
      });
      const key = stretchKey(d);
      this.decided = new Map([...this.decided, [key, decision]]);
      // On to the next stretch not decided yet (after this one, else from the top); when all are, stay.
      const open = (x: Disagreement) => !this.decided.has(stretchKey(x));
      const next = this.items.slice(this.index + 1).find(open) ?? this.items.find(open);
      if (next) this.selected = stretchKey(next);
      return true;
    } catch (e) {
      this.error = messageOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

export const review = new Review();
