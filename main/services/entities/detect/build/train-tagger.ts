// Trains the entity tagger (one model per language) on the annotated sentences in ../shared/train/ner
// and writes data/tagger.bin. Run by a developer; the weights are committed, so users never need
// the training data.
//
//   node --import tsx main/services/entities/detect/build/train-tagger.ts [--epochs sv=6,en=4] [--bits 18]
//        [--no-rules] [--out FILE] [--data DIR] [--report] [--keep-grid] [--talbanken 0.5] [--detok none|both|only] [--no-partial]
//
// Every tenth block of 40 sentences of each file is held out, with the Talbanken dev split, for
// choosing the settings; the weights written are those of the model that never saw them, so the
// held-out figures describe the shipped model. --report prints held-out F1 for the rules, the tagger
// and the combination. Only the training folder is read: the evaluation sets stay out of every choice.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { combined, Context } from '../detector.ts';
import { loadResources, type Resources } from '../resources.ts';
import type { Mention } from '../types.ts';
import { emissions, marginals } from '../tagger/decode.ts';
import { TokenFacts, windowFeatures, windowsOf, type FeatureOptions } from '../tagger/features.ts';
import type { TaggerModel } from '../tagger/model.ts';
import { Perceptron, type Example } from '../tagger/perceptron.ts';
import { begin, inside, O, TAG_COUNT, TYPES, typeOf } from '../tagger/tags.ts';
import { encodeModels } from '../tagger/weights.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    // Chosen on the held-out sentences: English has a third as much data and overfits sooner.
    epochs: { type: 'string', default: 'sv=6,en=4' },
    bits: { type: 'string', default: '18' },
    'no-rules': { type: 'boolean', default: false },
    out: { type: 'string', default: join(here, '..', 'data', 'tagger.bin') },
    data: { type: 'string', default: join(here, '..', '..', '..', '..', '..', '..', 'shared', 'train', 'ner') },
    report: { type: 'boolean', default: false },
    'keep-grid': { type: 'boolean', default: false },
    langs: { type: 'string', default: 'sv,en' },
    'no-write': { type: 'boolean', default: false },
    shared: { type: 'boolean', default: false },
    light: { type: 'boolean', default: false },
    // Space-tokenised sources given also ('both') or only ('only') as ordinary text ("Putin, Obama." for
    // "Putin , Obama ."), per language; chosen on the held-out sentences, which are scored both ways.
    detok: { type: 'string', default: 'sv=only,en=none' },
    // Talbanken's annotation leaves names unmarked: a name decoded where it says none, and the rules see one too, is no error.
    'no-partial': { type: 'boolean', default: false },
    // Share of Talbanken's training sentences used (1970s prose, far from today's news); chosen on the
    // held-out web news.
    talbanken: { type: 'string', default: '1' },
  },
});
/** Epochs per language ("sv=6,en=4"), or one number for all. */
const perLanguage = (option: string, lang: string, fallback: string): string => {
  const spec = option.split(',').map((p) => p.split('='));
  const own = spec.find(([l]) => l === lang);
  return own ? own[1]! : (spec.find((p) => p.length === 1)?.[0] ?? fallback);
};
const epochsFor = (lang: string): number => Number(perLanguage(values.epochs, lang, '6'));
const BITS = Number(values.bits);
const options: FeatureOptions = { rules: !values['no-rules'], shared: values.shared, light: values.light };

type Gold = { id: string; text: string; entities: { start: number; end: number; type: string; text: string }[] };
type Source = { file: string; lang: string; misc: boolean; heldOutOnly?: boolean; spaced?: boolean; partial?: boolean; share?: number };
const SOURCES: Source[] = [
  { file: 'sv_uner_talbanken_train.jsonl', lang: 'sv', misc: false, partial: true, share: Number(values.talbanken) },
  { file: 'sv_uner_talbanken_dev.jsonl', lang: 'sv', misc: false, heldOutOnly: true, partial: true },
  { file: 'sv_webbnyheter_train.jsonl', lang: 'sv', misc: true, spaced: true },
  { file: 'en_uner_ewt_dev.jsonl', lang: 'en', misc: false },
  { file: 'en_wikigold.jsonl', lang: 'en', misc: true, spaced: true },
];

