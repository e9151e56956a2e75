// The tagger's feature extractor: which tokens it looks at, and that what the gazetteers, the text and
// the rules know of a word reaches its features.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Context } from '../../main/services/entities/detect/detector.ts';
import { loadResources } from '../../main/services/entities/detect/resources.ts';
import { TokenFacts, tokenFeatures, windowFeatures, windowsOf, type FeatureOptions } from '../../main/services/entities/detect/tagger/features.ts';

const res = loadResources();
const NO_RULES: FeatureOptions = { rules: false };

function featuresOf(text: string, lang: string, word: string, options = NO_RULES, rules = false): number[] {
  const ctx = new Context(res, text, lang);
  const facts = new TokenFacts(ctx, rules ? ctx.run() : null);
  const k = ctx.tokens.findIndex((t) => t.text === word);
  assert.ok(k >= 0, `${word} in ${text}`);
  const out: number[] = [];
  tokenFeatures(facts, k, options, out);
  return out;
}
const differ = (a: number[], b: number[]) => a.some((f) => !b.includes(f)) || b.some((f) => !a.includes(f));

test('only the tokens around capitalised words are decoded; a stopword starting a sentence is skipped', () => {
  const ctx = new Context(res, 'The talks went on for hours in Oslo and then ended.', 'en');
  const words = windowsOf(ctx).map((w) => ctx.tokens.slice(w.from, w.to).map((t) => t.text));
  assert.deepEqual(words, [['in', 'Oslo', 'and']]);
  const sv = new Context(res, 'Det var Anna Lind som talade.', 'sv');
  assert.deepEqual(
    windowsOf(sv).map((w) => sv.tokens.slice(w.from, w.to).map((t) => t.text)),
    [['var', 'Anna', 'Lind', 'som']],
  );
});

test('a long run of capitalised words is decoded in pieces of bounded length', () => {
  const text = Array.from({ length: 500 }, () => 'Ab').join(' ');
  const windows = windowsOf(new Context(res, text, 'en'));
  assert.ok(windows.length > 5);
  for (const w of windows) assert.ok(w.to - w.from <= 50);
  for (let i = 1; i < windows.length; i++) assert.ok(windows[i]!.from >= windows[i - 1]!.to, 'windows do not overlap');
});

test('the same word in the same surroundings has the same features, in any text', () => {
  const a = featuresOf('Yesterday officials in Oslo met them.', 'en', 'Oslo');
  const b = featuresOf('Many officials in Oslo met them.', 'en', 'Oslo');
  assert.deepEqual(a, b);
  assert.ok(a.every((f) => Number.isInteger(f) && f >= 0 && f < 2 ** 32));
});

test('gazetteer knowledge reaches the features: a known country differs from an unknown word of the same shape', () => {
  // Same length, same shape, same neighbours: only what the lists know differs ("Norway" is a country).
  const known = featuresOf('We met in Norway today.', 'en', 'Norway');
  const unknown = featuresOf('We met in Brelka today.', 'en', 'Brelka');
  assert.ok(differ(known, unknown));
  // A given name is marked as such.
  const given = featuresOf('He met Maria today.', 'en', 'Maria');
  const other = featuresOf('He met Krutz today.', 'en', 'Krutz');
  assert.ok(differ(given, other));
});

test('the text itself counts: a word capitalised mid-sentence elsewhere changes a sentence-initial one', () => {
  const alone = featuresOf('Brelka ledde mötet.', 'sv', 'Brelka');
  const recurs = featuresOf('Brelka ledde mötet. Efteråt tackade alla Brelka.', 'sv', 'Brelka');
  assert.ok(differ(alone, recurs));
});

test("the rules' names are features only when asked for", () => {
  const text = 'President Halvard Okafor met reporters.';
  const plain = featuresOf(text, 'en', 'Okafor', { rules: false }, true);
  const withRules = featuresOf(text, 'en', 'Okafor', { rules: true }, true);
  assert.ok(withRules.length > plain.length);
  assert.deepEqual(withRules.slice(0, plain.length), plain);
  const light = featuresOf(text, 'en', 'Okafor', { rules: false, light: true }, true);
  assert.ok(light.length < plain.length);
});

test('window features are laid out token by token', () => {
  const ctx = new Context(res, 'Talks in Oslo ended.', 'en');
  const facts = new TokenFacts(ctx, null);
  const [w] = windowsOf(ctx);
  assert.ok(w);
  const { feats, offsets } = windowFeatures(facts, w, NO_RULES);
  assert.equal(offsets.length, w.to - w.from + 1);
  assert.equal(offsets[offsets.length - 1], feats.length);
  for (let i = 1; i < offsets.length; i++) assert.ok(offsets[i]! > offsets[i - 1]!);
});
