// Names of one entity across languages: the same country or city under its Swedish and English names
// (from the gazetteer, and a short list of towns whose names differ), a person or place transliterated
// two ways ("Tokajev" / "Tokayev"), and an acronym beside its expansion in the same article ("CSTO" /
// "Collective Security Treaty Organization"). The search proposes; the analyst accepts (a merge, so
// both names become aliases), rejects (kept by name, so it holds when detection runs again), or lets
// proposals above a chosen confidence be applied at once.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import type { EntityType } from '../../api/contract.ts';
import { invalid, notFound } from '../errors.ts';
import { now } from '../clock.ts';
import type { EntityStore } from './store.ts';
import data from './detect/data/gazetteer.json' with { type: 'json' };

export type LinkKind = 'exonym' | 'transliteration' | 'acronym';

/** What the search needs to know of an entity. */
export type LinkEntity = { id: number; name: string; type: EntityType; aliases: string[]; mentions: number; languages: string[] };
/** A mention's place in an article, for acronyms written beside their expansion. */
export type PlacedMention = { articleId: number; entityId: number; start: number; end: number };
export type LinkCandidate = { a: number; b: number; kind: LinkKind; confidence: number; evidence: string };

/** Towns whose Swedish and English names differ, which the gazetteer lists under one name only. */
const CITY_EXONYMS: [sv: string, en: string][] = [
  ['Moskva', 'Moscow'],
  ['Göteborg', 'Gothenburg'],
  ['Köpenhamn', 'Copenhagen'],
  ['Wien', 'Vienna'],
  ['Peking', 'Beijing'],
  ['Warszawa', 'Warsaw'],
  ['Prag', 'Prague'],
  ['Rom', 'Rome'],
  ['Aten', 'Athens'],
  ['Bryssel', 'Brussels'],
  ['Haag', 'The Hague'],
  ['Genève', 'Geneva'],
  ['München', 'Munich'],
  ['Neapel', 'Naples'],
  ['Venedig', 'Venice'],
  ['Florens', 'Florence'],
  ['Lissabon', 'Lisbon'],
  ['Belgrad', 'Belgrade'],
  ['Bukarest', 'Bucharest'],
  ['Kiev', 'Kyiv'],
  ['Kijev', 'Kyiv'],
  ['Jerevan', 'Yerevan'],
  ['Kreml', 'Kremlin'],
  ['Damaskus', 'Damascus'],
  ['Kairo', 'Cairo'],
  ['Bagdad', 'Baghdad'],
  ['Teheran', 'Tehran'],
  ['Sankt Petersburg', 'Saint Petersburg'],
  ['Nordkorea', 'North Korea'],
  ['Sydkorea', 'South Korea'],
];

type Named = Record<string, Record<string, string[]>>;

let exonymIndex: Map<string, string> | null = null;

/** Lowercased name → the English name of the place, for every place known in Swedish and English. */
function exonyms(): Map<string, string> {
  if (exonymIndex) return exonymIndex;
  const index = new Map<string, string>();
  const gazetteer = data as unknown as { countries: Named; worldRegions: Named; supranational: Named };
  for (const table of [gazetteer.countries, gazetteer.worldRegions, gazetteer.supranational]) {
    for (const byLang of Object.values(table)) {
      const en = byLang.en?.[0];
      if (!en || !byLang.sv?.length) continue;
      for (const name of [...byLang.sv, ...byLang.en!]) index.set(name.toLowerCase(), en);
    }
  }
  for (const [sv, en] of CITY_EXONYMS) {
    index.set(sv.toLowerCase(), en);
    index.set(en.toLowerCase(), en);
  }
  return (exonymIndex = index);
}

/** The English name of the place a name denotes in either language, if the gazetteer knows it. */
export function placeKey(name: string): string | null {
  return exonyms().get(name.toLowerCase()) ?? null;
}

/**
 * A spelling key under which the usual Swedish, English and German transliterations of Russian,
 * Ukrainian and Kazakh names coincide: Tokajev / Tokayev, Jeltsin / Yeltsin, Chodorkovskij /
 * Khodorkovsky, Zelenskyj / Zelensky, Kazakstan / Kazakhstan.
 */
