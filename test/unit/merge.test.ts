// Merging a colleague's project file: what comes in, what is matched, what is listed as a conflict,
// that the other file is never written, that a failure or a dry run leaves this project as it was,
// that a second merge adds nothing, and a clear refusal for every file that cannot be merged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ok, snapshot, tempDir } from './support/project.ts';
import { openProject, type Project } from '../../main/services/project.ts';
import { APPLICATION_ID } from '../../db/connection.ts';
import { latestVersion, migrations } from '../../db/migrations/index.ts';
import { mergeProject, type MergeReport } from '../../main/services/merge/merge.ts';
import { AppError } from '../../main/services/errors.ts';
import type { Annotation, Tag } from '../../main/api/contract.ts';

const TEXT_A = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå. Stockholm och Sthlm nämndes 😀.';
const TEXT_B = 'Hamnen i Sthlm öppnar igen. Stormen är över och Astana ligger långt bort.';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const span = (text: string, word: string) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length });
const merge = (p: Project, other: string, options: { dryRun?: boolean; busyTimeoutMs?: number } = {}) => mergeProject(p.db, p.services, other, options);
const id = (value: unknown) => (value as { id: number }).id;
const tagPaths = (p: Project) => ok<{ tags: Tag[] }>(p.dispatch('tags.list', {})).tags.map((t) => t.path.join(' > '));

/** Every count of things added, which a second merge must leave at zero. */
const added = (r: MergeReport) => [
  r.articles.added,
  r.tags.added,
  r.variables.added,
  r.variables.categoriesAdded,
  r.values.added,
  r.annotations.added,
  r.articleCodes.added,
  r.doneMarks.added,
  r.coders.added,
  r.curation.added,
];

