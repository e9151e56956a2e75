// Coders as identities: registered with their first code, renamed with all their work, coloured in turn;
// article-level codes and done marks; the stable uuid every annotation carries, from the upgrade on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ok, snapshot, tempDir, tempProject } from './support/project.ts';
import { openProject, type Project } from '../../main/services/project.ts';
import { migrations } from '../../db/migrations/index.ts';
import type { Annotation, ArticleCode, Coder, Envelope } from '../../main/api/contract.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TEXT = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå.';

function setup() {
  const p = tempProject();
  const article = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT, title: 'Toppmötet' })).id;
  const threat = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Threat' })).id;
  return { p, article, threat };
}

const coders = (p: Project) => ok<{ coders: Coder[] }>(p.dispatch('coders.list', {})).coders;

test('a project of version 4 gets a coder for everyone who coded and a uuid on every annotation', () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'old.framelens');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.pragma(`application_id = ${0x464c4e53}`);
    for (const m of migrations.filter((m) => m.version <= 4)) raw.exec(m.sql);
    raw.pragma('user_version = 4');
    raw.prepare(`INSERT INTO articles (title, text, text_hash, char_count, created_at) VALUES ('A', ?, 'h', ?, '2024-01-01')`).run(TEXT, TEXT.length);
    raw.prepare(`INSERT INTO tags (name, color, created_at) VALUES ('Threat', '#ff0000', '2024-01-01')`).run();
    const insert = raw.prepare(
      `INSERT INTO annotations (article_id, tag_id, start, "end", quote, context_before, context_after, annotator, created_at, updated_at) VALUES (1, 1, ?, ?, ?, '', '', ?, '2024', '2024')`,
    );
    insert.run(0, 5, TEXT.slice(0, 5), 'Bo');
    insert.run(6, 12, TEXT.slice(6, 12), 'Ada');
    insert.run(13, 20, TEXT.slice(13, 20), 'Bo');
    raw.close();

    const p = openProject(path);
    try {
      const list = coders(p);
      assert.deepEqual(
        list.map((c) => [c.name, c.annotations]),
        [
          ['Ada', 1],
          ['Bo', 2],
        ],
      );
      assert.notEqual(list[0]!.color, list[1]!.color, 'each coder has a colour of its own');
      const uuids = ok<{ annotations: Annotation[] }>(p.dispatch('annotations.list', { articleId: 1 })).annotations.map((a) => a.uuid);
      assert.equal(uuids.length, 3);
      for (const u of uuids) assert.match(u, UUID);
      assert.equal(new Set(uuids).size, 3);
      // A row written without a uuid (by an older tool or a script) still gets one.
      p.db
        .prepare(
          `INSERT INTO annotations (article_id, tag_id, start, "end", quote, context_before, context_after, annotator, created_at, updated_at) VALUES (1, 1, 0, 3, 'Put', '', '', 'Ada', '2024', '2024')`,
        )
        .run();
      assert.match(p.db.prepare('SELECT uuid FROM annotations ORDER BY id DESC LIMIT 1').pluck().get() as string, UUID);
    } finally {
      p.close();
    }
  } finally {
    cleanup();
  }
});

test('a coder is registered with the first code under the name, and the uuid survives delete and undo', () => {
  const { p, article, threat } = setup();
  try {
    assert.deepEqual(coders(p), []);
    const a = ok<Annotation>(p.dispatch('annotations.create', { articleId: article, tagId: threat, start: 0, end: 5, annotator: 'Ada' }));
    assert.match(a.uuid, UUID);
    assert.deepEqual(
      coders(p).map((c) => [c.name, c.annotations, c.articlesCoded]),
      [['Ada', 1, 1]],
    );
    ok(p.dispatch('annotations.delete', { id: a.id }));
    const back = ok<Annotation>(p.dispatch('annotations.restore', { id: a.id }));
    assert.equal(back.uuid, a.uuid);
    ok(p.dispatch('settings.setAnnotator', { name: 'Cy' }));
    assert.ok(
      coders(p).some((c) => c.name === 'Cy'),
      'the analyst named in the settings is a coder',
    );
  } finally {
    p.cleanup();
  }
});

