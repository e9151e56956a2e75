// Loads the generated gazetteer (data/gazetteer.json) and the spelling dictionaries once, into the
// lookup tables the detector uses.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import data from './data/gazetteer.json' with { type: 'json' };
import { loadLexicon, type Lexicon } from './lexicon.ts';
import type { EntityType } from './types.ts';
import type { Bloom } from './bloom.ts';

export type PlaceKind = 'country' | 'world' | 'supra' | 'region' | 'city';

export type Place = {
  type: EntityType;
  kind: PlaceKind;
  /** Preferred name per language; `en` is the fallback. */
  names: Record<string, string>;
  population: number;
};

export type LangWords = {
  stopwords: Set<string>;
  /** Lowercased capitalised words that are not names in this language (months, demonyms, …). */
  capitalisedCommon: Set<string>;
};

export type Resources = {
  /** Lowercased alias → place; multi-word aliases are also in `phrases`. */
  places: Map<string, Place>;
  /** First word of a multi-word alias (lowercased) → the remaining words of each alias. */
  phrases: Map<string, { rest: string[]; place: Place }[]>;
  givenNames: Set<string>;
  /** Lowercased place names that are also people's names ("clinton", "alice"). */
  personLikePlaces: Set<string>;
  /** Family names (lowercased), as a Bloom filter. */
  surnames: Bloom;
  langs: Map<string, LangWords>;
  lexicons: Map<string, Lexicon>;
  /** Answers about single words that do not depend on the text, kept between calls. */
  memo: Map<string, unknown>;
};

type GazetteerData = {
  langs: string[];
  countries: Record<string, Record<string, string[]>>;
  worldRegions: Record<string, Record<string, string[]>>;
  supranational: Record<string, Record<string, string[]>>;
  regions: string;
  cities: string;
  givenNames: string;
  personLikePlaces: string;
  surnames: { hashCount: number; bits: string };
  demonyms: Record<string, string[]>;
  calendarWords: Record<string, string[]>;
  languageNames: Record<string, string[]>;
  stopwords: Record<string, string[]>;
};

const gazetteer = data as unknown as GazetteerData;

/** Languages whose spelling dictionaries ship with Framelens (package dictionary-<lang>). */
export const LEXICON_LANGS = ['sv', 'en'] as const;

const KIND_RANK: Record<PlaceKind, number> = { country: 5, supra: 4, world: 3, region: 2, city: 1 };

function addPlace(res: Resources, alias: string, place: Place) {
  const key = alias.toLowerCase();
  const seen = res.places.get(key);
  if (seen) {
    const better = KIND_RANK[place.kind] > KIND_RANK[seen.kind] ||
      (place.kind === seen.kind && place.population > seen.population);
    if (!better) return;
  }
  res.places.set(key, place);
  const words = key.split(/\s+/);
  if (words.length > 1) {
    const first = words[0]!;
    const list = res.phrases.get(first) ?? [];
    const i = list.findIndex((p) => p.rest.join(' ') === words.slice(1).join(' '));
    if (i >= 0) list[i] = { rest: words.slice(1), place };
    else list.push({ rest: words.slice(1), place });
    res.phrases.set(first, list);
  }
}

function addNamed(res: Resources, table: Record<string, Record<string, string[]>>, kind: PlaceKind, type: EntityType, population: number) {
  for (const byLang of Object.values(table)) {
    const names: Record<string, string> = {};
    for (const [lang, list] of Object.entries(byLang)) if (list[0]) names[lang] = list[0];
    const place: Place = { type, kind, names, population };
    for (const list of Object.values(byLang)) {
      for (const alias of list) {
        // Catalogue forms and lowercase forms ("euroområdet") are not how names appear in text.
        if (!/^\p{Lu}/u.test(alias)) continue;
        addPlace(res, alias, place);
      }
    }
  }
}

function findDictionaryDir(lang: string, root?: string): string | null {
  const candidates: string[] = [];
  if (root) candidates.push(join(root, `dictionary-${lang}`));
  try {
    const require = createRequire(import.meta.url);
    candidates.push(dirname(require.resolve(`dictionary-${lang}`)));
  } catch {
    // Not resolvable from here (bundled app): fall back to the working directory below.
  }
  candidates.push(join(process.cwd(), 'node_modules', `dictionary-${lang}`));
  for (const dir of candidates) if (existsSync(join(dir, 'index.dic'))) return dir;
  return null;
}

export function loadResources(options: { dictionaryRoot?: string } = {}): Resources {
  const res: Resources = {
    places: new Map(), phrases: new Map(), givenNames: new Set(), personLikePlaces: new Set(),
    surnames: { bits: new Uint8Array(Buffer.from(gazetteer.surnames.bits, 'base64')), hashCount: gazetteer.surnames.hashCount },
    langs: new Map(), lexicons: new Map(), memo: new Map(),
  };

  for (const line of gazetteer.cities.split('\n')) {
    const tab = line.indexOf('\t');
    const name = line.slice(0, tab);
    addPlace(res, name, { type: 'LOC', kind: 'city', names: { en: name }, population: Number(line.slice(tab + 1)) });
  }
  for (const name of gazetteer.regions.split('\n')) {
    addPlace(res, name, { type: 'LOC', kind: 'region', names: { en: name }, population: 0 });
  }
  addNamed(res, gazetteer.worldRegions, 'world', 'LOC', 0);
  addNamed(res, gazetteer.supranational, 'supra', 'ORG', 0);
  addNamed(res, gazetteer.countries, 'country', 'LOC', 0);

  res.givenNames = new Set(gazetteer.givenNames.split('\n'));
  res.personLikePlaces = new Set(gazetteer.personLikePlaces.split('\n'));

  for (const lang of gazetteer.langs) {
    const capitalisedCommon = new Set<string>();
    for (const w of gazetteer.calendarWords[lang] ?? []) capitalisedCommon.add(w.toLowerCase());
    for (const w of gazetteer.demonyms[lang] ?? []) capitalisedCommon.add(w.toLowerCase());
    for (const w of gazetteer.languageNames[lang] ?? []) capitalisedCommon.add(w.toLowerCase());
    res.langs.set(lang, { stopwords: new Set(gazetteer.stopwords[lang] ?? []), capitalisedCommon });
  }

  for (const lang of LEXICON_LANGS) {
    const dir = findDictionaryDir(lang, options.dictionaryRoot);
    if (dir) res.lexicons.set(lang, loadLexicon(dir, { compounds: lang === 'sv' }));
  }
  return res;
}

export function stopwordLists(): Record<string, string[]> {
  return gazetteer.stopwords;
}

export function placeName(place: Place, lang: string): string {
  return place.names[lang] ?? place.names.en ?? Object.values(place.names)[0] ?? '';
}
