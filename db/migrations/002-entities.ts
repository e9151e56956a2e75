// Version 2: entity mentions and the analyst's curation of them (renames, merges, ignores, removals),
// kept apart from what the detector proposes so curation survives running detection again.
export const version = 2;

export const sql = `
CREATE TABLE entities (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('PER', 'LOC', 'ORG', 'MISC')),
  created_at  TEXT NOT NULL
);

-- Every name that leads to an entity: its own, those merged into it, and the detector's canonical names
-- it has absorbed. Detection looks names up here, so renames and merges hold for later runs.
CREATE TABLE entity_aliases (
  alias      TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  entity_id  INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE mentions (
  id           INTEGER PRIMARY KEY,
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity_id    INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  start        INTEGER NOT NULL,   -- UTF-16 code units, inclusive
  "end"        INTEGER NOT NULL,   -- UTF-16 code units, exclusive
  text         TEXT NOT NULL,      -- the surface form as written
  detected_as  TEXT NOT NULL,      -- the canonical name the detector gave (or the analyst typed)
  origin       TEXT NOT NULL CHECK (origin IN ('detected', 'manual')),
  CHECK (start >= 0 AND "end" > start),
  UNIQUE (article_id, start, "end")
);
CREATE INDEX mentions_entity ON mentions(entity_id, article_id);

-- Names the analyst never wants detected again (lowercased).
CREATE TABLE ignored_names (
  name  TEXT NOT NULL PRIMARY KEY COLLATE NOCASE
) WITHOUT ROWID;

-- Detected mentions the analyst removed as wrong: a later detection does not bring them back.
CREATE TABLE rejected_mentions (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start       INTEGER NOT NULL,
  "end"       INTEGER NOT NULL,
  PRIMARY KEY (article_id, start, "end")
) WITHOUT ROWID;

-- Which articles detection has seen, so new imports can be picked up and progress shown.
CREATE TABLE detection_state (
  article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  language     TEXT,
  detected_at  TEXT NOT NULL
);
`;
