// Benchmark of the entity-mention detector: start-up, size, throughput on a generated corpus, and speed
// and F1 on the English evaluation set, for the detector with its trained tagger beside the rules alone
// and `compromise` (people, places, organisations), all in the same run.
//
//   node --import tsx test/bench/detect.bench.ts [--mb 10]
//
// Every figure printed is measured in this run. Throughput is given per wall-clock second and per
// second of this process's CPU time (the machine may be shared).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '10' } } });
const targetMb = Math.max(1, Number(values.mb) || 10);

function clock() {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const c = process.cpuUsage(cpu);
    return { wallMs: performance.now() - wall, cpuMs: (c.user + c.system) / 1000 };
  };
}
const f1 = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
};
const pct = (x: number) => (100 * x).toFixed(1);

// --- Start-up: loading the module (gazetteer JSON) and createDetector() (dictionaries, tables, and the
// tagger's weights unless they are turned off).
const startImport = clock();
const { createDetector } = await import('../../main/services/entities/detect/index.ts');
const importTime = startImport();
const startRules = clock();
const rulesOnly = createDetector({ taggerWeights: null });
const rulesTime = startRules();
const startCreate = clock();
const detector = createDetector();
const createTime = startCreate();
console.log('Framelens entity detector benchmark');
console.log(`start-up: import ${importTime.wallMs.toFixed(0)} ms wall, ${importTime.cpuMs.toFixed(0)} ms CPU, then createDetector():`);
for (const [name, t] of [
  ['rules only', rulesTime],
  ['rules + tagger', createTime],
] as const) {
  console.log(
    `  ${name.padEnd(15)} ${t.wallMs.toFixed(0).padStart(4)} ms wall, ${t.cpuMs.toFixed(0).padStart(4)} ms CPU ` +
      `(with the import: ${(importTime.wallMs + t.wallMs).toFixed(0)} ms wall, ${(importTime.cpuMs + t.cpuMs).toFixed(0)} ms CPU)`,
  );
}
console.log(`  tagger languages: ${detector.taggerLanguages?.join(', ') || 'none (weights missing?)'}`);
const dataDir = new URL('../../main/services/entities/detect/data/', import.meta.url);
const sizeOf = (name: string) => (existsSync(new URL(name, dataDir)) ? statSync(new URL(name, dataDir)).size : 0);
const gazetteerBytes = sizeOf('gazetteer.json');
const taggerBytes = sizeOf('tagger.bin');
console.log(
  `size: gazetteer.json ${(gazetteerBytes / 1e6).toFixed(2)} MB, tagger.bin ${(taggerBytes / 1e6).toFixed(2)} MB ` +
    `(rules only ${(gazetteerBytes / 1e6).toFixed(2)} MB, rules + tagger ${((gazetteerBytes + taggerBytes) / 1e6).toFixed(2)} MB; dictionaries from node_modules not counted)`,
);

// --- Generated corpus: news-like Swedish and English sentences, half of them with names taken from the
// detector's own gazetteer data (a seeded generator, so every run reads the same text). That is about
// one name per 80 characters, denser than most news.
const gazetteer = (await import('../../main/services/entities/detect/data/gazetteer.json', { with: { type: 'json' } })).default as unknown as {
  countries: Record<string, Record<string, string[]>>;
  cities: string;
};
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
const given = ['Ingrid', 'Halvard', 'Margit', 'Elin', 'Tomas', 'Amira', 'Jonas', 'Sofia', 'Mikael', 'Leila', 'Olof', 'Hanna'];
const surnames = ['Lindqvist', 'Okafor', 'Hallström', 'Moreau', 'Petrenko', 'Bergkvist', 'Sandoval', 'Nakamura', 'Eklund', 'Haddad'];
const cities = gazetteer.cities
  .split('\n')
  .map((l) => l.split('\t')[0]!)
  .filter((n) => !n.includes(' '))
  .slice(0, 3000);
const countriesSv = Object.values(gazetteer.countries)
  .map((c) => c.sv?.[0])
  .filter((n): n is string => !!n && !n.includes(' '));
const countriesEn = Object.values(gazetteer.countries)
  .map((c) => c.en?.[0])
  .filter((n): n is string => !!n && !n.includes(' '));
