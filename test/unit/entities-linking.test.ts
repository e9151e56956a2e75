import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import {
  asAcronym,
  findLinks,
  initialsOf,
  placeKey,
  transliterationKey,
  transliterationSimilarity,
  type LinkEntity,
} from '../../main/services/entities/linking.ts';
import type { Entity } from '../../main/api/contract.ts';
import type { Mention as Detected } from '../../main/services/entities/detect/types.ts';

test('Swedish and English transliterations of one name share a key', () => {
  for (const [sv, en] of [
    ['Tokajev', 'Tokayev'],
    ['Jeltsin', 'Yeltsin'],
    ['Chodorkovskij', 'Khodorkovsky'],
    ['Zelenskyj', 'Zelensky'],
    ['Jevgenij', 'Yevgeny'],
  ]) {
    assert.equal(transliterationKey(sv!), transliterationKey(en!), `${sv} / ${en}`);
  }
  assert.equal(transliterationSimilarity('Kassym-Zjomart Tokajev', 'Kassym-Zhomart Tokayev'), 1);
  assert.ok(transliterationSimilarity('Nikita Chrusjtjov', 'Nikita Khrushchev') >= 0.8);
  // Different names stay apart, short ones above all.
  assert.equal(transliterationSimilarity('Li', 'Le'), 0);
  assert.equal(transliterationSimilarity('Anna Berg', 'Anna Borg'), 0);
  assert.ok(transliterationSimilarity('Tokajev', 'Putin') < 0.5);
});

test('places known in both languages lead to one key; acronyms and initials', () => {
  assert.equal(placeKey('Kazakstan'), 'Kazakhstan');
  assert.equal(placeKey('kazakhstan'), 'Kazakhstan');
  assert.equal(placeKey('Moskva'), placeKey('Moscow'));
  assert.equal(placeKey('Ingenstans-i-Småland'), null);
  assert.equal(asAcronym('CSTO'), 'CSTO');
  assert.equal(asAcronym('CSTO:s'), 'CSTO');
  assert.equal(asAcronym('Nato'), null);
  assert.deepEqual(initialsOf('Collective Security Treaty Organization'), ['CSTO']);
  assert.ok(initialsOf('Bank for International Settlements').includes('BIS'));
});

const entity = (id: number, name: string, type: LinkEntity['type'], languages: string[]): LinkEntity => ({
  id,
  name,
  type,
  aliases: [name],
  mentions: 1,
  languages,
});

test('the search proposes exonyms, transliterations across languages and acronyms beside their expansion', () => {
  const entities = [
    entity(1, 'Kazakstan', 'LOC', ['sv']),
    entity(2, 'Kazakhstan', 'LOC', ['en']),
    entity(3, 'Tokajev', 'PER', ['sv']),
    entity(4, 'Tokayev', 'PER', ['en']),
    entity(5, 'CSTO', 'ORG', ['en']),
    entity(6, 'Collective Security Treaty Organization', 'ORG', ['en']),
    // Two Swedish spellings in Swedish articles: probably two people, so no proposal.
    entity(7, 'Andersson', 'PER', ['sv']),
    entity(8, 'Anderson', 'PER', ['sv']),
  ];
  const text = 'the Collective Security Treaty Organization (CSTO) met';
  const placed = [
    { articleId: 1, entityId: 6, start: 4, end: 43 },
    { articleId: 1, entityId: 5, start: 45, end: 49 },
  ];
  const links = findLinks(entities, placed, (_a, s, e) => text.slice(s, e));
  const pairs = links.map((l) => `${l.a}-${l.b}:${l.kind}`);
  assert.ok(pairs.includes('1-2:exonym'), pairs.join(' '));
  assert.ok(pairs.includes('3-4:transliteration'), pairs.join(' '));
  assert.ok(pairs.includes('5-6:acronym'), pairs.join(' '));
  assert.ok(!pairs.some((p) => p.startsWith('7-8')), pairs.join(' '));
  const acronym = links.find((l) => l.kind === 'acronym')!;
  assert.ok(acronym.confidence > 0.9, 'an acronym in brackets after its expansion is nearly sure');
});

// Made-up articles: a Swedish and an English report of the same (invented) meeting.
const SV = 'Kazakstans president Tokajev talade i Astana.';
const EN = "Kazakhstan's president Tokayev spoke in Astana.";