test('renaming a coder carries the name to every annotation, article code and done mark; a taken name is refused', () => {
  const { p, article, threat } = setup();
  try {
    ok(p.dispatch('annotations.create', { articleId: article, tagId: threat, start: 0, end: 5, annotator: 'Ada' }));
    ok(p.dispatch('articleCodes.add', { articleId: article, tagId: threat, annotator: 'Ada' }));
    ok(p.dispatch('articles.setDone', { articleId: article, annotator: 'Ada', done: true }));
    ok(p.dispatch('annotations.create', { articleId: article, tagId: threat, start: 6, end: 9, annotator: 'Bo' }));
    const ada = coders(p).find((c) => c.name === 'Ada')!;
    const before = snapshot(p);
    const taken = p.dispatch('coders.update', { id: ada.id, name: 'Bo' }) as Envelope<unknown>;
    assert.equal(taken.ok, false);
    assert.equal(!taken.ok && taken.error.code, 'CONFLICT');
    assert.equal(snapshot(p), before, 'a refused rename changes nothing');
    const renamed = ok<Coder>(p.dispatch('coders.update', { id: ada.id, name: 'Ada Lind', color: '#123456' }));
    assert.deepEqual([renamed.name, renamed.color, renamed.annotations, renamed.articleCodes, renamed.articlesDone], ['Ada Lind', '#123456', 1, 1, 1]);
    assert.equal(p.db.prepare(`SELECT count(*) FROM annotations WHERE annotator = 'Ada'`).pluck().get(), 0);
    const created = p.dispatch('coders.create', { name: 'Bo' }) as Envelope<unknown>;
    assert.equal(!created.ok && created.error.code, 'CONFLICT');
  } finally {
    p.cleanup();
  }
});

test('an article-level code is applied once per coder and tag, and can be taken back; done marks count as coded', () => {
  const { p, article, threat } = setup();
  try {
    const code = ok<ArticleCode>(p.dispatch('articleCodes.add', { articleId: article, tagId: threat, annotator: 'Ada' }));
    assert.match(code.uuid, UUID);
    const again = ok<ArticleCode>(p.dispatch('articleCodes.add', { articleId: article, tagId: threat, annotator: 'Ada' }));
    assert.equal(again.id, code.id);
    ok(p.dispatch('articleCodes.add', { articleId: article, tagId: threat, annotator: 'Bo' }));
    assert.equal(ok<{ codes: ArticleCode[] }>(p.dispatch('articleCodes.list', { articleId: article })).codes.length, 2);
    ok(p.dispatch('articleCodes.remove', { id: code.id }));
    assert.deepEqual(
      ok<{ codes: ArticleCode[] }>(p.dispatch('articleCodes.list', { articleId: article })).codes.map((c) => c.annotator),
      ['Bo'],
    );
    const second = ok<{ id: number }>(p.dispatch('articles.importText', { text: 'Ett annat inslag utan något som passar.', title: 'Tom' })).id;
    ok(p.dispatch('articles.setDone', { articleId: second, annotator: 'Cy', done: true }));
    const progress = ok<{ articles: { articleId: number; coded: string[]; done: string[] }[] }>(p.dispatch('coders.progress', {})).articles;
    assert.deepEqual(progress, [
      { articleId: article, coded: ['Bo'], done: [] },
      { articleId: second, coded: ['Cy'], done: ['Cy'] },
    ]);
    ok(p.dispatch('articles.setDone', { articleId: second, annotator: 'Cy', done: false }));
    assert.equal(coders(p).find((c) => c.name === 'Cy')!.articlesDone, 0);
    const missing = p.dispatch('articleCodes.add', { articleId: 999, tagId: threat }) as Envelope<unknown>;
    assert.equal(!missing.ok && missing.error.code, 'NOT_FOUND');
  } finally {
    p.cleanup();
  }
});