export function transliterationKey(name: string): string {
  let s = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}]/gu, '');
  s = s
    .replace(/tsch|tch|tj/g, 'ch')
    .replace(/sch|sj|sh/g, 'sh')
    .replace(/zj|zh|dzj/g, 'zh')
    .replace(/kh|ch/g, 'k')
    .replace(/j/g, 'y')
    .replace(/y+/g, 'y')
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/iy|yi/g, 'i')
    .replace(/y$/g, 'i')
    .replace(/ck|c|q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/ph/g, 'f')
    .replace(/ou/g, 'u')
    .replace(/ff$/g, 'v')
    .replace(/z/g, 's')
    .replace(/(\p{L})\1+/gu, '$1');
  return s;
}

/** Levenshtein distance, with an early exit once it passes `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How alike two names are once transliterated (0–1): word by word, with the same number of words; 1
 * when every word has the same key.
 */
export function transliterationSimilarity(a: string, b: string): number {
  const wa = a.split(/[\s-]+/).filter(Boolean);
  const wb = b.split(/[\s-]+/).filter(Boolean);
  if (wa.length !== wb.length || wa.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < wa.length; i++) {
    const ka = transliterationKey(wa[i]!);
    const kb = transliterationKey(wb[i]!);
    if (!ka || !kb || ka[0] !== kb[0]) return 0;
    const longest = Math.max(ka.length, kb.length);
    const d = distance(ka, kb, 2);
    // Short words must agree exactly: "Li" and "Le" are different people.
    if (d > 0 && longest < 5) return 0;
    if (d > 2) return 0;
    sum += 1 - d / longest;
  }
  return sum / wa.length;
}

/** Words an acronym leaves out. */
const ACRONYM_SKIPS = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'to', 'och', 'för', 'i', 'av', 'på', 'de', 'la', 'le', 'des', 'du', 'für', 'und', 'der']);

/** The letters of an acronym, when the name is one ("CSTO", "CSTO:s", "U.S."): else null. */
export function asAcronym(name: string): string | null {
  const bare = name.replace(/:s$/, '').replace(/\./g, '');
  return /^\p{Lu}{2,8}$/u.test(bare) ? bare : null;
}

/** Initials of a name's words, with and without the little words ("of", "för") an acronym may skip. */
export function initialsOf(name: string): string[] {
  const words = name.split(/[\s-]+/).filter(Boolean);
  if (words.length < 2) return [];
  const all = words.map((w) => w[0]!.toUpperCase()).join('');
  const content = words
    .filter((w) => !ACRONYM_SKIPS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return all === content ? [all] : [content, all];
}

const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * Proposals over the project's entities. Exonyms and transliterations join entities seen in articles
 * of different languages (within one language two spellings are usually two names); an acronym joins
 * its expansion when both are mentioned in one article, most surely when the acronym follows in brackets.
 */
export function findLinks(entities: LinkEntity[], placed: PlacedMention[], text?: (articleId: number, start: number, end: number) => string): LinkCandidate[] {
  const out = new Map<string, LinkCandidate>();
  const add = (c: LinkCandidate) => {
    if (c.a === c.b) return;
    const key = pairKey(c.a, c.b);
    const seen = out.get(key);
    if (!seen || c.confidence > seen.confidence) out.set(key, c.a < c.b ? c : { ...c, a: c.b, b: c.a });
  };
  const byId = new Map(entities.map((e) => [e.id, e]));
  const crossLanguage = (x: LinkEntity, y: LinkEntity) =>
    x.languages.some((l) => !y.languages.includes(l)) || y.languages.some((l) => !x.languages.includes(l));

  // The same place under its names in two languages.
  const byPlace = new Map<string, LinkEntity[]>();
  for (const e of entities) {
    if (e.type !== 'LOC' && e.type !== 'ORG') continue;
    const keys = new Set([e.name, ...e.aliases].map(placeKey).filter((k): k is string => k !== null));
    for (const k of keys) {
      const list = byPlace.get(k) ?? [];
      list.push(e);
      byPlace.set(k, list);
    }
  }
  for (const [place, list] of byPlace) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        add({ a: x.id, b: y.id, kind: 'exonym', confidence: 0.97, evidence: `“${x.name}” and “${y.name}” are names of ${place} in the gazetteer` });
      }
    }
  }

  // Transliterations: grouped by the key of the first word, so only likely pairs are compared.
  const byInitial = new Map<string, LinkEntity[]>();
  for (const e of entities) {
    if (e.type !== 'PER' && e.type !== 'LOC') continue;
    const first = transliterationKey(e.name.split(/[\s-]+/)[0] ?? '').slice(0, 2);
    if (!first) continue;
    const list = byInitial.get(`${e.type}\t${first}`) ?? [];
    list.push(e);
    byInitial.set(`${e.type}\t${first}`, list);
  }
  for (const list of byInitial.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const x = list[i]!;
        const y = list[j]!;
        if (x.name.toLowerCase() === y.name.toLowerCase() || !crossLanguage(x, y)) continue;
        const sim = transliterationSimilarity(x.name, y.name);
        if (sim < 0.8) continue;
        const confidence = sim === 1 ? 0.9 : Math.round((0.55 + (sim - 0.8) * 1.5) * 100) / 100;
        add({ a: x.id, b: y.id, kind: 'transliteration', confidence, evidence: `“${x.name}” and “${y.name}” are the same name transliterated two ways` });
      }
    }
  }

  // Acronyms beside their expansion, article by article.
  const byArticle = new Map<number, PlacedMention[]>();
  for (const m of placed) {
    const list = byArticle.get(m.articleId) ?? [];
    list.push(m);
    byArticle.set(m.articleId, list);
  }
  for (const [articleId, list] of byArticle) {
    list.sort((p, q) => p.start - q.start);
    const acronyms = new Map<string, number>();
    for (const m of list) {
      const e = byId.get(m.entityId);
      const letters = e ? asAcronym(e.name) : null;
      if (letters) acronyms.set(letters, e!.id);
    }
    if (acronyms.size === 0) continue;
    for (let k = 0; k < list.length; k++) {
      const e = byId.get(list[k]!.entityId);
      if (!e || asAcronym(e.name)) continue;
      for (const initials of initialsOf(e.name)) {
        const acronym = acronyms.get(initials);
        if (acronym === undefined) continue;
        // "Collective Security Treaty Organization (CSTO)": the acronym introduced in brackets.
        const next = list[k + 1];
        const between = next && next.entityId === acronym && text ? text(articleId, list[k]!.end, next.start) : null;
        const bracketed = between !== null && /^\s*[(,–-]\s*$/.test(between);
        const a = byId.get(acronym)!;
        add({
          a: e.id,
          b: acronym,
          kind: 'acronym',
          confidence: bracketed ? 0.97 : 0.8,
          evidence: bracketed
            ? `“${a.name}” is introduced in brackets after “${e.name}”`
            : `“${a.name}” spells the initials of “${e.name}”, in the same article`,
        });
      }
    }
  }
  return [...out.values()].sort((p, q) => q.confidence - p.confidence);
}

