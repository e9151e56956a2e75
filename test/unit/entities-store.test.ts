import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ok, snapshot, tempProject } from './support/project.ts';
import { createDetector } from '../../main/services/entities/detect/index.ts';
import { detectNow } from '../../main/services/entities/queue.ts';
import type { Entity, Mention } from '../../main/api/contract.ts';

// Sentences written for these tests: a made-up summit with made-up people.
const TEXT =
  'Toppmötet i Malmö\n\nPresident Anna Lindqvist talade länge i Malmö. Lindqvists tal handlade om NORDSEC:s framtid. ' +
  'Senare svarade Erik Holm från Nordbanken. Holm sa att NORDSEC måste enas. Anna Lindqvist log.';

function setup() {
  const p = tempProject();
  const art = ok<{ id: number }>(p.dispatch('articles.importText', { text: TEXT, language: 'sv' }));
  const detector = createDetector();
  const detect = () => detectNow(p.services, detector, [art.id]);
  detect();
  const entities = () => ok<{ entities: Entity[] }>(p.dispatch('entities.list', {})).entities;
  const byName = (name: string) => entities().find((e) => e.name === name || e.aliases.includes(name));
  return { p, articleId: art.id, detect, entities, byName };
}

test('detection stores mentions linked to canonical entities, inflected forms included', () => {
  const { p, articleId, byName } = setup();
  try {
    const lindqvist = byName('Anna Lindqvist');
    assert.ok(lindqvist, 'the person is found');
    assert.equal(lindqvist.type, 'PER');
    const mentions = ok<{ mentions: Mention[] }>(p.dispatch('mentions.list', { articleId })).mentions;
    const forms = mentions.filter((m) => m.entityId === lindqvist.id).map((m) => m.text);
    assert.ok(forms.includes('Lindqvists'), `the genitive is a mention of the same person (${forms.join(', ')})`);
    for (const m of mentions) assert.equal(TEXT.slice(m.start, m.end), m.text);
  } finally {
    p.cleanup();
  }
});

test('renames, type changes, merges, ignores and removed mentions all survive detecting again', () => {
  const { p, articleId, detect, byName, entities } = setup();
  try {
    const lindqvist = byName('Anna Lindqvist')!;
    ok(p.dispatch('entities.rename', { id: lindqvist.id, name: 'Anna L.' }));
    const holm = byName('Erik Holm')!;
    ok(p.dispatch('entities.setType', { id: holm.id, type: 'MISC' }));
    const nordsec = byName('NORDSEC')!;
    const malmo = byName('Malmö')!;
    ok(p.dispatch('entities.merge', { targetId: nordsec.id, sourceIds: [malmo.id] }));
    const bank = byName('Nordbanken');
    assert.ok(bank, 'the bank is detected, so ignoring it can be tested');
    ok(p.dispatch('entities.ignore', { id: bank.id }));
    const holmMention = ok<{ mentions: Mention[] }>(p.dispatch('mentions.list', { articleId })).mentions.find((m) => m.entityId === holm.id)!;
    ok(p.dispatch('mentions.remove', { id: holmMention.id }));
    const manual = ok<Mention>(
      p.dispatch('mentions.add', { articleId, start: TEXT.indexOf('Toppmötet'), end: TEXT.indexOf('Toppmötet') + 9, name: 'Toppmötet', type: 'MISC' }),
    );

    const before = JSON.stringify(entities());
    const mentionsBefore = ok<{ mentions: Mention[] }>(p.dispatch('mentions.list', { articleId })).mentions;
    detect();
    assert.equal(JSON.stringify(entities()), before, 'the entity list is the same after detecting again');
    const mentionsAfter = ok<{ mentions: Mention[] }>(p.dispatch('mentions.list', { articleId })).mentions;
    assert.deepEqual(
      mentionsAfter.map((m) => [m.start, m.end, m.entity, m.type, m.origin]),
      mentionsBefore.map((m) => [m.start, m.end, m.entity, m.type, m.origin]),
    );
    assert.ok(mentionsAfter.some((m) => m.id === manual.id && m.origin === 'manual'));
    assert.ok(!mentionsAfter.some((m) => m.start === holmMention.start && m.end === holmMention.end), 'a removed mention stays removed');
    assert.equal(byName('Anna L.')?.type, 'PER');
    assert.equal(byName('Erik Holm')?.type, 'MISC');
    assert.ok(byName('NORDSEC')?.aliases.includes('Malmö'), 'merged names become aliases');
    assert.equal(byName('Nordbanken'), undefined, 'an ignored name is not detected again');
  } finally {
    p.cleanup();
  }
});

test('split moves an alias and its mentions to a new entity', () => {
  const { p, byName } = setup();
  try {
    const nordsec = byName('NORDSEC')!;
    const malmo = byName('Malmö')!;
    const merged = ok<Entity>(p.dispatch('entities.merge', { targetId: nordsec.id, sourceIds: [malmo.id] }));
    const { from, created } = ok<{ from: Entity; created: Entity }>(p.dispatch('entities.split', { id: merged.id, alias: 'Malmö' }));
    assert.equal(created.name, 'Malmö');
    assert.equal(created.mentionCount, malmo.mentionCount);
    assert.equal(from.mentionCount, nordsec.mentionCount);
    assert.ok(!from.aliases.includes('Malmö'));
  } finally {
    p.cleanup();
  }
});