function setup() {
  const p = tempProject();
  const sv = ok<{ id: number }>(p.dispatch('articles.importText', { text: SV, language: 'sv' })).id;
  const en = ok<{ id: number }>(p.dispatch('articles.importText', { text: EN, language: 'en' })).id;
  const m = (text: string, t: string, type: Detected['type'], entity: string): Detected => {
    const start = text.indexOf(t);
    return { start, end: start + t.length, text: t, type, entity, why: { source: 'gazetteer', detail: 'test' } };
  };
  p.services.entities.applyDetection(sv, [m(SV, 'Kazakstans', 'LOC', 'Kazakstan'), m(SV, 'Tokajev', 'PER', 'Tokajev')], 'sv');
  p.services.entities.applyDetection(en, [m(EN, 'Kazakhstan', 'LOC', 'Kazakhstan'), m(EN, 'Tokayev', 'PER', 'Tokayev')], 'en');
  const entities = () => ok<{ entities: Entity[] }>(p.dispatch('entities.list', {})).entities;
  return { p, sv, en, entities };
}

type Links = { proposals: { id: number; entity: Entity; other: Entity; kind: string; confidence: number }[]; autoApplyAbove: number | null; applied?: number };

test('proposals are accepted as merges with both names kept, and rejections hold for later searches', () => {
  const { p, sv, entities } = setup();
  try {
    const found = ok<Links>(p.dispatch('entities.findLinks', {}));
    assert.equal(found.applied, 0);
    assert.equal(found.proposals.length, 2, JSON.stringify(found.proposals));
    const place = found.proposals.find((x) => x.kind === 'exonym')!;
    const person = found.proposals.find((x) => x.kind === 'transliteration')!;
    const merged = ok<Entity>(p.dispatch('entities.acceptLink', { id: place.id }));
    assert.deepEqual([...merged.aliases].sort(), ['Kazakhstan', 'Kazakstan']);
    assert.equal(entities().length, 3);

    const after = ok<Links>(p.dispatch('entities.rejectLink', { id: person.id }));
    assert.equal(after.proposals.length, 0);
    assert.equal(ok<Links>(p.dispatch('entities.findLinks', {})).proposals.length, 0, 'a rejected pair is not proposed again');

    // Detection again keeps the merge (through the aliases) and the rejection (by name).
    p.services.entities.applyDetection(sv, [{ start: 0, end: 10, text: 'Kazakstans', type: 'LOC', entity: 'Kazakstan' }], 'sv');
    assert.equal(entities().filter((e) => e.aliases.includes('Kazakstan')).length, 1);
    assert.equal(ok<Links>(p.dispatch('entities.findLinks', {})).proposals.length, 0);
  } finally {
    p.cleanup();
  }
});

test('proposals at or above the chosen confidence are applied without asking; splitting one off holds', () => {
  const { p, entities } = setup();
  try {
    assert.equal(ok<{ autoApplyAbove: number | null }>(p.dispatch('entities.setLinkAutoApply', { above: 0.95 })).autoApplyAbove, 0.95);
    const found = ok<Links>(p.dispatch('entities.findLinks', {}));
    assert.equal(found.applied, 1, 'the exonym (0.97) is applied');
    assert.equal(found.proposals.length, 1, 'the transliteration (0.9) waits');
    assert.equal(ok<Links>(p.dispatch('entities.links', {})).autoApplyAbove, 0.95);
    const place = entities().find((e) => e.aliases.includes('Kazakstan'))!;
    ok(p.dispatch('entities.split', { id: place.id, alias: place.name === 'Kazakstan' ? 'Kazakhstan' : 'Kazakstan' }));
    assert.equal(ok<Links>(p.dispatch('entities.findLinks', {})).applied, 0, 'a split is not undone by the next search');
    assert.equal(ok<{ autoApplyAbove: number | null }>(p.dispatch('entities.setLinkAutoApply', { above: null })).autoApplyAbove, null);
    const bad = p.dispatch('entities.setLinkAutoApply', { above: 2 }) as { ok: boolean };
    assert.equal(bad.ok, false);
  } finally {
    p.cleanup();
  }
});
