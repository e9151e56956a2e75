// Version 6: near-duplicate copies. Each article found to be a copy of an earlier one (the same wire
// story run again, lightly edited) points at the original of its family, with the similarity found.
// The table holds the last search's result; a new search replaces it whole.
export const version = 6;

export const sql = `
CREATE TABLE article_copies (
  article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  original_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  similarity   REAL NOT NULL,
  threshold    REAL NOT NULL,
  found_at     TEXT NOT NULL,
  CHECK (article_id <> original_id)
);
CREATE INDEX article_copies_original ON article_copies(original_id);
`;