test('curation mistakes are clear errors and change nothing', () => {
  const { p, articleId, byName } = setup();
  try {
    const nordsec = byName('NORDSEC')!;
    const holm = byName('Erik Holm')!;
    const before = snapshot(p) + JSON.stringify(p.db.prepare('SELECT * FROM entities').all());
    const refusals: [string, unknown, string, RegExp][] = [
      ['entities.merge', { targetId: nordsec.id, sourceIds: [nordsec.id] }, 'INVALID_INPUT', /into itself/],
      ['entities.split', { id: holm.id, alias: holm.aliases[0] }, 'INVALID_INPUT', /only name/],
      ['entities.split', { id: holm.id, alias: 'Nobody' }, 'NOT_FOUND', /not a name/],
      ['entities.ignore', { id: 9999 }, 'NOT_FOUND', /Entity 9999/],
      ['entities.rename', { id: holm.id, name: 'NORDSEC' }, 'CONFLICT', /merge/],
      ['entities.rename', { id: holm.id, name: ' ' }, 'INVALID_INPUT', /name/],
      ['mentions.add', { articleId, start: 0, end: 5 }, 'INVALID_INPUT', /name the entity/],
      ['mentions.add', { articleId, start: 0, end: 99999, name: 'X' }, 'INVALID_INPUT', /outside/],
      ['mentions.remove', { id: 9999 }, 'NOT_FOUND', /Mention 9999/],
      ['entities.unignore', { name: 'never ignored' }, 'NOT_FOUND', /ignored name/],
    ];
    for (const [method, input, code, message] of refusals) {
      const r = p.dispatch(method, input);
      assert.equal(r.ok, false, method);
      if (!r.ok) {
        assert.equal(r.error.code, code, `${method}: ${r.error.message}`);
        assert.match(r.error.message, message);
      }
    }
    assert.equal(snapshot(p) + JSON.stringify(p.db.prepare('SELECT * FROM entities').all()), before);
  } finally {
    p.cleanup();
  }
});

test('the CSV export lists the entities mentioned inside each tagged passage', () => {
  const { p, articleId } = setup();
  try {
    const tag = ok<{ id: number }>(p.dispatch('tags.create', { name: 'Leadership' }));
    const start = TEXT.indexOf('President');
    const end = TEXT.indexOf('framtid.') + 'framtid.'.length;
    ok(p.dispatch('annotations.create', { articleId, tagId: tag.id, start, end }));
    const { csv } = ok<{ csv: string }>(p.dispatch('export.csv', {}));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    assert.equal(rows.at(-1)!.entities, 'Anna Lindqvist; Malmö; NORDSEC');
  } finally {
    p.cleanup();
  }
});

type Why = {
  type: string;
  reason: { source: string; detail: string; confidence: number | null; rulesOnly: boolean } | null;
  mentions: { type: string; source: string; count: number; confidence: number | null; rulesOnly: boolean }[];
};

test('an entity says why it has its type: the tagger with its confidence, a rule, or the analyst', () => {
  const { p, byName } = setup();
  try {
    const holm = byName('Erik Holm')!;
    const why = ok<Why>(p.dispatch('entities.why', { id: holm.id }));
    assert.ok(why.reason, 'detection stored a reason');
    assert.equal(why.reason.rulesOnly, false, 'Swedish has a trained tagger');
    if (why.reason.source === 'model') assert.ok(why.reason.confidence! > 0 && why.reason.confidence! <= 1);
    assert.ok(why.mentions.reduce((n, m) => n + m.count, 0) >= 2);
    ok(p.dispatch('entities.setType', { id: holm.id, type: 'ORG' }));
    assert.equal(ok<Why>(p.dispatch('entities.why', { id: holm.id })).reason?.source, 'analyst');
  } finally {
    p.cleanup();
  }
});

test('a language without a trained tagger is typed by the rules only, and says so', () => {
  const p = tempProject();
  try {
    const text = 'Le président Emmanuel Macron a parlé à Paris avec Angela Merkel.';
    const art = ok<{ id: number }>(p.dispatch('articles.importText', { text, language: 'fr' }));
    detectNow(p.services, createDetector(), [art.id]);
    const entities = ok<{ entities: Entity[] }>(p.dispatch('entities.list', {})).entities;
    assert.ok(entities.length > 0);
    for (const e of entities) assert.equal(ok<Why>(p.dispatch('entities.why', { id: e.id })).reason?.rulesOnly, true, e.name);
  } finally {
    p.cleanup();
  }
});

test("storing one article's detection looks only at the entities it touches", () => {
  const { p } = setup();
  try {
    const plan = (
      p.services.db
        .prepare('EXPLAIN QUERY PLAN DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)')
        .all(1) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join(' | ');
    assert.match(plan, /USING INTEGER PRIMARY KEY/);
    assert.match(plan, /mentions_entity/);
    assert.doesNotMatch(plan, /SCAN entities/);
  } finally {
    p.cleanup();
  }
});