const orgs = ['NATO', 'CSTO', 'OSSE', 'Europeiska unionen', 'Miljöpartiet', 'Kristdemokraterna', 'Utrikesdepartementet'];
const orgsEn = ['NATO', 'the European Union', 'the Labour Party', 'the Ministry of Defence', 'Reuters News', 'the World Bank'];
const svTemplates = [
  (p: string, c: string, o: string) => `Enligt ${p} har ${c} länge försökt stärka sitt inflytande i regionen, men ${o} ser det annorlunda.`,
  (p: string, c: string) => `– Det här är ett hot mot hela samarbetet, säger ${p} till tidningen efter mötet i ${c}.`,
  (p: string, c: string, o: string) => `${o}:s ledning kritiserade i går ${p.split(' ')[1]}s tal, som beskrevs som ett försök att splittra alliansen.`,
  (_p: string, c: string) => `Regeringen i ${c} meddelade på tisdagen att förhandlingarna fortsätter under hösten.`,
  (p: string, c: string) => `Utrikesministern träffade ${p} i ${c} för att diskutera gränsfrågan och de ekonomiska sanktionerna.`,
];
const enTemplates = [
  (p: string, c: string, o: string) => `According to ${p}, ${c} has long tried to strengthen its influence in the region, but ${o} disagrees.`,
  (p: string, c: string) => `"This is a threat to the whole partnership," ${p} told reporters after the meeting in ${c}.`,
  (p: string, c: string, o: string) => `${p.split(' ')[1]}'s speech was criticised by ${o} on Monday as an attempt to divide the alliance.`,
  (_p: string, c: string) => `The government in ${c} said on Tuesday that the negotiations would continue through the autumn.`,
];
// Sentences without names, as most of a news article is.
const svPlain = [
  'Beslutet väntas få stora följder för samarbetet under de kommande åren.',
  'Flera bedömare menar att talet var ett tydligt försök att pröva gränserna.',
  'Frågan har diskuterats länge utan att parterna har kommit närmare varandra.',
  'Det är fortfarande oklart hur de ekonomiska konsekvenserna ska hanteras.',
];
const enPlain = [
  'The decision is expected to have wide consequences for the partnership in the coming years.',
  'Several observers said the speech was a clear attempt to test the limits.',
  'The question has been debated for a long time without the parties moving closer.',
  'It is still unclear how the economic consequences will be handled.',
];
const articles: { text: string; language: string }[] = [];
let corpusChars = 0;
while (corpusChars < targetMb * 1_000_000) {
  const sv = rand() < 0.5;
  const sentences: string[] = [];
  let len = 0;
  while (len < 4000) {
    const person = `${pick(given)} ${pick(surnames)}`;
    const place = rand() < 0.5 ? pick(cities) : pick(sv ? countriesSv : countriesEn);
    const s = rand() < 0.5 ? pick(sv ? svPlain : enPlain) : sv ? pick(svTemplates)(person, place, pick(orgs)) : pick(enTemplates)(person, place, pick(orgsEn));
    sentences.push(s);
    len += s.length + 1;
  }
  const text = sentences.join(rand() < 0.2 ? '\n\n' : ' ');
  articles.push({ text, language: sv ? 'sv' : 'en' });
  corpusChars += text.length;
}
const corpusMb = corpusChars / 1e6;

function runCorpus(det: typeof detector, withLanguage: boolean) {
  const stop = clock();
  let mentions = 0;
  for (const a of articles) mentions += det.detect(a.text, { language: withLanguage ? a.language : null }).length;
  const t = stop();
  return { mentions, wallMbs: corpusMb / (t.wallMs / 1000), cpuMbs: corpusMb / (t.cpuMs / 1000) };
}
console.log(`generated corpus: ${corpusMb.toFixed(1)} MB in ${articles.length} articles (Swedish and English)`);
for (const [name, det] of [
  ['rules only', rulesOnly],
  ['rules + tagger', detector],
] as const) {
  // One warm-up pass over a tenth of the corpus so the figures are for the steady state.
  for (const a of articles.slice(0, Math.ceil(articles.length / 10))) det.detect(a.text, { language: a.language });
  const given1 = runCorpus(det, true);
  const auto1 = runCorpus(det, false);
  console.log(`  ${name}, language given:    ${given1.wallMbs.toFixed(2)} MB/s wall, ${given1.cpuMbs.toFixed(2)} MB/s CPU, ${given1.mentions} mentions`);
  console.log(`  ${name}, language detected: ${auto1.wallMbs.toFixed(2)} MB/s wall, ${auto1.cpuMbs.toFixed(2)} MB/s CPU, ${auto1.mentions} mentions`);
}

