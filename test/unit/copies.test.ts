// Near-duplicate detection: shingles and similarity checked by hand, families and their originals, and
// precision and recall on a generated set of wire stories, their edited copies and hard negatives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BINS,
  bandsFor,
  candidateProbability,
  containment,
  findCopyFamilies,
  jaccard,
  jaccardFloor,
  shingleSet,
  signature,
  similarity,
  type CopyArticle,
  type CopyFamilies,
} from '../../main/services/copies/minhash.ts';
import { UnionFind } from '../../main/services/copies/families.ts';

// --- A generated test set -------------------------------------------------------------------------

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const pickFrom = <T>(xs: readonly T[], rnd: Rnd): T => xs[Math.floor(rnd() * xs.length)]!;
const between = (lo: number, hi: number, rnd: Rnd) => lo + Math.floor(rnd() * (hi - lo + 1));
function shuffle<T>(xs: T[], rnd: Rnd): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

interface Topic {
  subjects: string[];
  objects: string[];
}
interface Lexicon {
  topics: Topic[];
  verbs: string[];
  adverbials: string[];
  joins: string[];
  quotes: string[];
  speakers: string[];
  says: string[];
  numbers: string[];
  bylines: string[];
  words: string[];
}

const sv: Lexicon = {
  topics: [
    {
      subjects: [
        'Regeringen',
        'Oppositionen',
        'Finansministern',
        'Statsministern',
        'Riksdagen',
        'Socialdemokraterna',
        'Moderaterna',
        'Centerpartiet',
        'Liberalerna',
        'Vänsterpartiet',
      ],
      objects: [
        'skatten på pensioner',
        'budgeten för skolan',
        'bidraget till kommunerna',
        'reformen av a-kassan',
        'försvarsanslaget',
        'bensinskatten',
        'stödet till barnfamiljer',
        'den nya migrationslagen',
        'utredningen om vinster i välfärden',
        'förslaget om sänkt moms',
      ],
    },
    {
      subjects: [
        'Polisen',
        'Åklagaren',
        'Tingsrätten',
        'Kriminalvården',
        'En 34-årig man',
        'Försvaret',
        'Hovrätten',
        'Tullverket',
        'Räddningstjänsten',
        'Utredarna',
      ],
      objects: [
        'misstankarna om grovt bedrägeri',
        'häktningen av den misstänkte',
        'skjutningen i förorten',
        'utredningen om mordbranden',
        'beslaget av narkotika',
        'åtalet för grov misshandel',
        'gripandet i natt',
        'rånet mot värdetransporten',
        'vittnesmålen från grannarna',
        'övervakningsfilmen från stationen',
      ],
    },
    {
      subjects: [
        'Naturvårdsverket',
        'Klimatministern',
        'SMHI',
        'Forskarna vid Lunds universitet',
        'Länsstyrelsen',
        'Energimyndigheten',
        'Skogsstyrelsen',
        'Miljöorganisationerna',
        'Vattenfall',
        'Kommunerna i norr',
      ],
      objects: [
        'utsläppen av koldioxid',
        'elpriset i södra Sverige',
        'torkan i jordbruket',
        'översvämningarna längs kusten',
        'vindkraften till havs',
        'skyddet av gammal skog',
        'laddstolparna längs vägarna',
        'klimatmålen till 2045',
        'bränderna i Hälsingland',
        'prognosen för vårfloden',
      ],
    },
    {
      subjects: [
        'Riksbanken',
        'Konjunkturinstitutet',
        'Volvo',
        'Arbetsförmedlingen',
        'Svenskt Näringsliv',
        'Facket',
        'Handelsbanken',
        'Ekonomerna',
        'Bostadsbolagen',
        'Statistiska centralbyrån',
      ],
      objects: [
        'styrräntan',
        'inflationen i mars',
        'arbetslösheten bland unga',
        'varslen inom industrin',
        'bolåneräntorna',
        'kronans värde',
        'lönerna i avtalsrörelsen',
        'exporten till Tyskland',
        'bostadspriserna i Stockholm',
        'hushållens skulder',
      ],
    },
  ],
  verbs: [
    'vill sänka',
    'föreslår',
    'kritiserar',
    'avvisar',
    'presenterar',
    'utreder',
    'satsar på',
    'stoppar',
    'höjer',
    'granskar',
    'försvarar',
    'skjuter upp',
    'ifrågasätter',
    'välkomnar',
    'varnar för',
  ],
  adverbials: [
    'redan i höst',
    'under nästa år',
    'enligt ett pressmeddelande',
    'efter kritik från flera håll',
    'i den nya rapporten',
    'trots protester',
    'senast i juni',
    'för första gången sedan 2014',
    'i en debattartikel i DN',
    'enligt uppgifter till TT',
    'på tisdagen',
    'under helgen',
    'vid en presskonferens',
    'i Ekots lördagsintervju',
    'efter flera års förhandlingar',
  ],
  joins: ['och', 'men', 'samtidigt som', 'eftersom', 'medan'],
  quotes: [
    'Det här är ett viktigt steg för hela landet',
    'Vi kan inte vänta längre',
    'Jag är djupt oroad över utvecklingen',
    'Det finns inga enkla lösningar',
    'Vi har gjort allt vi kan',
    'Det är för tidigt att säga något om orsaken',
    'Vi tar det här på största allvar',
    'Beslutet kommer att drabba de som har minst',
    'Det är en seger för sunt förnuft',
    'Vi kommer att följa frågan noga',
  ],
  speakers: ['Anna Lindqvist', 'Per Holm', 'Maria Ek', 'Johan Berg', 'Sara Nyström', 'Erik Sandberg', 'Lena Ahlgren', 'Mats Öberg'],
  says: ['säger %s till TT', 'säger %s', 'skriver %s i ett mejl', 'säger %s till Ekot'],
  numbers: ['tolv procent', '340 miljoner kronor', 'två miljarder kronor', 'drygt 800 personer', 'nära hälften', 'tre av fyra', 'fem år', '17 kommuner'],
  bylines: ['Av Anna Lindqvist/TT', 'STOCKHOLM (TT)', 'Av Per Holm, TT', 'GÖTEBORG (TT)'],
  words: ['staten', 'frågan', 'landet', 'beslutet', 'läget', 'våren', 'hösten', 'vägen', 'planen', 'kritiken', 'kostnaden', 'väljarna', 'siffran', 'mötet'],
};

