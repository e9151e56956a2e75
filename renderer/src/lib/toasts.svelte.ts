// Short, non-blocking messages in the corner of the window. Errors stay longer than confirmations.
export type ToastKind = 'error' | 'success' | 'info';
export type Toast = { id: number; kind: ToastKind; message: string };

export const toasts: Toast[] = $state([]);

let nextId = 1;

export function dismissToast(id: number): void {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}

export function notify(kind: ToastKind, message: string): void {
  const id = nextId++;
  toasts.push({ id, kind, message });
  if (toasts.length > 4) toasts.shift();
  setTimeout(() => dismissToast(id), kind === 'error' ? 12000 : 5000);
}
