// Version 7: why each entity and mention has its type, and names linked across languages. A mention
// keeps the reason detection gave for its type; an entity keeps the reason its type was first given
// (or that the analyst set it). Link proposals are the last search's result; the pairs of names the
// analyst said are not one entity are kept by name, so they hold when detection re-creates entities.
export const version = 7;

export const sql = `
ALTER TABLE mentions ADD COLUMN type_reason TEXT;  -- JSON {type, source, detail, confidence?, rulesOnly?}
ALTER TABLE entities ADD COLUMN type_reason TEXT;  -- JSON, as above; source 'analyst' once the analyst sets the type

CREATE TABLE entity_link_proposals (
  id          INTEGER PRIMARY KEY,
  entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  other_id    INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('exonym', 'transliteration', 'acronym')),
  confidence  REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  evidence    TEXT NOT NULL,
  found_at    TEXT NOT NULL,
  CHECK (entity_id < other_id),
  UNIQUE (entity_id, other_id)
);
CREATE INDEX entity_link_proposals_other ON entity_link_proposals(other_id);

-- Lowercased names, the smaller first.
CREATE TABLE entity_link_rejections (
  name_a  TEXT NOT NULL,
  name_b  TEXT NOT NULL,
  PRIMARY KEY (name_a, name_b),
  CHECK (name_a < name_b)
) WITHOUT ROWID;
`;
