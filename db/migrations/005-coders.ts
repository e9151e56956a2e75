// Version 5: coding as a team. Coders by name (with a colour; a consensus coder holds adjudicated
// codes apart from the coders' own work), tags applied to a whole article, articles a coder marked
// done, and a stable identifier on every annotation that survives export and merge.
export const version = 5;

/** Colours given to coders in turn; distinct from one another on a white page. */
export const CODER_PALETTE = ['#1f6fb2', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0f766e', '#a16207', '#be185d'];

// A random version-4 UUID written by SQLite itself, for rows that exist before this version and for
// rows that arrive without one.
const UUID = `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
  substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`;

export const sql = `
CREATE TABLE coders (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  color       TEXT NOT NULL,
  consensus   INTEGER NOT NULL DEFAULT 0 CHECK (consensus IN (0, 1)),
  created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX coders_name ON coders(name);
-- Everyone who has coded so far becomes a coder, each with a colour of the palette in turn.
INSERT INTO coders (name, color, created_at)
  SELECT annotator, substr('${CODER_PALETTE.join('')}', 1 + ((row_number() OVER (ORDER BY min(id)) - 1) % ${CODER_PALETTE.length}) * 7, 7),
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM annotations GROUP BY annotator;

ALTER TABLE annotations ADD COLUMN uuid TEXT;
UPDATE annotations SET uuid = ${UUID};
CREATE UNIQUE INDEX annotations_uuid ON annotations(uuid);
CREATE INDEX annotations_annotator ON annotations(annotator, article_id);
CREATE TRIGGER annotations_uuid_default AFTER INSERT ON annotations WHEN new.uuid IS NULL BEGIN
  UPDATE annotations SET uuid = ${UUID} WHERE id = new.id;
END;
ALTER TABLE deleted_annotations ADD COLUMN uuid TEXT;

-- A tag applied to an article as a whole (its primary frame, its tone), by one coder.
CREATE TABLE article_codes (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  annotator   TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (article_id, tag_id, annotator)
);
CREATE INDEX article_codes_tag ON article_codes(tag_id);
CREATE INDEX article_codes_annotator ON article_codes(annotator, article_id);

-- An article a coder has finished: coded, even where nothing in it applies.
CREATE TABLE article_done (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  annotator   TEXT NOT NULL,
  done_at     TEXT NOT NULL,
  PRIMARY KEY (article_id, annotator)
) WITHOUT ROWID;
CREATE INDEX article_done_annotator ON article_done(annotator);
`;
