// The reader's own messages: what was done (with an undo where it applies) and what failed.

export type Toast = { id: number; kind: 'error' | 'info'; text: string; action?: { label: string; run: () => void } };

export class ReaderToasts {
  list = $state<Toast[]>([]);
  #seq = 0;

  show(kind: Toast['kind'], text: string, action?: Toast['action']): void {
    const t: Toast = { id: ++this.#seq, kind, text, action };
    this.list = [...this.list.slice(-3), t];
    // Errors stay until dismissed: the analyst must see what did not happen.
    if (kind === 'info') setTimeout(() => this.dismiss(t.id), action ? 9000 : 4000);
  }

  dismiss(id: number): void {
    this.list = this.list.filter((t) => t.id !== id);
  }

  fail(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.show('error', `${what}: ${message}`);
  }
}