const en: Lexicon = {
  topics: [
    {
      subjects: [
        'The government',
        'The opposition',
        'The finance minister',
        'The prime minister',
        'Parliament',
        'Labour',
        'The Conservatives',
        'The Liberal Democrats',
        'The city council',
        'The treasury',
      ],
      objects: [
        'the tax on pensions',
        'the school budget',
        'the grant to local councils',
        'the welfare reform',
        'the defence budget',
        'the fuel duty',
        'support for young families',
        'the new asylum law',
        'the inquiry into care homes',
        'the plan to cut VAT',
      ],
    },
    {
      subjects: [
        'The police',
        'The prosecutor',
        'The district court',
        'The prison service',
        'A 34-year-old man',
        'The coastguard',
        'The appeals court',
        'Customs officers',
        'The fire brigade',
        'Investigators',
      ],
      objects: [
        'the fraud allegations',
        'the detention of the suspect',
        'the shooting in the suburb',
        'the arson investigation',
        'the drug seizure',
        'the assault charges',
        'the arrest overnight',
        'the robbery of the cash van',
        'the testimony of neighbours',
        'the footage from the station',
      ],
    },
    {
      subjects: [
        'The environment agency',
        'The climate minister',
        'The met office',
        'Researchers at Oxford',
        'The regional authority',
        'The energy regulator',
        'The forestry commission',
        'Environmental groups',
        'The utility',
        'Councils in the north',
      ],
      objects: [
        'carbon emissions',
        'electricity prices in the south',
        'the drought on farms',
        'the flooding along the coast',
        'offshore wind power',
        'the protection of old forests',
        'charging points along motorways',
        'the climate targets for 2045',
        'the wildfires in the highlands',
        'the forecast for the spring floods',
      ],
    },
    {
      subjects: [
        'The central bank',
        'The statistics office',
        'The carmaker',
        'The employment agency',
        'The business lobby',
        'The union',
        'The bank',
        'Economists',
        'Housing associations',
        'The trade ministry',
      ],
      objects: [
        'the interest rate',
        'inflation in March',
        'youth unemployment',
        'the layoffs in manufacturing',
        'mortgage rates',
        'the value of the pound',
        'wages in the pay round',
        'exports to Germany',
        'house prices in London',
        'household debt',
      ],
    },
  ],
  verbs: [
    'plans to cut',
    'has proposed',
    'criticised',
    'rejected',
    'unveiled',
    'is investigating',
    'is betting on',
    'blocked',
    'raised',
    'is reviewing',
    'defended',
    'postponed',
    'questioned',
    'welcomed',
    'warned against',
  ],
  adverbials: [
    'as early as this autumn',
    'over the next year',
    'according to a statement',
    'after criticism from several quarters',
    'in the new report',
    'despite protests',
    'by June at the latest',
    'for the first time since 2014',
    'in an opinion piece on Sunday',
    'according to people familiar with the matter',
    'on Tuesday',
    'over the weekend',
    'at a news conference',
    'in a radio interview',
    'after years of negotiations',
  ],
  joins: ['and', 'but', 'while', 'because', 'even though'],
  quotes: [
    'This is an important step for the whole country',
    'We cannot wait any longer',
    'I am deeply concerned about what is happening',
    'There are no easy answers',
    'We have done everything we can',
    'It is too early to say anything about the cause',
    'We take this extremely seriously',
    'The decision will hurt those who have the least',
    'This is a victory for common sense',
    'We will follow the matter closely',
  ],
  speakers: ['Anna Lindqvist', 'Peter Holmes', 'Mary Eccles', 'John Burke', 'Sarah Newton', 'Eric Sanders', 'Helen Ashford', 'Matt Oakley'],
  says: ['%s told Reuters', '%s said', '%s wrote in an email', '%s told the BBC'],
  numbers: ['twelve percent', '340 million pounds', 'two billion dollars', 'more than 800 people', 'nearly half', 'three in four', 'five years', '17 councils'],
  bylines: ['LONDON (Reuters) -', 'By Peter Holmes, AP', 'WASHINGTON (AP)', 'By Mary Eccles | Reuters'],
  words: [
    'the state',
    'the issue',
    'the country',
    'the decision',
    'the situation',
    'the spring',
    'the autumn',
    'the road',
    'the plan',
    'the criticism',
    'the cost',
    'voters',
    'the figure',
    'the meeting',
  ],
};

