// A REFI-QDA import in one line for the analyst, as the command line and the Import dialog show it.
import type { ImportReport } from './report.ts';

export const isRefiName = (name: string) => /\.(qdpx|qdc)$/i.test(name);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function describeRefi(report: ImportReport): string {
  const parts = [
    report.articles.added || report.articles.duplicate
      ? `${plural(report.articles.added, 'article')}${report.articles.duplicate ? ` (${report.articles.duplicate} already here)` : ''}`
      : '',
    report.tags.added || report.tags.matched ? `${plural(report.tags.added, 'new tag')}${report.tags.matched ? `, ${report.tags.matched} matched` : ''}` : '',
    report.annotations.added ? plural(report.annotations.added, 'passage') : '',
    report.coders.added ? plural(report.coders.added, 'coder') : '',
    report.variables.added ? plural(report.variables.added, 'variable') : '',
  ].filter(Boolean);
  const skipped = report.skipped.length
    ? ` Passed over ${plural(report.skipped.length, 'item')}: ${report.skipped
        .slice(0, 3)
        .map((s) => s.reason)
        .join('; ')}${report.skipped.length > 3 ? '; …' : ''}.`
    : '';
  return `${parts.length ? parts.join(', ') : 'Nothing new'}.${skipped}${report.notes.length ? ` ${report.notes.slice(0, 2).join(' ')}` : ''}`;
}
