// The tagger combined with the rules: the committed model decides spans and types, the rules still give
// canonical names, link family names and apply the analyst's curation; every mention says why it got
// its type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combined, Context } from '../../main/services/entities/detect/detector.ts';
import { createDetector, type Mention } from '../../main/services/entities/detect/index.ts';
import { loadResources } from '../../main/services/entities/detect/resources.ts';
import { emptyModel } from '../../main/services/entities/detect/tagger/model.ts';
import { O, TAG_COUNT } from '../../main/services/entities/detect/tagger/tags.ts';

const detector = createDetector();
const rulesOnly = createDetector({ taggerWeights: null });
const find = (mentions: Mention[], text: string) => mentions.find((m) => m.text === text);

test('the committed weights serve Swedish and English', () => {
  assert.deepEqual([...(detector.taggerLanguages ?? [])].sort(), ['en', 'sv']);
  assert.deepEqual(rulesOnly.taggerLanguages, []);
});

test('genitives and family names still resolve to the full name when the tagger chooses the spans', () => {
  const text = 'Vladimir Putin talade länge på toppmötet i Astana. Efteråt kritiserades Putins tal av flera delegater.';
  const mentions = detector.detect(text, { language: 'sv' });
  const genitive = find(mentions, 'Putins');
  assert.ok(genitive, JSON.stringify(mentions));
  assert.equal(genitive.entity, 'Vladimir Putin');
  assert.equal(genitive.type, 'PER');
  const csto = detector.detect('CSTO:s styrka växer, enligt CSTO.', { language: 'sv' });
  assert.ok(
    csto.every((m) => m.entity === 'CSTO'),
    JSON.stringify(csto),
  );
});

test("the analyst's ignored names stay out", () => {
  const text = 'Vladimir Putin met Kassym-Jomart Tokayev in Astana.';
  const all = detector.detect(text, { language: 'en' });
  assert.ok(find(all, 'Astana'), JSON.stringify(all));
  const curated = detector.detect(text, { language: 'en', ignore: new Set(['astana']) });
  assert.equal(find(curated, 'Astana'), undefined);
  assert.equal(curated.length, all.length - 1);
});

test("each mention says why it got its type: the tagger's confidence, and what the rules would say", () => {
  const mentions = detector.detect('Officials in Britain said President Halvard Okafor would visit Oslo.', { language: 'en' });
  assert.ok(mentions.length >= 2, JSON.stringify(mentions));
  for (const m of mentions) {
    assert.ok(m.why, `${m.text} has a reason`);
    if (m.why.source === 'model') {
      assert.ok(m.why.confidence !== undefined && m.why.confidence > 0 && m.why.confidence <= 1, JSON.stringify(m.why));
      assert.match(m.why.detail, /the rules (agree|would say)/);
    }
  }
  assert.ok(mentions.some((m) => m.why?.source === 'model'));
});

test('a language with no model is detected by the rules alone, and says so', () => {
  const text = 'Die Kanzlerin traf in Berlin den Präsidenten Halvard Okafor.';
  const mentions = detector.detect(text, { language: 'de' });
  assert.deepEqual(mentions, rulesOnly.detect(text, { language: 'de' }));
  assert.ok(mentions.length > 0);
  for (const m of mentions) assert.notEqual(m.why?.source, 'model');
});

test("a model with no opinion leaves the rules' names as they are", () => {
  const res = loadResources();
  const model = emptyModel('en', 8, { rules: true });
  // Every label equally likely: the tagger marks nothing, and is far from sure that the rules' names are none.
  const text = 'President Halvard Okafor met Elin Sandoval in Oslo.';
  const withModel = combined(new Context(res, text, 'en'), model).map((m) => [m.text, m.type, m.entity]);
  const rules = new Context(res, text, 'en').run().map((m) => [m.text, m.type, m.entity]);
  assert.deepEqual(withModel, rules);
});

test('a model sure that there are no names removes the rules’ weakly founded names and keeps those with firm evidence', () => {
  const res = loadResources();
  const model = emptyModel('en', 8, { rules: true });
  for (let b = 0; b < 256; b++) model.weights[b * TAG_COUNT + O] = 1;
  const text = 'The report was read aloud by Brindle Quorm on Tuesday. President Halvard Okafor met them in Oslo.';
  // Two unknown words are a guess of the rules; a title and a gazetteer entry are evidence.
  assert.deepEqual(
    combined(new Context(res, text, 'en'), model).map((m) => [m.text, m.type, m.why?.source]),
    [
      ['Halvard Okafor', 'PER', 'title'],
      ['Oslo', 'LOC', 'gazetteer'],
    ],
  );
});

test('the combined detector copes with the same hard input as the rules', () => {
  for (const text of ['', '...!?', 'Ab '.repeat(20_000), 'قال الرئيس إن الاجتماع في موسكو كان مثمرا.', '普京在阿斯塔纳会见了托卡耶夫。', 'x'.repeat(100_000)]) {
    for (const language of ['sv', 'en', 'zz', null]) {
      const mentions = detector.detect(text, { language });
      for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
    }
  }
});