/** A clause: subject, verb, object and one or two adverbials or a figure. */
function clause(lex: Lexicon, topic: Topic, rnd: Rnd, lower: boolean): string {
  const subject = pickFrom(topic.subjects, rnd);
  const parts = [lower ? subject.toLowerCase() : subject, pickFrom(lex.verbs, rnd), pickFrom(topic.objects, rnd)];
  if (rnd() < 0.7) parts.push(pickFrom(lex.adverbials, rnd));
  if (rnd() < 0.4) parts.push(lex === sv ? `med ${pickFrom(lex.numbers, rnd)}` : `by ${pickFrom(lex.numbers, rnd)}`);
  return parts.join(' ');
}

/** A sentence: one or two clauses, or a quote with its speaker (quotes written with ASCII "). */
function sentence(lex: Lexicon, topic: Topic, rnd: Rnd): string {
  if (rnd() < 0.2) {
    const say = pickFrom(lex.says, rnd).replace('%s', pickFrom(lex.speakers, rnd));
    return `"${pickFrom(lex.quotes, rnd)} ${pickFrom(lex.adverbials, rnd)}", ${say}.`;
  }
  let s = clause(lex, topic, rnd, false);
  if (rnd() < 0.6) s += `, ${pickFrom(lex.joins, rnd)} ${clause(lex, topic, rnd, true)}`;
  return `${s}.`;
}

/** An article: a byline, then paragraphs of sentences. */
interface Story {
  lex: Lexicon;
  topic: Topic;
  byline: string;
  paragraphs: string[][];
}

function paragraph(lex: Lexicon, topic: Topic, rnd: Rnd): string[] {
  return Array.from({ length: between(1, 4, rnd) }, () => sentence(lex, topic, rnd));
}

