// What the analyst looks at in the Reliability view, kept while they switch views: the coders compared
// (in the order chosen: the first two are A and B of a disagreement review), the tags, whether a tag
// takes in its subtags, the bootstrap's seed, the consensus coder's name, and the review open, if any.
import type { AgreementInput, ArticleFilter, Coder, Tag } from '../../../../main/api/contract.ts';

export const DEFAULT_SEED = 1;
export const RESAMPLES = 1000;
export const DEFAULT_CONSENSUS = 'Consensus';

class ReliabilityChoice {
  coders = $state<string[]>([]);
  /** null: every tag of the codebook. */
  tagIds = $state<number[] | null>(null);
  rollup = $state(true);
  seed = $state(DEFAULT_SEED);
  consensus = $state(DEFAULT_CONSENSUS);
  /** The disagreement review open: one tag, two coders. */
  review = $state.raw<{ tagId: number; first: string; second: string } | null>(null);
  /** The coders have been chosen for the analyst once (the first two), or by the analyst. */
  #seeded = false;

  toggleCoder(name: string, on: boolean): void {
    this.#seeded = true;
    this.coders = on ? [...this.coders.filter((c) => c !== name), name] : this.coders.filter((c) => c !== name);
  }

  toggleTag(id: number, on: boolean, all: readonly Tag[]): void {
    const current = this.tagIds ?? all.map((t) => t.id);
    const next = on ? [...current.filter((t) => t !== id), id] : current.filter((t) => t !== id);
    this.tagIds = next.length === all.length ? null : next;
  }

  /** Coders no longer in the project leave the choice; the first time, the first two coders are chosen. */
  keepExisting(coders: readonly Coder[]): void {
    const names = new Set(coders.map((c) => c.name));
    const kept = this.coders.filter((c) => names.has(c));
    if (kept.length !== this.coders.length) this.coders = kept;
    if (!this.#seeded && this.coders.length === 0) {
      const regular = coders.filter((c) => !c.consensus);
      if (regular.length >= 2) {
        this.coders = regular.slice(0, 2).map((c) => c.name);
        this.#seeded = true;
      }
    }
    const r = this.review;
    if (r && !(names.has(r.first) && names.has(r.second))) this.review = null;
  }

  keepTags(tags: readonly Tag[]): void {
    const ids = new Set(tags.map((t) => t.id));
    if (this.tagIds) {
      const kept = this.tagIds.filter((id) => ids.has(id));
      if (kept.length !== this.tagIds.length) this.tagIds = kept.length ? kept : null;
    }
    if (this.review && !ids.has(this.review.tagId)) this.review = null;
  }

  /** The point figures to ask for, or null when no coder is chosen. */
  request(filter: ArticleFilter | undefined): AgreementInput | null {
    if (this.coders.length === 0) return null;
    return { coders: [...this.coders], tagIds: this.tagIds ? [...this.tagIds] : undefined, rollup: this.rollup, filter };
  }

  openReview(tagId: number): void {
    const [first, second] = this.coders;
    if (first && second) this.review = { tagId, first, second };
  }
}

/** One choice for the whole session: leaving the view and coming back keeps it. */
export const choice = new ReliabilityChoice();
