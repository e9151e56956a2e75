// Prints, at the end of the run, every test that did not run and the reason it gives, so a green run on
// a machine without Electron cannot be mistaken for a tested desktop app.
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReporter implements Reporter {
  readonly #skipped: { title: string; reason: string }[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    this.#skipped.push({ title: test.titlePath().filter(Boolean).slice(1).join(' › '), reason });
  }

  onEnd(result: FullResult): void {
    if (this.#skipped.length === 0) return;
    const reasons = [...new Set(this.#skipped.map((s) => s.reason))];
    console.log(`\nDesktop tests NOT run: ${this.#skipped.length} skipped (run status: ${result.status}).`);
    for (const reason of reasons) console.log(`  Reason: ${reason}.`);
    for (const s of this.#skipped) console.log(`  - ${s.title}`);
  }

  printsToStdio(): boolean {
    return true;
  }
}