function render(story: Story): string {
  return [story.byline, ...story.paragraphs.map((p) => p.join(' '))].join('\n\n');
}

function story(lex: Lexicon, topic: Topic, rnd: Rnd, chars: number): Story {
  const s: Story = { lex, topic, byline: pickFrom(lex.bylines, rnd), paragraphs: [] };
  while (render(s).length < chars) s.paragraphs.push(paragraph(lex, topic, rnd));
  return s;
}

const copyStory = (s: Story): Story => ({ ...s, paragraphs: s.paragraphs.map((p) => [...p]) });

/** The edits outlets make to a wire story. */
const EDITS = {
  reorder(s: Story, rnd: Rnd) {
    for (const p of s.paragraphs) if (p.length > 1 && rnd() < 0.7) shuffle(p, rnd);
  },
  addParagraph(s: Story, rnd: Rnd) {
    s.paragraphs.splice(between(1, s.paragraphs.length, rnd), 0, paragraph(s.lex, s.topic, rnd));
  },
  cutParagraph(s: Story, rnd: Rnd) {
    s.paragraphs.splice(between(0, s.paragraphs.length - 1, rnd), 1);
  },
  byline(s: Story, rnd: Rnd) {
    s.byline =
      s.lex === sv
        ? `Publicerad ${between(6, 22, rnd)}.${between(10, 59, rnd)} | Uppdaterad i dag`
        : `Published ${between(6, 22, rnd)}:${between(10, 59, rnd)} GMT | Updated today`;
  },
  substitute(s: Story, rnd: Rnd) {
    for (let n = between(2, 6, rnd); n > 0; n--) {
      const p = s.paragraphs[Math.floor(rnd() * s.paragraphs.length)]!;
      const i = Math.floor(rnd() * p.length);
      const words = p[i]!.split(' ');
      words[Math.floor(rnd() * words.length)] = pickFrom(s.lex.words, rnd);
      p[i] = words.join(' ');
    }
  },
  punctuation(s: Story, rnd: Rnd) {
    const [open, close] = pickFrom(
      [
        ['\u201d', '\u201d'],
        ['\u201c', '\u201d'],
        ['\u00ab', '\u00bb'],
        ['\u2013 ', ''],
      ],
      rnd,
    );
    s.paragraphs = s.paragraphs.map((p) =>
      p.map((x) =>
        x
          .replace(/"([^"]*)"/g, `${open}$1${close}`)
          .replace(/, (och|men|and|but) /g, ' $1 ')
          .replace(/-/g, '\u2011'),
      ),
    );
  },
} satisfies Record<string, (s: Story, rnd: Rnd) => void>;
type Edit = keyof typeof EDITS;
const EDIT_NAMES = Object.keys(EDITS) as Edit[];

interface TestSet {
  articles: CopyArticle[];
  /** copy id → original id */
  truth: Map<number, number>;
  edits: Map<number, Edit[]>;
  /** Pairs of articles on one topic that share a sentence or a paragraph but are not copies. */
  near: [number, number][];
}

const day = (d: number) => new Date(Date.UTC(2024, 2, 1 + d)).toISOString().slice(0, 10);

