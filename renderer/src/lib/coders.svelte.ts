// Who is coding, and what of the others' work the reader shows. The active coder's name goes with
// every code made here; it starts as the project's analyst and is kept per browser, so two coders on
// one web host each code under their own name. Blind mode shows only the active coder's passages, so a
// second coder is not led by the first; otherwise the reader can be narrowed to some coders.
import type { Annotation, Api, Coder } from '../../../main/api/contract.ts';
import { messageOf } from './api.ts';
import { notify } from './toasts.svelte.ts';

const ACTIVE_KEY = 'framelens.activeCoder';
const BLIND_KEY = 'framelens.blind';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage can be off (private windows); the choice then lasts for this page only.
  }
}

class Coding {
  coders = $state.raw<readonly Coder[]>([]);
  /** The name codes made here are stored under; null until one is chosen. */
  active = $state<string | null>(null);
  blind = $state(stored(BLIND_KEY) === 'on');
  /** The coders whose passages the reader shows when not blind; null: everyone's. */
  shown = $state.raw<ReadonlySet<string> | null>(null);
  /** Goes up when codes were added or settled elsewhere (adjudication, merge): views showing them reload. */
  revision = $state(0);

  /** Takes the project's analyst as the default and loads the coder list. */
  async load(api: Api, projectAnalyst: string | null): Promise<void> {
    await this.reload(api);
    const mine = stored(ACTIVE_KEY);
    this.active = mine && this.coders.some((c) => c.name === mine) ? mine : projectAnalyst;
  }

  async reload(api: Api): Promise<void> {
    try {
      this.coders = (await api['coders.list']({})).coders;
    } catch (e) {
      notify('error', messageOf(e));
    }
  }

  /** Makes a coder the active one here (registered in the project when new). */
  async switchTo(api: Api, name: string): Promise<void> {
    const saved = await api['settings.setAnnotator']({ name });
    this.active = saved.annotator;
    store(ACTIVE_KEY, saved.annotator);
    await this.reload(api);
  }

  setBlind(on: boolean): void {
    this.blind = on;
    store(BLIND_KEY, on ? 'on' : null);
  }

  colorOf(name: string): string {
    return this.coders.find((c) => c.name === name)?.color ?? '#6b7280';
  }

  /** The annotator to send with a new code: the active coder, or the project's default when none. */
  get stamp(): { annotator?: string } {
    return this.active ? { annotator: this.active } : {};
  }

  /** Whose codes the views count: only the active coder's in blind mode, the coders shown, or everyone's (undefined). */
  get viewCoders(): string[] | undefined {
    if (this.blind) return this.active ? [this.active] : undefined;
    return this.shown ? [...this.shown] : undefined;
  }

  /** The annotations the reader shows: only the active coder's in blind mode, else those of the coders shown. */
  visible(annotations: Annotation[]): Annotation[] {
    if (this.blind) return annotations.filter((a) => a.annotator === this.active);
    const shown = this.shown;
    return shown ? annotations.filter((a) => shown.has(a.annotator)) : annotations;
  }
}

export const coding = new Coding();
