// Files dropped anywhere on the window, handed to the Import dialog's queue. Kept until the queue takes
// them, so a drop before the dialog has mounted is not lost.
type Listener = (files: File[]) => void;

const pending: File[] = [];
let listener: Listener | null = null;

export const droppedFiles = {
  put(files: File[]) {
    if (!files.length) return;
    if (listener) listener(files);
    else pending.push(...files);
  },
  /** Takes dropped files as they come (and those dropped before); returns the way to stop. */
  listen(next: Listener): () => void {
    listener = next;
    if (pending.length) next(pending.splice(0));
    return () => {
      if (listener === next) listener = null;
    };
  },
};

/** The files a drag carries, or none for a drag of text or of something on the page. */
export const draggedFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