function testSet(seed: number): TestSet {
  const rnd = random(seed);
  const originals: { id: number; story: Story; date: number }[] = [];
  const articles: CopyArticle[] = [];
  const truth = new Map<number, number>();
  const edits = new Map<number, Edit[]>();
  const near: [number, number][] = [];
  let id = 0;
  const add = (text: string, publishedAt: string | null) => {
    articles.push({ id: ++id, text, publishedAt });
    return id;
  };
  for (let i = 0; i < 300; i++) {
    const lex = i % 2 ? en : sv;
    const s = story(lex, pickFrom(lex.topics, rnd), rnd, between(2000, 4000, rnd));
    const date = between(0, 60, rnd);
    originals.push({ id: add(render(s), day(date)), story: s, date });
  }
  // Edited copies of 100 originals: one to three each, published the same day or later, or undated.
  for (const o of originals.slice(0, 100)) {
    for (let c = between(1, 3, rnd); c > 0; c--) {
      const kinds = rnd() < 0.5 ? [pickFrom(EDIT_NAMES, rnd)] : shuffle([...EDIT_NAMES], rnd).slice(0, between(2, 4, rnd));
      const s = copyStory(o.story);
      for (const k of kinds) EDITS[k](s, rnd);
      const copy = add(render(s), rnd() < 0.1 ? null : day(o.date + between(0, 2, rnd)));
      truth.set(copy, o.id);
      edits.set(copy, kinds);
    }
  }
  // Hard negatives: new stories on the same topic in the same words, some sharing a quoted sentence or
  // a background paragraph with an original, as independent reports and follow-ups do.
  for (const o of originals.slice(50, 250)) {
    const s = story(o.story.lex, o.story.topic, rnd, between(2000, 4000, rnd));
    const shared = rnd();
    if (shared < 0.3) s.paragraphs[0]!.push(pickFrom(o.story.paragraphs, rnd)[0]!);
    else if (shared < 0.6) s.paragraphs.splice(1, 0, [...pickFrom(o.story.paragraphs, rnd)]);
    else if (shared < 0.8) s.paragraphs.splice(1, 0, ...o.story.paragraphs.slice(0, 2).map((p) => [...p]));
    near.push([o.id, add(render(s), day(o.date + 1))]);
  }
  // Short texts: captions, corrections and stubs of under five words, a few repeated, and single sentences.
  const stubs = ['Foto: TT', 'Rättelse', 'Photo: Reuters', 'Polisen larmades i natt', 'Läs mer här'];
  for (let i = 0; i < 30; i++) add(pickFrom(stubs, rnd), i % 3 ? day(i) : null);
  const lines = new Set<string>();
  while (lines.size < 10) {
    const lex = pickFrom([sv, en], rnd);
    lines.add(sentence(lex, pickFrom(lex.topics, rnd), rnd));
  }
  for (const line of lines) add(line, null);
  return { articles, truth, edits, near };
}

/** Predicted pairs (copy → the original of its family). */
function predicted(result: CopyFamilies): Map<number, number> {
  const pairs = new Map<number, number>();
  for (const f of result.families) for (const c of f.copies) pairs.set(c, f.original);
  return pairs;
}

function score(result: CopyFamilies, truth: Map<number, number>) {
  const found = predicted(result);
  let right = 0;
  for (const [copy, original] of found) if (truth.get(copy) === original) right++;
  return { precision: found.size ? right / found.size : 1, recall: truth.size ? right / truth.size : 1, found };
}

const fixed = (x: number, digits = 3) => x.toFixed(digits);

// --- The generated set ----------------------------------------------------------------------------

test('generated wire stories: recall and precision of copy pairs at the default threshold are at least 0.95', (t) => {
  const set = testSet(20240301);
  const start = performance.now();
  const result = findCopyFamilies(set.articles);
  const ms = performance.now() - start;
  const { precision, recall, found } = score(result, set.truth);
  t.diagnostic(
    `${set.articles.length} articles, ${set.truth.size} copies of 100 originals, ${set.near.length} hard negatives; ` +
      `${result.families.length} families, ${result.candidates} candidate pairs, ${result.pairsChecked} checked, ${fixed(ms, 0)} ms`,
  );
  t.diagnostic(`precision ${fixed(precision)}, recall ${fixed(recall)}`);
  for (const kind of EDIT_NAMES) {
    const copies = [...set.edits].filter(([, kinds]) => kinds.includes(kind)).map(([copy]) => copy);
    const hit = copies.filter((c) => found.get(c) === set.truth.get(c)).length;
    t.diagnostic(`  copies with "${kind}": ${hit} of ${copies.length} found`);
  }
  const sims = (pairs: [number, number][]) => pairs.map(([a, b]) => similarity(signature(text(set, a)).shingles, signature(text(set, b)).shingles));
  const copySims = sims([...set.truth]);
  const nearSims = sims(set.near);
  t.diagnostic(
    `similarity of copies to their originals: min ${fixed(Math.min(...copySims))}, median ${fixed(median(copySims))}; ` +
      `of hard negatives: max ${fixed(Math.max(...nearSims))}, median ${fixed(median(nearSims))}`,
  );
  const jaccards = [...set.truth].map(([a, b]) => jaccard(signature(text(set, a)).shingles, signature(text(set, b)).shingles));
  t.diagnostic(
    `Jaccard of copies to their originals: min ${fixed(Math.min(...jaccards))}; under 0.8: ${jaccards.filter((j) => j < 0.8).length} of ${jaccards.length}`,
  );
  assert.ok(recall >= 0.95, `recall ${recall}`);
  assert.ok(precision >= 0.95, `precision ${precision}`);
  // No stub of under five words is in a family.
  const shortIds = new Set(set.articles.filter((a) => 'text' in a && a.text.split(' ').length < 5).map((a) => a.id));
  for (const f of result.families) for (const m of [f.original, ...f.copies]) assert.ok(!shortIds.has(m), `short text ${m} in a family`);
});

