// Version 1: articles with their full-text index, the hierarchical codebook, annotations, settings.
// Shipped migrations are never edited; add a new file instead.
export const version = 1;

export const sql = `
CREATE TABLE articles (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  source        TEXT,
  author        TEXT,
  published_at  TEXT,
  language      TEXT,
  url           TEXT,
  text          TEXT NOT NULL,
  text_hash     TEXT NOT NULL UNIQUE,
  char_count    INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);

-- External-content FTS5 index over title and text, kept current by the triggers below. The prefix
-- indexes make search-as-you-type (the last word matched as a prefix) fast.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text,
  content='articles', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE tags (
  id           INTEGER PRIMARY KEY,
  parent_id    INTEGER REFERENCES tags(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  color        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  shortcut     TEXT,
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
-- Names are unique among siblings, case-insensitively; top-level tags share the parent 0.
CREATE UNIQUE INDEX tags_sibling_name ON tags(COALESCE(parent_id, 0), name COLLATE NOCASE);
CREATE UNIQUE INDEX tags_shortcut ON tags(shortcut) WHERE shortcut IS NOT NULL;
CREATE INDEX tags_parent ON tags(parent_id);

CREATE TABLE annotations (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id          INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  start           INTEGER NOT NULL,  -- UTF-16 code units, inclusive
  "end"           INTEGER NOT NULL,  -- UTF-16 code units, exclusive
  quote           TEXT NOT NULL,
  context_before  TEXT NOT NULL,
  context_after   TEXT NOT NULL,
  note            TEXT NOT NULL DEFAULT '',
  annotator       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX annotations_article ON annotations(article_id, start);
CREATE INDEX annotations_tag ON annotations(tag_id);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;
`;