const CLOSING = new Set([',', '.', ';', ':', '?', '!', ')', ']', '%', '…']);
const OPENING = new Set(['(', '[']);
const QUOTES = new Set(['"', '”', '“', '»', "'"]);

/**
 * A space-tokenised sentence as it would be written: no space before closing punctuation and
 * possessives, none inside brackets and quotes. Entity offsets move with the text.
 */
export function detokenise(g: Gold): Gold {
  const words = g.text.split(' ');
  const map = new Int32Array(g.text.length + 1);
  let text = '';
  let at = 0;
  let quoteOpen = false;
  let glueNext = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const quote = QUOTES.has(w);
    const closingQuote = quote && quoteOpen;
    const glue = i > 0 && (glueNext || CLOSING.has(w) || closingQuote || /^'(?:s|t|re|ve|ll|d|m)$|^n't$/i.test(w));
    if (i > 0) {
      map[at - 1] = text.length; // the space itself
      if (!glue) text += ' ';
    }
    for (let c = 0; c < w.length; c++) map[at + c] = text.length + c;
    text += w;
    at += w.length + 1;
    glueNext = OPENING.has(w) || (quote && !quoteOpen);
    if (quote) quoteOpen = !quoteOpen;
  }
  map[g.text.length] = text.length;
  const entities = g.entities.map((e) => {
    const start = map[e.start]!;
    const end = map[e.end - 1]! + 1;
    return { ...e, start, end, text: text.slice(start, end) };
  });
  return { id: `${g.id}~`, text, entities };
}
const BLOCK = 40;
const isHeldOut = (index: number) => Math.floor(index / BLOCK) % 10 === 9;

function read(file: string): Gold[] {
  return readFileSync(join(values.data, file), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Gold);
}

type Sentence = Gold & { source: Source };

/** The training examples of one sentence: one per window, labels from the gold names. */
function examples(res: Resources, s: Sentence, lost: { count: number }): Example[] {
  const ctx = new Context(res, s.text, s.source.lang);
  const facts = new TokenFacts(ctx, options.rules ? ctx.run() : null);
  const tokens = ctx.tokens;
  const labels = new Uint8Array(tokens.length);
  for (const e of s.entities) {
    const type = TYPES.indexOf(e.type as (typeof TYPES)[number]);
    if (type < 0) continue;
    let first = true;
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (t.end <= e.start || t.start >= e.end) continue;
      labels[k] = first ? begin(type) : inside(type);
      first = false;
    }
  }
  const out: Example[] = [];
  const covered = new Uint8Array(tokens.length);
  for (const w of windowsOf(ctx)) {
    const { feats, offsets } = windowFeatures(facts, w, options);
    const gold = labels.slice(w.from, w.to);
    for (let k = w.from; k < w.to; k++) covered[k] = 1;
    // A window may start inside a name: its first label becomes a B-.
    if (gold[0]! !== O && gold[0]! % 2 === 0) gold[0] = begin(typeOf(gold[0]!));
    const ruleGold = !values['no-partial'] && s.source.partial ? facts.ruleTag.slice(w.from, w.to) : null;
    out.push({ feats, offsets, gold, adjust: s.source.misc ? undefined : ruleGold ? (g, p) => allowUnmarked(allowMisc(g, p), p, ruleGold) : allowMisc });
  }
  for (let k = 0; k < tokens.length; k++) if (labels[k] !== O && (labels[k]! & 1) === 1 && !covered[k]) lost.count++;
  return out;
}