const text = (set: TestSet, id: number) => {
  const a = set.articles[id - 1]!;
  return 'text' in a ? a.text : '';
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('stored signatures give the same families as the texts', () => {
  const set = testSet(7);
  const some = set.articles.slice(0, 420);
  const fromText = findCopyFamilies(some);
  const mixed = some.map((a, i) => (i % 2 && 'text' in a ? { id: a.id, publishedAt: a.publishedAt, signature: signature(a.text) } : a));
  const fromSignatures = findCopyFamilies(mixed);
  assert.deepEqual(fromSignatures.families, fromText.families);
  assert.ok(fromText.families.length > 0);
});

// --- Shingles and similarity by hand --------------------------------------------------------------

test('shingles: five words within a sentence; a shorter sentence is one shingle', () => {
  assert.equal(shingleSet('one two three four five six seven').shingles.length, 3);
  // Two full shingles in the first sentence, the two-word sentence as one.
  assert.equal(shingleSet('one two three four five six. Seven eight').shingles.length, 3);
  // A blank line ends a sentence; a single line break does not.
  assert.equal(shingleSet('one two three\n\nfour five six seven').shingles.length, 2);
  assert.equal(shingleSet('one two three\nfour five six seven').shingles.length, 3);
  // Repeats count once.
  assert.equal(shingleSet('a b c d e. a b c d e. A B C D E!').shingles.length, 1);
});

test('Jaccard and containment of two small texts, computed by hand', () => {
  // A: {1-5, 2-6, 3-7}; B: {1-5, 2-6, 3-6+eight}. Two shared of four in all: Jaccard 2/4; containment 2/3.
  const a = shingleSet('one two three four five six seven').shingles;
  const b = shingleSet('one two three four five six eight').shingles;
  assert.equal(jaccard(a, b), 0.5);
  assert.equal(containment(a, b), 2 / 3);
  assert.equal(similarity(a, b), 2 / 3);
  // C is A with a sentence added: all of A is in C, so containment is 1 and Jaccard 3/5.
  const c = shingleSet('one two three four five six seven. Eight nine ten eleven twelve thirteen').shingles;
  assert.equal(jaccard(a, c), 3 / 5);
  assert.equal(similarity(a, c), 1);
  // D holds A but is more than twice as long: too long to be a copy, whatever the containment.
  const d = shingleSet('one two three four five six seven. Eight nine ten eleven twelve thirteen fourteen fifteen sixteen').shingles;
  assert.equal(d.length, 8);
  assert.equal(containment(a, d), 1);
  assert.equal(similarity(a, d), 0);
});

test('case, quote style, dashes, decomposed letters and soft hyphens do not change shingles; sentence order does not either', () => {
  const base = shingleSet('"Förhandlingarna är över", säger EU-kommissionären. Nästa möte blir i maj i Bryssel.').shingles;
  const variants = [
    '\u201dFörhandlingarna är över\u201d, säger EU\u2011kommissionären. Nästa möte blir i maj i Bryssel.',
    '\u2013 FÖRHANDLINGARNA ÄR ÖVER, säger EU-kommissionären. Nästa möte blir i maj i Bryssel!',
    '«Fo\u0308rhandlingarna är över», säger EU-kommissiona\u0308ren. Nästa möte blir i maj i Bryssel.',
    '"För\u00adhandlingarna är över", säger EU-kommissionären... Nästa möte blir i maj i Bryssel.',
    'Nästa möte blir i maj i Bryssel. "Förhandlingarna är över", säger EU-kommissionären.',
  ];
  for (const v of variants) assert.deepEqual(shingleSet(v).shingles, base, v);
});

// --- Families -------------------------------------------------------------------------------------

const wireStory = (seed: number) => render(story(sv, sv.topics[0]!, random(seed), 2500));

test("a family's original is the earliest: dated before undated, ties broken by id", () => {
  const t1 = wireStory(1);
  const result = findCopyFamilies([
    { id: 5, text: t1, publishedAt: '2024-03-02' },
    { id: 3, text: t1, publishedAt: null },
    { id: 9, text: t1, publishedAt: '2024-03-01' },
    { id: 2, text: t1, publishedAt: '2024-03-01T00:00:00Z' },
    { id: 8, text: t1, publishedAt: 'not a date' },
  ]);
  assert.equal(result.families.length, 1);
  assert.equal(result.families[0]!.original, 2);
  assert.deepEqual(result.families[0]!.copies, [9, 5, 3, 8]);
  assert.deepEqual([...result.families[0]!.similarity.values()], [1, 1, 1, 1]);
  // Undated only: the lowest id.
  const undated = findCopyFamilies([
    { id: 7, text: t1, publishedAt: null },
    { id: 4, text: t1, publishedAt: null },
  ]);
  assert.equal(undated.families[0]!.original, 4);
});

/** Sentences of six distinct words each, so each gives two shingles of its own. */
const sentences = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => {
    const n = from + i;
    return `Word${n}a word${n}b word${n}c word${n}d word${n}e word${n}f.`;
  }).join(' ');

