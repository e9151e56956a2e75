/** Blocks the thread for `ms`: opening a project is synchronous, as better-sqlite3 is, so a wait is too. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