const MISC = TYPES.indexOf('MISC');
/** A source without MISC leaves events, works and nationalities unlabelled: a MISC name decoded where it has none is no error. */
function allowMisc(gold: Uint8Array, predicted: Uint8Array): Uint8Array {
  let adjusted: Uint8Array | null = null;
  for (let i = 0; i < predicted.length;) {
    if (predicted[i] === O || typeOf(predicted[i]!) !== MISC) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < predicted.length && predicted[j] !== O && typeOf(predicted[j]!) === MISC && predicted[j]! % 2 === 0) j++;
    let clear = true;
    for (let k = i; k < j; k++) if (gold[k] !== O) clear = false;
    if (clear && (j >= gold.length || gold[j] === O || gold[j]! % 2 === 1)) {
      adjusted ??= gold.slice();
      for (let k = i; k < j; k++) adjusted[k] = predicted[k]!;
    }
    i = j;
  }
  return adjusted ?? gold;
}

/** A name decoded where the gold has none and the rules see a name on every word: the annotation may have missed it. */
function allowUnmarked(gold: Uint8Array, predicted: Uint8Array, rules: Uint8Array): Uint8Array {
  let adjusted: Uint8Array | null = null;
  for (let i = 0; i < predicted.length;) {
    if (predicted[i] === O) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < predicted.length && predicted[j] !== O && predicted[j]! % 2 === 0) j++;
    let clear = true;
    for (let k = i; k < j; k++) if (gold[k] !== O || rules[k] === O) clear = false;
    if (clear && (j >= gold.length || gold[j] === O || gold[j]! % 2 === 1)) {
      adjusted ??= gold.slice();
      for (let k = i; k < j; k++) adjusted[k] = predicted[k]!;
    }
    i = j;
  }
  return adjusted ?? gold;
}