test('union-find joins a chain A~B~C into one family, though A and C are not alike', () => {
  const sets = new UnionFind(4);
  assert.equal(sets.union(0, 1), true);
  assert.equal(sets.union(1, 2), true);
  assert.equal(sets.union(0, 2), false);
  assert.equal(sets.find(2), sets.find(0));
  assert.notEqual(sets.find(3), sets.find(0));

  // B drops A's first three sentences and adds three; C does so again. A~B and B~C share 17 of 20, A~C 14.
  const a = sentences(0, 20);
  const b = sentences(3, 23);
  const c = sentences(6, 26);
  assert.equal(similarity(shingleSet(a).shingles, shingleSet(b).shingles), 0.85);
  assert.equal(similarity(shingleSet(a).shingles, shingleSet(c).shingles), 0.7);
  const result = findCopyFamilies([
    { id: 1, text: a, publishedAt: '2024-01-01' },
    { id: 2, text: b, publishedAt: '2024-01-02' },
    { id: 3, text: c, publishedAt: '2024-01-03' },
  ]);
  assert.equal(result.families.length, 1);
  const [family] = result.families;
  assert.equal(family!.original, 1);
  assert.deepEqual(family!.copies, [2, 3]);
  // C is under the threshold against the original, so its similarity is that of the pair it joined by.
  assert.deepEqual(
    [...family!.similarity],
    [
      [2, 0.85],
      [3, 0.85],
    ],
  );
});

test('a story copied 150 times is one family, verified in linear time', () => {
  const copied = wireStory(5);
  const articles: CopyArticle[] = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, text: copied, publishedAt: day(i % 7) }));
  for (let i = 0; i < 20; i++) articles.push({ id: 200 + i, text: wireStory(100 + i), publishedAt: null });
  const result = findCopyFamilies(articles);
  assert.equal(result.families.length, 1);
  assert.equal(result.families[0]!.copies.length, 149);
  assert.equal(result.families[0]!.original, 1);
  // All pairs would be 11,175; a crowded bucket offers only its first article's.
  assert.ok(result.pairsChecked < 2 * 150, `${result.pairsChecked} checked`);
});

