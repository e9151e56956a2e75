// Where a floating box (tag picker, entity form, annotation popover) stands beside a passage: below it,
// or above it when the window has more room there, never past the window's edges.
export type Anchor = { left: number; top: number; bottom: number };

export function floatingStyle(anchor: Anchor, width: number, options: { minHeight: number; roomBelow: number; shiftLeft?: number }): string {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const left = Math.max(8, Math.min(anchor.left - (options.shiftLeft ?? 0), vw - width - 8));
  const below = vh - anchor.bottom;
  if (below >= options.roomBelow || below >= anchor.top) {
    return `left: ${left}px; top: ${Math.round(anchor.bottom + 8)}px; max-height: ${Math.max(options.minHeight, below - 16)}px`;
  }
  return `left: ${left}px; bottom: ${Math.round(vh - anchor.top + 8)}px; max-height: ${Math.max(options.minHeight, anchor.top - 16)}px`;
}
