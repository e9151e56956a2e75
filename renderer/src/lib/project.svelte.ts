// What the open project allows, shared by the whole interface. When the project is open read-only (asked
// for with `framelens serve --read-only`, or because its file cannot be written) every control that would
// change it is disabled and says why, and gestures that would start a change (selecting a passage to tag
// it, a tag's shortcut key) explain instead. The notices the project gave as it opened are kept here too,
// so they are shown once however often the project's counts are reloaded.
import { notify, toasts } from './toasts.svelte.ts';

export const READ_ONLY_EXPLANATION = 'This project is open read-only: you can read, search and export, but not change it.';

const dismissedKey = 'framelens.dismissedNotices';

function loadDismissed(): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(dismissedKey) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : []);
  } catch {
    return new Set();
  }
}

class ProjectAccess {
  /** Nothing in the project can be changed; the host refuses every change with READ_ONLY. */
  readOnly = $state(false);
  /** What the project said as it opened and the analyst has not dismissed yet (this tab remembers). */
  notices = $state<string[]>([]);
  /** The read-only explanation in the banner, until dismissed. */
  explaining = $state(false);

  #dismissed = loadDismissed();
  #known = false;
  #hinted = new Set<string>();

  /** Takes in `project.info`; called after every reload of it. */
  update(info: { readOnly: boolean; notices: string[] }): void {
    const first = !this.#known;
    this.#known = true;
    if (info.readOnly !== this.readOnly) this.readOnly = info.readOnly;
    if (first) {
      this.explaining = info.readOnly && !this.#dismissed.has(READ_ONLY_EXPLANATION);
      this.notices = info.notices.filter((n) => !this.#dismissed.has(n));
    }
  }

  /** The title for a control that changes the project: its own title, or why it is disabled. */
  why(title?: string): string | undefined {
    return this.readOnly ? READ_ONLY_EXPLANATION : title;
  }

  /**
   * For a gesture that would start a change: true when the project may be changed; otherwise false, and
   * a short message saying that `what` cannot be done (`once`: say it only the first time).
   */
  allows(what: string, options: { once?: boolean } = {}): boolean {
    if (!this.readOnly) return true;
    const message = `This project is open read-only, so ${what}.`;
    if (options.once && this.#hinted.has(message)) return false;
    this.#hinted.add(message);
    // The same message twice in a row says nothing new.
    if (!toasts.some((t) => t.message === message)) notify('info', message);
    return false;
  }

  dismiss(notice: string): void {
    if (notice === READ_ONLY_EXPLANATION) this.explaining = false;
    else this.notices = this.notices.filter((n) => n !== notice);
    this.#dismissed.add(notice);
    try {
      sessionStorage.setItem(dismissedKey, JSON.stringify([...this.#dismissed]));
    } catch {
      // Without storage the notice comes back on a reload, which is no harm.
    }
  }
}

export const access = new ProjectAccess();