const AUTO_KEY = 'entities.linkAutoApply';

/** The links as stored in the project: the last search's proposals, the rejected pairs and the auto-apply level. */
export function linkService(
  db: Db,
  deps: { entities: EntityStore; settings: { get(key: string): string | undefined; set(key: string, value: string): void } },
) {
  const proposalRows = db.prepare(`SELECT id, entity_id, other_id, kind, confidence, evidence FROM entity_link_proposals ORDER BY confidence DESC, id`);
  const rejection = db.prepare('SELECT 1 FROM entity_link_rejections WHERE name_a = ? AND name_b = ?').pluck();

  function autoApplyAbove(): number | null {
    const v = Number(deps.settings.get(AUTO_KEY));
    return deps.settings.get(AUTO_KEY) === undefined || !Number.isFinite(v) || v <= 0 ? null : v;
  }

  function list() {
    const rows = proposalRows.all() as { id: number; entity_id: number; other_id: number; kind: LinkKind; confidence: number; evidence: string }[];
    return {
      proposals: rows.map((r) => ({
        id: r.id,
        entity: deps.entities.get(r.entity_id),
        other: deps.entities.get(r.other_id),
        kind: r.kind,
        confidence: r.confidence,
        evidence: r.evidence,
      })),
      autoApplyAbove: autoApplyAbove(),
    };
  }

  /** Some name of one entity was rejected as the same as some name of the other. */
  function rejected(a: { name: string; aliases: string[] }, b: { name: string; aliases: string[] }): boolean {
    for (const x of new Set([a.name, ...a.aliases].map((n) => n.toLowerCase()))) {
      for (const y of new Set([b.name, ...b.aliases].map((n) => n.toLowerCase()))) {
        if (x !== y && rejection.get(x < y ? x : y, x < y ? y : x)) return true;
      }
    }
    return false;
  }

  /** Merges the smaller entity into the larger one; their names all become the larger one's aliases. */
  function join(x: number, y: number) {
    const a = deps.entities.get(x);
    const b = deps.entities.get(y);
    const [target, source] = a.mentionCount >= b.mentionCount ? [a, b] : [b, a];
    return deps.entities.merge(target.id, [source.id]);
  }

  /** Searches the project afresh; proposals at or above the auto-apply level are merged at once. */
  const find = writeTransaction(db, () => {
    const entityRows = db
      .prepare(
        `SELECT e.id, e.name, e.type, count(m.id) AS mentions, group_concat(DISTINCT d.language) AS languages
         FROM entities e JOIN mentions m ON m.entity_id = e.id LEFT JOIN detection_state d ON d.article_id = m.article_id
         GROUP BY e.id`,
      )
      .all() as { id: number; name: string; type: EntityType; mentions: number; languages: string | null }[];
    const aliases = new Map<number, string[]>();
    for (const r of db.prepare('SELECT entity_id, alias FROM entity_aliases').all() as { entity_id: number; alias: string }[]) {
      const list = aliases.get(r.entity_id) ?? [];
      list.push(r.alias);
      aliases.set(r.entity_id, list);
    }
    const entities: LinkEntity[] = entityRows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      aliases: aliases.get(r.id) ?? [],
      mentions: r.mentions,
      languages: r.languages ? r.languages.split(',') : [],
    }));
    const placed = db.prepare('SELECT article_id AS articleId, entity_id AS entityId, start, "end" FROM mentions').all() as PlacedMention[];
    // Offsets are UTF-16 code units, so the text is cut in JavaScript (only of articles with such a pair).
    const textOf = db.prepare('SELECT text FROM articles WHERE id = ?').pluck();
    const texts = new Map<number, string>();
    const between = (articleId: number, start: number, end: number) => {
      if (end - start > 8) return 'far';
      if (!texts.has(articleId)) texts.set(articleId, (textOf.get(articleId) as string | undefined) ?? '');
      return texts.get(articleId)!.slice(start, end);
    };
    const byId = new Map(entities.map((e) => [e.id, e]));
    const candidates = findLinks(entities, placed, between).filter((c) => !rejected(byId.get(c.a)!, byId.get(c.b)!));

    db.prepare('DELETE FROM entity_link_proposals').run();
    const threshold = autoApplyAbove();
    const insert = db.prepare('INSERT INTO entity_link_proposals (entity_id, other_id, kind, confidence, evidence, found_at) VALUES (?, ?, ?, ?, ?, ?)');
    // Entities merged by this search: later proposals follow them to where they went.
    const movedTo = new Map<number, number>();
    const where = (id: number): number => {
      let at = id;
      while (movedTo.has(at)) at = movedTo.get(at)!;
      return at;
    };
    let applied = 0;
    for (const c of candidates) {
      const a = where(c.a);
      const b = where(c.b);
      if (a === b) continue;
      if (threshold !== null && c.confidence >= threshold) {
        const merged = join(a, b);
        movedTo.set(merged.id === a ? b : a, merged.id);
        applied++;
      } else insert.run(Math.min(a, b), Math.max(a, b), c.kind, c.confidence, c.evidence, now());
    }
    return { ...list(), applied };
  });

  const proposalById = db.prepare('SELECT entity_id, other_id FROM entity_link_proposals WHERE id = ?');
  function proposal(id: number) {
    const row = proposalById.get(id) as { entity_id: number; other_id: number } | undefined;
    if (!row) throw notFound(`Link proposal ${id}`);
    return row;
  }

  const accept = writeTransaction(db, (id: number) => {
    const p = proposal(id);
    return join(p.entity_id, p.other_id);
  });

  const reject = writeTransaction(db, (id: number) => {
    const p = proposal(id);
    const a = deps.entities.get(p.entity_id).name.toLowerCase();
    const b = deps.entities.get(p.other_id).name.toLowerCase();
    if (a !== b) db.prepare('INSERT OR IGNORE INTO entity_link_rejections (name_a, name_b) VALUES (?, ?)').run(a < b ? a : b, a < b ? b : a);
    db.prepare('DELETE FROM entity_link_proposals WHERE id = ?').run(id);
    return list();
  });

  const setAutoApply = writeTransaction(db, (above: number | null) => {
    if (above !== null && !(above > 0 && above <= 1)) throw invalid('The confidence for applying links by itself lies between 0 and 1.');
    deps.settings.set(AUTO_KEY, above === null ? '0' : String(above));
    return { autoApplyAbove: autoApplyAbove() };
  });

  return { list, find, accept, reject, setAutoApply };
}

export type LinkService = ReturnType<typeof linkService>;