/** Two projects: mine, and theirs begun as a copy of mine that a colleague then worked on. */
function colleagues() {
  const tmp = tempDir('framelens-merge-');
  const minePath = join(tmp.dir, 'mine.framelens');
  const theirsPath = join(tmp.dir, 'theirs.framelens');
  let mine = openProject(minePath);
  const a = id(ok(mine.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' })));
  const threat = id(ok(mine.dispatch('tags.create', { name: 'Threat', shortcut: 't' })));
  const kind = id(ok(mine.dispatch('variables.create', { name: 'Kind', type: 'category', categories: ['Tabloid', 'Broadsheet'] })));
  ok(mine.dispatch('variables.create', { name: 'Pages', type: 'text' }));
  ok(mine.dispatch('variables.setValue', { variableId: kind, value: 'Tabloid', articleIds: [a] }));
  const shared = ok<Annotation>(mine.dispatch('annotations.create', { articleId: a, tagId: threat, ...span(TEXT_A, 'Putin talade'), annotator: 'Ada' }));
  const recoded = ok<Annotation>(mine.dispatch('annotations.create', { articleId: a, tagId: threat, ...span(TEXT_A, 'CSTO:s roll'), annotator: 'Ada' }));
  mine.close();
  copyFileSync(minePath, theirsPath);
  mine = openProject(minePath);
  const theirs = openProject(theirsPath);

  // The colleague's work.
  ok(theirs.dispatch('tags.update', { id: threat, name: 'threat' })); // only the case differs from mine
  const irony = id(ok(theirs.dispatch('tags.ensurePath', { path: ['threat', 'Irony'] })));
  const trolling = id(ok(theirs.dispatch('tags.create', { name: 'Trolling', shortcut: 'x', color: '#123456', description: 'Mockery as a frame' })));
  ok(theirs.dispatch('annotations.update', { id: shared.id, note: 'the opening line' }));
  ok(theirs.dispatch('annotations.update', { id: recoded.id, tagId: trolling }));
  ok(theirs.dispatch('annotations.create', { articleId: a, tagId: irony, ...span(TEXT_A, 'trolling på hög nivå'), annotator: 'Bo' }));
  const b = id(ok(theirs.dispatch('articles.importText', { text: TEXT_B, title: 'Hamnen', source: 'GP' })));
  ok(theirs.dispatch('annotations.create', { articleId: b, tagId: trolling, ...span(TEXT_B, 'Stormen är över'), annotator: 'Bo', note: 'ironic' }));
  ok(theirs.dispatch('variables.update', { id: kind, categories: ['Tabloid', 'Broadsheet', 'Public service'] }));
  ok(theirs.dispatch('variables.setValue', { variableId: kind, value: 'Broadsheet', articleIds: [a] }));
  ok(theirs.dispatch('variables.setValue', { variableId: kind, value: 'Public service', articleIds: [b] }));
  ok(theirs.dispatch('variables.delete', { id: 2 }));
  const pages = id(ok(theirs.dispatch('variables.create', { name: 'pages', type: 'number' })));
  ok(theirs.dispatch('variables.setValue', { variableId: pages, value: 3, articleIds: [a, b] }));
  ok(theirs.dispatch('coders.create', { name: 'Cy', color: '#abcdef' }));
  ok(theirs.dispatch('articleCodes.add', { articleId: b, tagId: trolling, annotator: 'Bo' }));
  ok(theirs.dispatch('articles.setDone', { articleId: b, annotator: 'Bo', done: true }));

  // Meanwhile, mine.
  ok(mine.dispatch('tags.create', { name: 'Sovereignty', shortcut: 'x' }));

  return {
    mine,
    theirs,
    theirsPath,
    cleanup: () => {
      mine.close();
      theirs.close();
      tmp.cleanup();
    },
  };
}

test('a colleague’s copy comes back: new work added, differences listed, the other file untouched, a second merge adds nothing', () => {
  const { mine, theirs, theirsPath, cleanup } = colleagues();
  try {
    theirs.close(); // as a colleague's file arrives: closed
    const before = sha256(theirsPath);
    const report = merge(mine, theirsPath);
    assert.equal(sha256(theirsPath), before, 'the other file is only read');
    assert.equal(report.path, theirsPath);
    assert.deepEqual(report.articles, { added: 1, matched: 1 });
    assert.deepEqual(report.tags, { added: 2, matched: 1 });
    assert.deepEqual(report.variables, { added: 0, matched: 1, categoriesAdded: 1 });
    assert.deepEqual(report.values, { added: 1 });
    assert.deepEqual(report.annotations, { added: 2, skipped: 2 });
    assert.deepEqual(report.articleCodes, { added: 1, skipped: 0 });
    assert.deepEqual(report.doneMarks, { added: 1 });
    assert.deepEqual(report.coders, { added: 2 });

    // Conflicts name the item and keep mine.
    const conflicts = report.conflicts.join('\n');
    assert.match(
      conflicts,
      /The variable “Pages” is of the kind text here but number in theirs\.framelens \(as “pages”\); its 2 values there were not merged\./,
    );
    assert.match(conflicts, /“Kind” of the article “Toppmötet” is “Tabloid” here and “Broadsheet” in theirs\.framelens; kept “Tabloid”\./);
    assert.match(conflicts, /The annotation “Putin talade” in “Toppmötet” differs in theirs\.framelens: its note differs\. Kept this project's\./);
    assert.match(
      conflicts,
      /The annotation “CSTO:s roll” in “Toppmötet” differs in theirs\.framelens: it is tagged “Threat” here and “Trolling” there\. Kept this project's\./,
    );
    assert.equal(report.conflicts.length, 4);
    const notes = report.notes.join('\n');
    assert.match(notes, /The tag “threat” in theirs\.framelens is “Threat” here; they differ only in letter case and were matched\./);
    assert.match(notes, /The new tag “Trolling” came without its shortcut “x”, which here belongs to “Sovereignty”\./);

    // What came in.
    assert.deepEqual(tagPaths(mine), ['Threat', 'Threat > Irony', 'Sovereignty', 'Trolling']);
    const trolling = ok<{ tags: Tag[] }>(mine.dispatch('tags.list', {})).tags.find((t) => t.name === 'Trolling')!;
    assert.deepEqual([trolling.color, trolling.description, trolling.shortcut], ['#123456', 'Mockery as a frame', null]);
    const hamnen = mine.db.prepare('SELECT id, source FROM articles WHERE title = ?').get('Hamnen') as { id: number; source: string };
    assert.equal(hamnen.source, 'GP');
    assert.deepEqual(
      ok<{ articles: { id: number }[] }>(mine.dispatch('articles.list', { search: 'Stormen' })).articles.map((r) => r.id),
      [hamnen.id],
      'the new article is found by full-text search',
    );
    const bo = ok<{ annotations: Annotation[] }>(mine.dispatch('annotations.list', { articleId: hamnen.id })).annotations;
    assert.deepEqual(
      bo.map((x) => [x.quote, x.note, x.annotator, x.contextAfter.slice(0, 4)]),
      [['Stormen är över', 'ironic', 'Bo', ' och']],
    );
    const values = mine.db.prepare('SELECT article_id, value FROM article_values WHERE variable_id = 1 ORDER BY article_id').raw().all();
    assert.deepEqual(values, [
      [1, 'Tabloid'],
      [hamnen.id, 'Public service'],
    ]);
    const coders = mine.db.prepare('SELECT name, color FROM coders ORDER BY name').raw().all() as [string, string][];
    assert.deepEqual(
      coders.map(([n]) => n),
      ['Ada', 'Bo', 'Cy'],
    );
    assert.equal(coders.find(([n]) => n === 'Cy')![1], '#abcdef', 'a new coder keeps the colour chosen there');
    assert.equal(mine.db.prepare('SELECT count(*) FROM article_done WHERE annotator = ?').pluck().get('Bo'), 1);

    // Again: nothing is added and nothing changes.
    const after = snapshot(mine);
    const again = merge(mine, theirsPath);
    assert.deepEqual(added(again), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(again.annotations, { added: 0, skipped: 4 });
    assert.deepEqual(again.articles, { added: 0, matched: 2 });
    assert.equal(snapshot(mine), after);
    assert.equal(sha256(theirsPath), before);
  } finally {
    cleanup();
  }
});

test('a dry run writes nothing and reports exactly what the real run then does', () => {
  const { mine, theirs, theirsPath, cleanup } = colleagues();
  try {
    theirs.close();
    const before = snapshot(mine);
    const preview = merge(mine, theirsPath, { dryRun: true });
    assert.equal(snapshot(mine), before);
    assert.equal(preview.annotations.added, 2);
    const real = merge(mine, theirsPath);
    assert.deepEqual(real, preview);
    assert.notEqual(snapshot(mine), before);
  } finally {
    cleanup();
  }
});

test('a failure in the middle of a merge leaves the project exactly as it was', () => {
  const { mine, theirs, theirsPath, cleanup } = colleagues();
  try {
    theirs.close();
    // A temporary trigger fails the second annotation written, after articles, tags, values and one
    // annotation are in.
    mine.db.exec(`CREATE TEMP TRIGGER fail_merge BEFORE INSERT ON main.annotations WHEN new.note = 'ironic'
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const before = snapshot(mine);
    assert.throws(() => merge(mine, theirsPath), /disk trouble/);
    assert.equal(snapshot(mine), before);
    mine.db.exec('DROP TRIGGER temp.fail_merge');
    assert.equal(merge(mine, theirsPath).annotations.added, 2, 'the merge goes through once the cause is gone');
  } finally {
    cleanup();
  }
});

test('entity curation comes in where it does not contradict this project’s, and contradictions are listed', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  const theirs = openProject(join(tmp.dir, 'theirs.framelens'));
  try {
    const detected = [
      { ...span(TEXT_A, 'Putin'), text: 'Putin', entity: 'Vladimir Putin', type: 'PER' as const },
      { ...span(TEXT_A, 'Astana'), text: 'Astana', entity: 'Astana', type: 'LOC' as const },
      { ...span(TEXT_A, 'CSTO:s'), text: 'CSTO:s', entity: 'CSTO', type: 'ORG' as const },
      { ...span(TEXT_A, 'Stockholm'), text: 'Stockholm', entity: 'Stockholm', type: 'LOC' as const },
      { ...span(TEXT_A, 'Sthlm'), text: 'Sthlm', entity: 'Sthlm', type: 'LOC' as const },
    ];
    for (const p of [mine, theirs]) {
      const a = id(ok(p.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' })));
      p.services.entities.applyDetection(a, detected, 'sv');
    }
    const entity = (p: Project, name: string) => p.db.prepare('SELECT entity_id FROM entity_aliases WHERE alias = ?').pluck().get(name) as number;
    // Theirs: Sthlm is Stockholm, CSTO is noise, Putin's name is written out, the Astana mention is
    // wrong, and Tokajev was added by hand.
    theirs.services.entities.merge(entity(theirs, 'Stockholm'), [entity(theirs, 'Sthlm')]);
    theirs.services.entities.ignore(entity(theirs, 'CSTO'));
    theirs.services.entities.rename(entity(theirs, 'Vladimir Putin'), 'Vladimir Vladimirovich Putin');
    const astana = theirs.db.prepare('SELECT id FROM mentions WHERE text = ?').pluck().get('Astana') as number;
    theirs.services.entities.removeMention(astana);
    theirs.services.entities.addMention({ articleId: 1, ...span(TEXT_A, 'Tokajev'), name: 'Kassym-Jomart Tokajev', type: 'PER' });
    // Mine: Putin renamed otherwise, which a merge must not undo.
    mine.services.entities.rename(entity(mine, 'Vladimir Putin'), 'V. Putin');
    const theirsPath = theirs.path;
    theirs.close();

    const report = merge(mine, theirsPath);
    // Stockholm joined, CSTO ignored, Putin's new name added as an alias, Astana removed, Tokajev added.
    assert.equal(report.curation.added, 5, JSON.stringify(report, null, 2));
    assert.deepEqual(report.conflicts, ['The entity “V. Putin” is called “Vladimir Vladimirovich Putin” in theirs.framelens; kept “V. Putin”.']);
    assert.match(report.notes.join('\n'), /“CSTO” is ignored now, as in theirs\.framelens; its 1 mention here was removed\./);
    const names = mine.services.entities.list({}).map((e) => [e.name, e.aliases]);
    assert.deepEqual(
      names.sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      [
        ['Kassym-Jomart Tokajev', ['Kassym-Jomart Tokajev']],
        ['Stockholm', ['Sthlm', 'Stockholm']],
        ['V. Putin', ['V. Putin', 'Vladimir Putin', 'Vladimir Vladimirovich Putin']],
      ],
    );
    assert.deepEqual(mine.services.entities.ignored().names, ['csto']);
    assert.equal(mine.db.prepare('SELECT count(*) FROM rejected_mentions').pluck().get(), 1);
    assert.equal(mine.db.prepare("SELECT origin FROM mentions WHERE text = 'Tokajev'").pluck().get(), 'manual');
    // Detection run again honours what came in: the Astana span stays out, CSTO stays ignored.
    mine.services.entities.applyDetection(1, detected, 'sv');
    assert.deepEqual(
      mine.services.entities.mentions(1).map((m) => [m.text, m.entity]),
      [
        ['Putin', 'V. Putin'],
        ['Tokajev', 'Kassym-Jomart Tokajev'],
        ['Stockholm', 'Stockholm'],
        ['Sthlm', 'Stockholm'],
      ],
    );

    const after = snapshot(mine);
    const again = merge(mine, theirsPath);
    assert.equal(again.curation.added, 0);
    assert.equal(snapshot(mine), after);
  } finally {
    mine.close();
    theirs.close();
    tmp.cleanup();
  }
});

test('curation that contradicts this project’s is listed and left out', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  const theirs = openProject(join(tmp.dir, 'theirs.framelens'));
  try {
    const detected = [
      { ...span(TEXT_A, 'Putin'), text: 'Putin', entity: 'Vladimir Putin', type: 'PER' as const },
      { ...span(TEXT_A, 'Astana'), text: 'Astana', entity: 'Astana', type: 'LOC' as const },
      { ...span(TEXT_A, 'CSTO:s'), text: 'CSTO:s', entity: 'CSTO', type: 'ORG' as const },
      { ...span(TEXT_A, 'Stockholm'), text: 'Stockholm', entity: 'Stockholm', type: 'LOC' as const },
    ];
    for (const p of [mine, theirs]) {
      ok(p.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' }));
      p.services.entities.applyDetection(1, detected, 'sv');
    }
    const entity = (p: Project, name: string) => p.db.prepare('SELECT entity_id FROM entity_aliases WHERE alias = ?').pluck().get(name) as number;
    const mention = (p: Project, text: string) => p.db.prepare('SELECT id FROM mentions WHERE text = ?').pluck().get(text) as number;
    // Mine: Stockholm confirmed by hand, the Putin mention removed, Astana renamed.
    mine.services.entities.addMention({ articleId: 1, ...span(TEXT_A, 'Stockholm'), entityId: entity(mine, 'Stockholm') });
    mine.services.entities.removeMention(mention(mine, 'Putin'));
    mine.services.entities.rename(entity(mine, 'Astana'), 'Nur-Sultan');
    // Theirs: the opposite of each.
    theirs.services.entities.ignore(entity(theirs, 'Stockholm'));
    theirs.services.entities.addMention({ articleId: 1, ...span(TEXT_A, 'Putin'), entityId: entity(theirs, 'Vladimir Putin') });
    theirs.services.entities.merge(entity(theirs, 'Astana'), [entity(theirs, 'CSTO')]);
    const theirsPath = theirs.path;
    theirs.close();

    const before = snapshot(mine);
    const report = merge(mine, theirsPath);
    assert.equal(report.curation.added, 0);
    assert.deepEqual(report.conflicts, [
      'theirs.framelens joins “Astana”, “CSTO” into one entity, “Astana”; here they belong to separate entities (“Nur-Sultan”, “CSTO”) that you have curated, so they were left apart.',
      '“stockholm” is ignored in theirs.framelens, but here it is a name of the entity “Stockholm”, which you have curated; kept it.',
      'The mention “Putin” in “Toppmötet” was added by hand in theirs.framelens but removed here; kept it removed.',
    ]);
    assert.equal(snapshot(mine), before);
  } finally {
    mine.close();
    theirs.close();
    tmp.cleanup();
  }
});

/** A project file of format 4 (before coders and uuids), written directly. */
function versionFour(path: string) {
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of migrations.filter((m) => m.version <= 4)) raw.exec(m.sql);
  raw.pragma('user_version = 4');
  const hash = createHash('sha256').update(TEXT_A).digest('hex');
  raw
    .prepare(`INSERT INTO articles (title, text, text_hash, char_count, created_at) VALUES ('Toppmötet', ?, ?, ?, '2024-01-01')`)
    .run(TEXT_A, hash, TEXT_A.length);
  raw.prepare(`INSERT INTO tags (name, color, created_at) VALUES ('Threat', '#ff0000', '2024-01-01'), ('Trolling', '#00ff00', '2024-01-01')`).run();
  const insert = raw.prepare(
    `INSERT INTO annotations (article_id, tag_id, start, "end", quote, context_before, context_after, annotator, created_at, updated_at) VALUES (1, ?, ?, ?, ?, '', '', ?, ?, ?)`,
  );
  for (const [tag, word, who, when] of [
    [1, 'Putin', 'Ada', '2024-01-02T10:00:00.000Z'],
    [2, 'trolling på hög nivå', 'Bo', '2024-01-02T11:00:00.000Z'],
    [1, 'CSTO:s roll', 'Bo', '2024-01-02T12:00:00.000Z'],
  ] as const) {
    const s = span(TEXT_A, word);
    insert.run(tag, s.start, s.end, word, who, when, when);
  }
  raw.prepare(`INSERT INTO variables (name, type, created_at) VALUES ('Pages', 'number', '2024-01-01')`).run();
  raw.prepare('INSERT INTO article_values (article_id, variable_id, value) VALUES (1, 1, 4.0)').run();
  raw.close();
}

test('a project of format 4 merges as it is, and merging it twice adds nothing', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  try {
    const old = join(tmp.dir, 'old.framelens');
    versionFour(old);
    const before = sha256(old);
    const first = merge(mine, old);
    assert.equal(sha256(old), before, 'the old file is not written');
    const check = new Database(old, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 4, 'the old file is not upgraded');
    check.close();
    assert.deepEqual(
      [first.articles.added, first.tags.added, first.annotations.added, first.variables.added, first.values.added, first.coders.added],
      [1, 2, 3, 1, 1, 2],
    );
    const uuids = mine.db.prepare('SELECT uuid FROM annotations ORDER BY id').pluck().all() as string[];
    for (const u of uuids) assert.match(u, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const after = snapshot(mine);
    const second = merge(mine, old);
    assert.deepEqual(added(second), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(second.annotations, { added: 0, skipped: 3 });
    assert.equal(snapshot(mine), after);

    // The same old file upgraded by Framelens since (random uuids now): its annotations are still
    // recognised as the same passages, by coder and time.
    const upgraded = join(tmp.dir, 'upgraded.framelens');
    copyFileSync(old, upgraded);
    openProject(upgraded).close();
    const third = merge(mine, upgraded);
    assert.deepEqual(added(third), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.match(third.notes.join('\n'), /3 annotations from upgraded\.framelens carry another id but the same passage, tag, coder and time/);
    assert.equal(snapshot(mine), after);
  } finally {
    mine.close();
    tmp.cleanup();
  }
});

test('a project of the first format (no entities, no variables) merges its articles, codebook and annotations', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  try {
    const old = join(tmp.dir, 'first.framelens');
    const raw = new Database(old);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.exec(migrations[0]!.sql);
    raw.pragma('user_version = 1');
    raw.prepare(`INSERT INTO articles (title, text, text_hash, char_count, created_at) VALUES ('Hamnen', ?, 'x', ?, '2023-01-01')`).run(TEXT_B, TEXT_B.length);
    raw.prepare(`INSERT INTO tags (name, color, created_at) VALUES ('Threat', '#ff0000', '2023-01-01')`).run();
    const s = span(TEXT_B, 'Stormen');
    raw
      .prepare(
        `INSERT INTO annotations (article_id, tag_id, start, "end", quote, context_before, context_after, annotator, created_at, updated_at) VALUES (1, 1, ?, ?, 'Stormen', '', '', 'Ada', '2023', '2023')`,
      )
      .run(s.start, s.end);
    raw.close();
    const report = merge(mine, old);
    assert.deepEqual([report.articles.added, report.tags.added, report.annotations.added, report.coders.added], [1, 1, 1, 1]);
    assert.deepEqual(added(merge(mine, old)), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  } finally {
    mine.close();
    tmp.cleanup();
  }
});

test('files that cannot be merged are refused with a clear message, and nothing changes in either file', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  try {
    ok(mine.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' }));
    const before = snapshot(mine);
    const refuse = (path: string, code: string, pattern: RegExp) => {
      const hash = (() => {
        try {
          return sha256(path);
        } catch {
          return null;
        }
      })();
      assert.throws(
        () => merge(mine, path),
        (error: unknown) => {
          assert.ok(error instanceof AppError, String(error));
          assert.equal(error.code, code);
          assert.match(error.message, pattern);
          assert.match(error.message, /Nothing was changed\.$/);
          return true;
        },
      );
      assert.equal(snapshot(mine), before);
      if (hash) assert.equal(sha256(path), hash);
    };

    refuse(join(tmp.dir, 'nowhere.framelens'), 'NOT_FOUND', /There is no project file at .*nowhere\.framelens to merge from/);
    mkdirSync(join(tmp.dir, 'folder.framelens'));
    refuse(join(tmp.dir, 'folder.framelens'), 'INVALID_INPUT', /is a folder, not a Framelens project file/);
    writeFileSync(join(tmp.dir, 'notes.txt'), 'Putin talade i Astana.');
    refuse(join(tmp.dir, 'notes.txt'), 'INVALID_INPUT', /is not a Framelens project \(it is not a SQLite database\)/);
    writeFileSync(join(tmp.dir, 'empty.framelens'), '');
    refuse(join(tmp.dir, 'empty.framelens'), 'INVALID_INPUT', /is an empty file/);
    const foreign = new Database(join(tmp.dir, 'other-app.db'));
    foreign.exec('CREATE TABLE t (x)');
    foreign.close();
    refuse(join(tmp.dir, 'other-app.db'), 'INVALID_INPUT', /a SQLite database of another program, not a Framelens project/);

    const newer = join(tmp.dir, 'newer.framelens');
    openProject(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${latestVersion + 1}`);
    raw.close();
    refuse(
      newer,
      'UNSUPPORTED',
      new RegExp(`written by a newer Framelens \\(project format ${latestVersion + 1}; this version reads up to ${latestVersion}\\)`),
    );

    refuse(mine.path, 'INVALID_INPUT', /is the project you have open; a project cannot be merged into itself/);
    symlinkSync(mine.path, join(tmp.dir, 'shortcut.framelens'));
    refuse(join(tmp.dir, 'shortcut.framelens'), 'INVALID_INPUT', /cannot be merged into itself/);
    linkSync(mine.path, join(tmp.dir, 'hardlink.framelens'));
    refuse(join(tmp.dir, 'hardlink.framelens'), 'INVALID_INPUT', /cannot be merged into itself/);
  } finally {
    mine.close();
    tmp.cleanup();
  }
});

test('a file another program is writing: read as last committed, or refused clearly when it is held locked', () => {
  const tmp = tempDir('framelens-merge-');
  const mine = openProject(join(tmp.dir, 'mine.framelens'));
  const theirs = openProject(join(tmp.dir, 'theirs.framelens'));
  try {
    ok(theirs.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' }));
    // The colleague's Framelens is in the middle of a write: the merge reads what was committed.
    theirs.db.exec('BEGIN IMMEDIATE');
    theirs.services.articles.importOne({ text: TEXT_B, name: 'hamnen.txt' });
    const before = sha256(theirs.path);
    const report = merge(mine, theirs.path);
    assert.deepEqual(report.articles, { added: 1, matched: 0 });
    assert.equal(sha256(theirs.path), before);
    theirs.db.exec('COMMIT');
    assert.deepEqual(merge(mine, theirs.path).articles, { added: 1, matched: 1 }, 'the committed article comes with the next merge');

    // A program holding the file locked against all readers (SQLite's exclusive locking mode).
    theirs.db.pragma('locking_mode = EXCLUSIVE');
    ok(theirs.dispatch('tags.create', { name: 'Threat' }));
    const snap = snapshot(mine);
    assert.throws(
      () => merge(mine, theirs.path, { busyTimeoutMs: 50 }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'BUSY' &&
        /is being written by another program that holds it locked, so it cannot be read consistently right now/.test(error.message),
    );
    assert.equal(snapshot(mine), snap);
  } finally {
    mine.close();
    theirs.close();
    tmp.cleanup();
  }
});

test('a project open read-only takes a dry run but refuses the merge itself', () => {
  const tmp = tempDir('framelens-merge-');
  try {
    const theirs = openProject(join(tmp.dir, 'theirs.framelens'));
    ok(theirs.dispatch('articles.importText', { text: TEXT_A, title: 'Toppmötet' }));
    theirs.close();
    openProject(join(tmp.dir, 'mine.framelens')).close();
    const mine = openProject(join(tmp.dir, 'mine.framelens'), { readOnly: true, create: false });
    try {
      assert.equal(merge(mine, join(tmp.dir, 'theirs.framelens'), { dryRun: true }).articles.added, 1);
      assert.throws(() => merge(mine, join(tmp.dir, 'theirs.framelens')), /open read-only, so nothing can be merged into it/);
    } finally {
      mine.close();
    }
  } finally {
    tmp.cleanup();
  }
});
