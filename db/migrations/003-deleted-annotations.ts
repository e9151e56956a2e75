// Version 3: the annotations the analyst deleted, kept so that undo puts back exactly what the project
// held (a restore takes an id and nothing else from the client). Gone with their article or tag.
export const version = 3;

export const sql = `
CREATE TABLE deleted_annotations (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id          INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  start           INTEGER NOT NULL,
  "end"           INTEGER NOT NULL,
  quote           TEXT NOT NULL,
  context_before  TEXT NOT NULL,
  context_after   TEXT NOT NULL,
  note            TEXT NOT NULL,
  annotator       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT NOT NULL
);
CREATE INDEX deleted_annotations_article ON deleted_annotations(article_id);
CREATE INDEX deleted_annotations_tag ON deleted_annotations(tag_id);
CREATE INDEX deleted_annotations_when ON deleted_annotations(deleted_at);
`;