test('the threshold decides: a copy sharing 85% is found at 0.8 and 0.85 but not at 0.9', () => {
  const articles = [
    { id: 1, text: sentences(0, 20), publishedAt: '2024-01-01' },
    { id: 2, text: sentences(3, 23), publishedAt: '2024-01-02' },
  ];
  assert.equal(findCopyFamilies(articles).families.length, 1);
  assert.equal(findCopyFamilies(articles, { threshold: 0.85 }).families.length, 1);
  assert.equal(findCopyFamilies(articles, { threshold: 0.9 }).families.length, 0);
  assert.equal(findCopyFamilies(articles, { threshold: 0.5 }).families[0]!.similarity.get(2), 0.85);
  assert.throws(() => findCopyFamilies(articles, { threshold: 0 }), /threshold/);
  assert.throws(() => findCopyFamilies(articles, { threshold: 1.5 }), /threshold/);
});

test('on the generated set a lower threshold finds no fewer copies and a higher one no more', () => {
  const set = testSet(99);
  const counts = [0.6, 0.8, 0.95].map((threshold) => predicted(findCopyFamilies(set.articles, { threshold })).size);
  assert.ok(counts[0]! >= counts[1]! && counts[1]! >= counts[2]!, counts.join(' '));
  assert.ok(counts[2]! < counts[1]!, counts.join(' '));
});

test('an empty text, or one of fewer than five words, never pairs, not even with the same text', () => {
  const result = findCopyFamilies([
    { id: 1, text: '', publishedAt: null },
    { id: 2, text: '', publishedAt: null },
    { id: 3, text: 'Foto: TT', publishedAt: null },
    { id: 4, text: 'Foto: TT', publishedAt: null },
    { id: 5, text: 'One two three four.', publishedAt: null },
    { id: 6, text: 'One two three four.', publishedAt: null },
    { id: 7, text: '  ...  \n\n  ', publishedAt: null },
  ]);
  assert.deepEqual(result.families, []);
  assert.deepEqual(signature(''), { minhash: new Uint32Array(0), shingles: new Uint32Array(0) });
  // Five words are enough.
  const five = findCopyFamilies([
    { id: 1, text: 'Polisen larmades till Centralen i natt.', publishedAt: null },
    { id: 2, text: 'Polisen larmades till Centralen i natt.', publishedAt: null },
  ]);
  assert.equal(five.families.length, 1);
});

test('progress reaches the total, for an array and for a generator', () => {
  const set = testSet(3);
  const calls: [number, number][] = [];
  findCopyFamilies(set.articles, { onProgress: (done, total) => calls.push([done, total]) });
  const last = calls.at(-1)!;
  assert.equal(last[0], last[1]);
  assert.equal(last[1], set.articles.length + bandsFor(0.8, BINS).bands);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] >= calls[i - 1]![0]);
  for (const [done, total] of calls) assert.ok(done <= total);

  const streamed: [number, number][] = [];
  function* rows() {
    yield* set.articles;
  }
  findCopyFamilies(rows(), { onProgress: (done, total) => streamed.push([done, total]) });
  assert.deepEqual(streamed.at(-1), last);
});

test('abort stops early with an AbortError', () => {
  const set = testSet(4);
  const signal = { aborted: false };
  const calls: number[] = [];
  assert.throws(
    () =>
      findCopyFamilies(set.articles, {
        signal,
        onProgress: (done) => {
          calls.push(done);
          signal.aborted = true;
        },
      }),
    { name: 'AbortError' },
  );
  assert.deepEqual(calls, [256]);
  assert.throws(() => findCopyFamilies(set.articles, { signal: { aborted: true } }), { name: 'AbortError' });
});

test('LSH bands: at 0.8, 64 bands of 2 rows find a pair at the lowest passing Jaccard with probability ≥ 0.99', () => {
  assert.deepEqual(bandsFor(0.8, 128), { bands: 64, rows: 2 });
  assert.ok(Math.abs(jaccardFloor(0.8) - 0.4 / 1.1) < 1e-12);
  for (const t of [0.5, 0.7, 0.8, 0.9, 1]) {
    const { bands, rows } = bandsFor(t, 128);
    assert.ok(bands * rows <= 128);
    assert.ok(candidateProbability(jaccardFloor(t), bands, rows) >= 0.99, `threshold ${t}`);
  }
  // A signature has BINS values and identical texts have identical signatures.
  const s = signature(wireStory(2));
  assert.equal(s.minhash.length, BINS);
  assert.deepEqual(signature(wireStory(2)).minhash, s.minhash);
});
