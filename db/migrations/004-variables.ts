// Version 4: the analyst's own article variables (kind of outlet, country, leaning, section, …) and
// each article's value for them. A value is stored with SQLite's own type for its kind: REAL for
// numbers, 0/1 for yes/no, ISO text for dates, text for text and categories.
export const version = 4;

export const sql = `
CREATE TABLE variables (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('text', 'category', 'number', 'date', 'boolean')),
  description  TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX variables_name ON variables(name COLLATE NOCASE);

-- The fixed list of values a category variable takes, in the analyst's order.
CREATE TABLE variable_categories (
  variable_id  INTEGER NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
  value        TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (variable_id, value)
) WITHOUT ROWID;

CREATE TABLE article_values (
  article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  variable_id  INTEGER NOT NULL REFERENCES variables(id) ON DELETE CASCADE,
  value        NOT NULL,  -- no declared type: no affinity, each value keeps the type it was stored with
  PRIMARY KEY (article_id, variable_id)
) WITHOUT ROWID;
CREATE INDEX article_values_variable ON article_values(variable_id, value);
`;
