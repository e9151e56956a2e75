// The tagger's learning and decoding on a tiny hand-made set: features are plain numbers here, so the
// test says exactly what the model is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emissions, marginals, viterbi } from '../../main/services/entities/detect/tagger/decode.ts';
import { emptyModel } from '../../main/services/entities/detect/tagger/model.ts';
import { Perceptron, type Example } from '../../main/services/entities/detect/tagger/perceptron.ts';
import { begin, inside, O, spansOf, TAG_COUNT, tagName, TYPES } from '../../main/services/entities/detect/tagger/tags.ts';

const PER = TYPES.indexOf('PER');
const LOC = TYPES.indexOf('LOC');

// Features of a toy vocabulary: a word's own feature, and "after a title" / "after 'in'" cues.
const WORD: Record<string, number> = { mr: 1, in: 2, the: 3, said: 4, smith: 5, jones: 6, oslo: 7, paris: 8, lake: 9, came: 10, from: 11, brown: 12, lima: 13 };
const AFTER_TITLE = 100;
const AFTER_IN = 101;
const CAPITAL = 102;

function example(words: string[], labels: number[]): Example {
  const feats: number[] = [];
  const offsets = [0];
  words.forEach((w, i) => {
    feats.push(WORD[w.toLowerCase()] ?? 50, 200);
    if (/^[A-Z]/.test(w)) feats.push(CAPITAL);
    if (i > 0 && words[i - 1] === 'Mr') feats.push(AFTER_TITLE);
    if (i > 0 && words[i - 1] === 'in') feats.push(AFTER_IN);
    offsets.push(feats.length);
  });
  return { feats: Uint32Array.from(feats), offsets: Uint32Array.from(offsets), gold: Uint8Array.from(labels) };
}

function decode(model: ReturnType<Perceptron['averaged']>, ex: Example): number[] {
  const len = ex.offsets.length - 1;
  const em = new Float32Array(len * TAG_COUNT);
  emissions(model, ex.feats, ex.offsets, em);
  const tags = new Uint8Array(len);
  viterbi(model, em, len, tags);
  return [...tags];
}

const training = [
  example(['Mr', 'Smith', 'said'], [O, begin(PER), O]),
  example(['Mr', 'Jones', 'came'], [O, begin(PER), O]),
  example(['the', 'Lake', 'in', 'Oslo'], [O, O, O, begin(LOC)]),
  example(['Mr', 'Smith', 'came', 'from', 'Paris'], [O, begin(PER), O, O, begin(LOC)]),
  example(['in', 'Paris', 'Mr', 'Jones', 'said'], [O, begin(LOC), O, begin(PER), O]),
  example(['Mr', 'Smith', 'Jones', 'said'], [O, begin(PER), inside(PER), O]),
];

test('the perceptron learns the patterns it is shown and applies them to words it has not seen', () => {
  const trainer = new Perceptron('xx', 8, { rules: false });
  const order = training.map((_, i) => i);
  let wrong = Infinity;
  for (let epoch = 0; epoch < 10 && wrong > 0; epoch++) wrong = trainer.epoch(training, order);
  assert.equal(wrong, 0, 'the training set is learnt');
  const model = trainer.averaged();
  for (const ex of training) assert.deepEqual(decode(model, ex), [...ex.gold]);
  // "Brown" and "Lima" were never seen: the cues around them decide.
  const unseen = example(['Mr', 'Brown', 'came', 'from', 'the', 'Lake', 'in', 'Lima'], []);
  assert.deepEqual(decode(model, unseen).map(tagName), ['O', 'B-PER', 'O', 'O', 'O', 'O', 'O', 'B-LOC']);
});

test('decoding never puts I- after O or after another type, whatever the weights', () => {
  const model = emptyModel('xx', 4, { rules: false });
  // Every token strongly prefers I-LOC.
  for (let b = 0; b < 16; b++) model.weights[b * TAG_COUNT + inside(LOC)] = 10;
  const feats = Uint32Array.from([1, 2, 3]);
  const offsets = Uint32Array.from([0, 1, 2, 3]);
  const em = new Float32Array(3 * TAG_COUNT);
  emissions(model, feats, offsets, em);
  const tags = new Uint8Array(3);
  viterbi(model, em, 3, tags);
  assert.deepEqual([...tags].map(tagName), ['B-LOC', 'I-LOC', 'I-LOC']);
  assert.deepEqual(spansOf(tags, 5), [{ first: 5, last: 7, type: LOC }]);
});

test('label probabilities sum to one at every token and favour the decoded labels', () => {
  const trainer = new Perceptron('xx', 8, { rules: false });
  for (let epoch = 0; epoch < 5; epoch++) trainer.epoch(training, [0, 1, 2, 3, 4, 5]);
  const model = trainer.averaged();
  const ex = training[3]!;
  const len = ex.offsets.length - 1;
  const em = new Float32Array(len * TAG_COUNT);
  emissions(model, ex.feats, ex.offsets, em);
  const p = marginals(model, em, len);
  for (let i = 0; i < len; i++) {
    let sum = 0;
    for (let t = 0; t < TAG_COUNT; t++) sum += p[i * TAG_COUNT + t]!;
    assert.ok(Math.abs(sum - 1) < 1e-6, `token ${i}: ${sum}`);
    assert.ok(p[i * TAG_COUNT + ex.gold[i]!]! > 0.5);
  }
  // I- labels at the first token are impossible.
  assert.equal(p[inside(PER)], 0);
});

test('a source without a type lets the model use it: the adjusted labels are what it learns from', () => {
  const ex = example(['Mr', 'Smith'], [O, begin(PER)]);
  let seen = 0;
  ex.adjust = (gold, predicted) => {
    seen++;
    assert.equal(predicted.length, gold.length);
    return gold;
  };
  const trainer = new Perceptron('xx', 6, { rules: false });
  trainer.epoch([ex], [0]);
  assert.equal(seen, 1);
});
