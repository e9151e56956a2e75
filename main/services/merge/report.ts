// What a merge did (or, in a dry run, would do): counts per kind of work, and sentences naming each
// item an analyst should look at. A plain object, so it goes to JSON as it is.

export type MergeReport = {
  /** The other project file, as a full path. */
  path: string;
  articles: { added: number; matched: number };
  tags: { added: number; matched: number };
  variables: { added: number; matched: number; categoriesAdded: number };
  values: { added: number };
  annotations: { added: number; skipped: number };
  articleCodes: { added: number; skipped: number };
  doneMarks: { added: number };
  coders: { added: number };
  /** Entity renames, merges, ignored names and mention corrections brought in. */
  curation: { added: number };
  /** Where the two projects disagree; this project's version was kept each time. */
  conflicts: string[];
  /** Everything else worth knowing: case-only matches, shortcuts left off, items that could not be mapped. */
  notes: string[];
};

export function emptyReport(path: string): MergeReport {
  return {
    path,
    articles: { added: 0, matched: 0 },
    tags: { added: 0, matched: 0 },
    variables: { added: 0, matched: 0, categoriesAdded: 0 },
    values: { added: 0 },
    annotations: { added: 0, skipped: 0 },
    articleCodes: { added: 0, skipped: 0 },
    doneMarks: { added: 0 },
    coders: { added: 0 },
    curation: { added: 0 },
    conflicts: [],
    notes: [],
  };
}

/** A name or passage in a sentence: quoted, on one line, cut at 60 characters (never inside an emoji). */
export function q(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return `“${chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…'}”`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The counts of a report as lines a person reads: what kind of work, and what happened to it. */
export function reportLines(report: MergeReport): [what: string, outcome: string][] {
  const { articles, tags, variables, values, annotations, articleCodes, doneMarks, coders, curation } = report;
  return [
    ['articles', `${articles.added} added, ${articles.matched} already here`],
    ['tags', `${tags.added} added, ${tags.matched} already here`],
    [
      'variables',
      `${variables.added} added, ${variables.matched} already here${variables.categoriesAdded ? `, ${plural(variables.categoriesAdded, 'new category value')}` : ''}`,
    ],
    ['values', `${values.added} set`],
    ['annotations', `${annotations.added} added, ${annotations.skipped} already here`],
    ['article codes', `${articleCodes.added} added, ${articleCodes.skipped} already here`],
    ['done marks', `${doneMarks.added} added`],
    ['coders', `${coders.added} added`],
    ['entity curation', `${curation.added} brought in`],
  ];
}
