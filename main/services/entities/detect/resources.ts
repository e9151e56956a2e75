// Loads the generated gazetteer (data/gazetteer.json) and the spelling dictionaries once, into the
// lookup tables the detector uses.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import data from './data/gazetteer.json' with { type: 'json' };
import { loadLexicon, type Lexicon } from './lexicon.ts';
import type { EntityType } from './types.ts';
import { bloomHas, type Bloom } from './bloom.ts';

function bloomFrom(data: { hashCount: number; bits: string }): Bloom {
  return { hashCount: data.hashCount, bits: new Uint8Array(Buffer.from(data.bits, 'base64')) };
}

/** `org` and `landmark` are well-known organisations and named places that are neither towns nor regions. */
export type PlaceKind = 'country' | 'world' | 'supra' | 'org' | 'region' | 'landmark' | 'city';

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
  /** Lowercased months, weekdays and "yesterday"-like words: capitalised only where a sentence starts. */
  calendar: Set<string>;
};

/**
 * Places by lowercased alias. Countries, regions and world regions sit in a table; the ~24,000 towns
 * stay in a sorted list that is binary-searched, so start-up does not build a table for them.
 */
export class PlaceIndex {
  readonly table = new Map<string, Place>();
  private readonly cityKeys: string[];
  private readonly cityInfo: string[];
  private readonly cityPlaces = new Map<number, Place>();

  constructor(cityKeys: string, cityInfo: string) {
    this.cityKeys = cityKeys.split('\n');
    this.cityInfo = cityInfo.split('\n');
  }