type Counts = { gold: number; predicted: number; exact: number; typed: number };
const f1 = (tp: number, np: number, ng: number) => {
  const p = np ? tp / np : 0;
  const r = ng ? tp / ng : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

/** Scores as the evaluation scorer does: exact spans, with and without type; MISC gold counts in both. */
function score(res: Resources, sentences: Sentence[], model: TaggerModel | null, keep?: number): Counts {
  const c: Counts = { gold: 0, predicted: 0, exact: 0, typed: 0 };
  for (const s of sentences) {
    const ctx = new Context(res, s.text, s.source.lang);
    const mentions: Mention[] = model ? combined(ctx, model, keep) : ctx.run();
    const gold = new Map(s.entities.map((e) => [`${e.start}:${e.end}`, e.type]));
    c.gold += s.entities.length;
    c.predicted += mentions.length;
    for (const m of mentions) {
      const t = gold.get(`${m.start}:${m.end}`);
      if (t === undefined) continue;
      c.exact++;
      if (t === m.type) c.typed++;
    }
  }
  return c;
}

const show = (c: Counts) => `untyped ${f1(c.exact, c.predicted, c.gold).toFixed(3)}  typed ${f1(c.typed, c.predicted, c.gold).toFixed(3)}`;

/** The temperature under which the model's label probabilities fit the held-out labels best. */
function calibrate(model: TaggerModel, held: Example[]) {
  let best = 1;
  let bestLoss = Infinity;
  for (const temperature of [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32]) {
    const m = { ...model, temperature };
    let loss = 0;
    for (const ex of held) {
      const len = ex.offsets.length - 1;
      const em = new Float32Array(len * TAG_COUNT);
      emissions(m, ex.feats, ex.offsets, em);
      const p = marginals(m, em, len);
      for (let i = 0; i < len; i++) loss -= Math.log(Math.max(1e-9, p[i * TAG_COUNT + ex.gold[i]!]!));
    }
    if (loss < bestLoss) {
      bestLoss = loss;
      best = temperature;
    }
  }
  model.temperature = best;
}

/** A fixed shuffle per epoch, so that a run can be repeated exactly. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const res = loadResources();
type LangData = { lang: string; train: Example[]; held: Example[]; heldByFile: Map<string, Sentence[]> };
const data: LangData[] = [];
for (const lang of values.langs.split(',')) {
  const train: Sentence[] = [];
  const heldByFile = new Map<string, Sentence[]>();
  for (const source of SOURCES.filter((s) => s.lang === lang)) {
    const held: Sentence[] = [];
    const heldPlain: Sentence[] = [];
    read(source.file).forEach((g, i) => {
      const isHeld = source.heldOutOnly || isHeldOut(i);
      // Down-sampling keeps whole blocks, so the held-out slice is the same whatever the share.
      if (!isHeld && source.share !== undefined && ((Math.floor(i / BLOCK) * 7919) % 100) / 100 >= source.share) return;
      const detok = perLanguage(values.detok, lang, 'none');
      const forms = source.spaced ? (detok === 'both' ? [g, detokenise(g)] : detok === 'only' ? [detokenise(g)] : [g]) : [g];
      if (isHeld) {
        held.push({ ...g, source });
        if (source.spaced) heldPlain.push({ ...detokenise(g), source });
      } else for (const f of forms) train.push({ ...f, source });
    });
    heldByFile.set(source.file, held);
    if (heldPlain.length) heldByFile.set(`${source.file} as written`, heldPlain);
  }
  const t0 = performance.now();
  const lost = { count: 0 };
  const trainExamples = train.flatMap((s) => examples(res, s, lost));
  const heldExamples = [...heldByFile.values()].flat().flatMap((s) => examples(res, s, { count: 0 }));
  const tokens = trainExamples.reduce((n, e) => n + e.gold.length, 0);
  console.log(
    `${lang}: ${train.length} training sentences (${trainExamples.length} windows, ${tokens} tokens); ` +
      `${lost.count} gold names outside every window; features in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  data.push({ lang, train: trainExamples, held: heldExamples, heldByFile });
}

/** Trains one model on the given languages' data, reporting held-out F1 as it goes. */
function train(parts: LangData[]): TaggerModel {
  const trainer = new Perceptron(parts.map((d) => d.lang).join(','), BITS, options);
  const examplesAll = parts.flatMap((d) => d.train);
  const heldFiles = parts.flatMap((d) => [...d.heldByFile]);
  let model: TaggerModel | null = null;
  const epochs = Math.max(...parts.map((d) => epochsFor(d.lang)));
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const wrong = trainer.epoch(examplesAll, shuffled(examplesAll.length, epoch));
    const line = [`  ${trainer.model.lang} epoch ${epoch}: ${wrong} windows wrong`];
    if (values.report) {
      model = trainer.averaged();
      for (const d of parts) line.push(`${d.lang} ${show(score(res, [...d.heldByFile.values()].flat(), model))}`);
    }
    console.log(line.join(' | '));
  }
  model = trainer.averaged();
  calibrate(
    model,
    parts.flatMap((d) => d.held),
  );
  console.log(`  temperature ${model.temperature}`);
  if (values.report) {
    for (const [file, sentences] of heldFiles) {
      console.log(
        `  held out ${file}: rules ${show(score(res, sentences, null))} | ${options.rules ? 'combined' : 'tagger alone'} ${show(score(res, sentences, model))}`,
      );
    }
  }
  return model;
}

const models = values.shared ? [train(data)] : data.map((d) => train([d]));
if (values.report) {
  for (const d of data) {
    const held = [...d.heldByFile.values()].flat();
    const model = models.find((m) => m.lang.split(',').includes(d.lang))!;
    console.log(
      `held out, all ${d.lang}: rules ${show(score(res, held, null))} | ${options.rules ? 'combined' : 'tagger alone'} ${show(score(res, held, model))}`,
    );
  }
}
if (values['keep-grid']) {
  for (const keep of [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01]) {
    const line = [`keep a rule's name below P(no name) ${keep}:`];
    for (const d of data) {
      const model = models.find((m) => m.lang.split(',').includes(d.lang))!;
      for (const [file, sentences] of d.heldByFile) line.push(`${file.slice(0, 12)} ${show(score(res, sentences, model, keep))}`);
      line.push(`ALL ${d.lang} ${show(score(res, [...d.heldByFile.values()].flat(), model, keep))}`);
    }
    console.log(line.join(' | '));
  }
}
if (!values['no-write']) {
  const bytes = encodeModels(models);
  writeFileSync(values.out, bytes);
  console.log(`wrote ${values.out} (${(bytes.length / 1e6).toFixed(2)} MB)`);
}