// --- English evaluation set, side by side with compromise.
const evalUrl = new URL('../../../shared/eval/ner/en_gold.jsonl', import.meta.url);
const evalPath = fileURLToPath(evalUrl);
if (!existsSync(evalPath)) {
  console.log(`English evaluation set not found at ${evalPath}: the side-by-side comparison with compromise is skipped.`);
  process.exit(0);
}
type Gold = { id: string; text: string; entities: { start: number; end: number; type: string }[] };
const gold = readFileSync(evalPath, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Gold);
const evalChars = gold.reduce((s, g) => s + g.text.length, 0);
type Span = { start: number; end: number; type: string };

function score(predict: (text: string) => Span[], repeat: number) {
  let tp = 0,
    tpTyped = 0,
    np = 0,
    ng = 0;
  const preds = gold.map((g) => predict(g.text));
  gold.forEach((g, i) => {
    const goldSpans = new Map(g.entities.map((e) => [`${e.start}:${e.end}`, e.type === 'GPE' ? 'LOC' : e.type]));
    ng += g.entities.length;
    for (const m of preds[i]!) {
      np++;
      const t = goldSpans.get(`${m.start}:${m.end}`);
      if (t !== undefined) {
        tp++;
        if (t === m.type) tpTyped++;
      }
    }
  });
  const stop = clock();
  for (let r = 0; r < repeat; r++) for (const g of gold) predict(g.text);
  const t = stop();
  const chars = evalChars * repeat;
  return { untyped: f1(tp, np, ng), typed: f1(tpTyped, np, ng), wallMbs: chars / 1e6 / (t.wallMs / 1000), cpuMbs: chars / 1e6 / (t.cpuMs / 1000) };
}

const ours = score((text) => detector.detect(text, { language: 'en' }), 20);
const oursRules = score((text) => rulesOnly.detect(text, { language: 'en' }), 20);

// compromise's spans may carry trailing punctuation or a possessive; trim them to the name itself.
const { default: nlp } = await import('compromise');
function compromiseSpans(text: string): Span[] {
  const doc = nlp(text);
  const out: Span[] = [];
  const groups: [string, { json(o: object): { offset: { start: number; length: number } }[] }][] = [
    ['PER', doc.people()],
    ['LOC', doc.places()],
    ['ORG', doc.organizations()],
  ];
  for (const [type, view] of groups) {
    for (const m of view.json({ offset: true, terms: false })) {
      let start = m.offset.start;
      let end = start + m.offset.length;
      while (start < end && !/[\p{L}\p{N}]/u.test(text[start]!)) start++;
      while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1]!)) end--;
      if (/['’]s$/.test(text.slice(start, end))) end -= 2;
      if (end > start) out.push({ start, end, type });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
const startCompromise = clock();
nlp('Warm up.');
const compromiseLoad = startCompromise();
const theirs = score(compromiseSpans, 3);

console.log(`English evaluation set: ${gold.length} sentences, ${(evalChars / 1000).toFixed(1)} k characters`);
console.log('                                 untyped P / R / F1        typed F1   speed (wall)   speed (CPU)');
for (const [name, s] of [
  ['Framelens, rules + tagger', ours],
  ['Framelens, rules only', oursRules],
  ['compromise', theirs],
] as const) {
  console.log(
    `  ${name.padEnd(26)} ${pct(s.untyped.p).padStart(5)} / ${pct(s.untyped.r).padStart(5)} / ${pct(s.untyped.f).padStart(5)}      ` +
      `${pct(s.typed.f).padStart(5)}     ${s.wallMbs.toFixed(2).padStart(6)} MB/s    ${s.cpuMbs.toFixed(2).padStart(6)} MB/s`,
  );
}
console.log(`  (compromise's first call took ${compromiseLoad.wallMs.toFixed(0)} ms)`);
