// What a REFI-QDA import did: counts per kind of thing, and each item left out with the reason, so the
// analyst can see exactly what did not come across. A plain object, so it goes to JSON as it is.

export type SkippedItem = {
  kind: 'source' | 'selection' | 'coding' | 'value' | 'variable' | 'note';
  /** The source (article) it belongs to, by name, when it belongs to one. */
  source?: string;
  /** Its GUID in the file, when it has one. */
  guid?: string;
  reason: string;
};

export type ImportReport = {
  /** The file's name, as given. */
  file: string;
  articles: { added: number; duplicate: number };
  tags: { added: number; matched: number };
  coders: { added: number; matched: number };
  annotations: { added: number; alreadyHere: number };
  articleCodes: { added: number; alreadyHere: number };
  variables: { added: number; matched: number };
  values: { set: number };
  skipped: SkippedItem[];
  /** Everything else worth knowing: names that were changed, codes that were merged, values kept. */
  notes: string[];
};

export function emptyReport(file: string): ImportReport {
  return {
    file,
    articles: { added: 0, duplicate: 0 },
    tags: { added: 0, matched: 0 },
    coders: { added: 0, matched: 0 },
    annotations: { added: 0, alreadyHere: 0 },
    articleCodes: { added: 0, alreadyHere: 0 },
    variables: { added: 0, matched: 0 },
    values: { set: 0 },
    skipped: [],
    notes: [],
  };
}