  /** Index of `key` in the sorted town list, or -1. */
  private cityIndex(key: string): number {
    const keys = this.cityKeys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Recent answers about towns (binary search costs more than a lookup in a table). */
  private readonly recent = new Map<string, number>();

  private townIndex(key: string): number {
    let i = this.recent.get(key);
    if (i === undefined) {
      i = this.cityIndex(key);
      if (this.recent.size >= 50_000) this.recent.clear();
      this.recent.set(key, i);
    }
    return i;
  }

  get(key: string): Place | undefined {
    // Every kind in the table outranks a town of the same name.
    const known = this.table.get(key);
    if (known) return known;
    const i = this.townIndex(key);
    if (i < 0) return undefined;
    let place = this.cityPlaces.get(i);
    if (!place) {
      const info = this.cityInfo[i]!;
      const tab = info.indexOf('\t');
      const name = info.slice(0, tab);
      place = { type: 'LOC', kind: 'city', names: { en: name }, population: Number(info.slice(tab + 1)) };
      this.cityPlaces.set(i, place);
    }
    return place;
  }

  has(key: string): boolean {
    return this.table.has(key) || this.townIndex(key) >= 0;
  }

  /** Lowercased town names of more than one word. */
  multiWordCities(): string[] {
    return this.cityKeys.filter((k) => k.includes(' '));
  }
}

/** A set of words that may answer "yes" wrongly now and then (a Bloom filter). */
export type WordSet = { has(word: string): boolean };

export type Resources = {
  places: PlaceIndex;
  /** First word of a multi-word alias (lowercased) → the remaining words of each alias. */
  phrases: Map<string, string[][]>;
  /** Lowercased given names (Bloom filter, 0.1 % wrong "yes"). */
  givenNames: WordSet;
  /** Lowercased place names that are also people's names ("clinton", "alice"). */
  personLikePlaces: Set<string>;
  /** Family names (lowercased), as a Bloom filter. */
  surnames: Bloom;
  /** Lowercased names of people known by one name ("banksy"). */
  knownPeople: Set<string>;
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
  organisations: string;
  landmarks: string;
  knownPeople: string;
  cityKeys: string;
  cities: string;
  givenNames: { hashCount: number; bits: string };
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

const KIND_RANK: Record<PlaceKind, number> = { country: 7, supra: 6, world: 5, org: 4, region: 3, landmark: 2, city: 1 };

const phraseKeys = new WeakMap<Resources, Set<string>>();

function addPhrase(res: Resources, key: string) {
  const space = key.indexOf(' ');
  if (space < 0) return;
  let seen = phraseKeys.get(res);
  if (!seen) phraseKeys.set(res, (seen = new Set()));
  if (seen.has(key)) return;
  seen.add(key);
  const first = key.slice(0, space);
  const rest = key.slice(space + 1).split(' ');
  const list = res.phrases.get(first);
  if (list) list.push(rest);
  else res.phrases.set(first, [rest]);
}

function addPlace(res: Resources, alias: string, place: Place) {
  const key = alias.toLowerCase();
  const seen = res.places.table.get(key);
  if (seen && !(KIND_RANK[place.kind] > KIND_RANK[seen.kind] || (place.kind === seen.kind && place.population > seen.population))) return;
  res.places.table.set(key, place);
  addPhrase(res, key);
}

function addNamed(res: Resources, table: Record<string, Record<string, string[]>>, kind: PlaceKind, type: EntityType, population: number) {
  for (const byLang of Object.values(table)) {
    const names: Record<string, string> = {};
    for (const [lang, list] of Object.entries(byLang)) if (list[0]) names[lang] = list[0];
    const place: Place = { type, kind, names, population };
    for (const list of Object.values(byLang)) {
      for (const alias of list) {
        // Lowercase forms ("euroområdet") are not how names appear in text.
        const c = alias.charCodeAt(0);
        if (alias[0] === alias[0]!.toLowerCase() && !(c >= 65 && c <= 90)) continue;
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
  const surnames = bloomFrom(gazetteer.surnames);
  const given = bloomFrom(gazetteer.givenNames);
  const res: Resources = {
    places: new PlaceIndex(gazetteer.cityKeys, gazetteer.cities),
    phrases: new Map(),
    givenNames: { has: (w) => bloomHas(given, w) },
    personLikePlaces: new Set(),
    surnames,
    knownPeople: new Set(),
    langs: new Map(),
    lexicons: new Map(),
    memo: new Map(),
  };
  for (const key of res.places.multiWordCities()) addPhrase(res, key);
  for (const name of gazetteer.regions.split('\n')) {
    addPlace(res, name, { type: 'LOC', kind: 'region', names: { en: name }, population: 0 });
  }
  for (const name of gazetteer.landmarks.split('\n')) {
    addPlace(res, name, { type: 'LOC', kind: 'landmark', names: {}, population: 0 });
  }
  for (const name of gazetteer.organisations.split('\n')) {
    addPlace(res, name, { type: 'ORG', kind: 'org', names: {}, population: 0 });
  }
  addNamed(res, gazetteer.worldRegions, 'world', 'LOC', 0);
  addNamed(res, gazetteer.supranational, 'supra', 'ORG', 0);
  addNamed(res, gazetteer.countries, 'country', 'LOC', 0);

  res.personLikePlaces = new Set(gazetteer.personLikePlaces.split('\n'));
  res.knownPeople = new Set(gazetteer.knownPeople.split('\n'));

  for (const lang of gazetteer.langs) {
    const calendar = new Set((gazetteer.calendarWords[lang] ?? []).map((w) => w.toLowerCase()));
    const capitalisedCommon = new Set<string>(calendar);
    for (const w of gazetteer.demonyms[lang] ?? []) capitalisedCommon.add(w.toLowerCase());
    for (const w of gazetteer.languageNames[lang] ?? []) capitalisedCommon.add(w.toLowerCase());
    res.langs.set(lang, { stopwords: new Set(gazetteer.stopwords[lang] ?? []), capitalisedCommon, calendar });
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

/** The place's name in `lang`; '' for organisations and landmarks, whose lists keep only lowercase keys. */
export function placeName(place: Place, lang: string): string {
  return place.names[lang] ?? place.names.en ?? Object.values(place.names)[0] ?? '';
}
