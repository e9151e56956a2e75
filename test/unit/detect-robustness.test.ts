// Bad or unusual input gives a result or a clear error, never a crash or a hang; offsets are UTF-16.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../main/services/entities/detect/index.ts';

const detector = createDetector();

test('empty text and text of only punctuation or spaces give no mentions', () => {
  assert.deepEqual(detector.detect(''), []);
  assert.deepEqual(detector.detect('   \n\t  '), []);
  assert.deepEqual(detector.detect('!?.,;:–—"”“()[]{}…***'), []);
  assert.deepEqual(detector.detect('.'.repeat(100_000)), []);
});

test('10 MB without a space is handled in linear time', () => {
  for (const chunk of ['a', 'Ab', 'A.', 'A-', "A'", 'Å:s', 'ä-Ö']) {
    const text = chunk.repeat(Math.ceil(10_000_000 / chunk.length));
    const t0 = performance.now();
    const mentions = detector.detect(text, { language: 'sv' });
    const ms = performance.now() - t0;
    assert.ok(Array.isArray(mentions));
    assert.ok(ms < 20_000, `${JSON.stringify(chunk)} x 10 MB took ${ms.toFixed(0)} ms`);
  }
});

test('right-to-left and CJK text give a result, with offsets that slice back to the mention', () => {
  for (const text of [
    'قال الرئيس إن الاجتماع في موسكو كان مثمرا.',
    'שר החוץ נפגש עם עמיתו בירושלים.',
    '普京在阿斯塔纳会见了托卡耶夫。',
    '東京で会議が開かれた。',
  ]) {
    const mentions = detector.detect(text);
    for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
  }
  // Latin-script names inside right-to-left or CJK text are still found.
  const mixed = 'في مقابلة مع Reuters قال Ingrid Bergkvist إن الوضع خطير.';
  assert.ok(detector.detect(mixed, { language: 'ar' }).some((m) => m.text === 'Ingrid Bergkvist'));
});

test('offsets count UTF-16 code units, so emoji before a name do not shift it', () => {
  const text = '👍🏽 Stödet från 🇸🇪 var stort, sade Ingrid Bergkvist i Göteborg.';
  const mentions = detector.detect(text, { language: 'sv' });
  const names = mentions.map((m) => m.text);
  assert.ok(names.includes('Ingrid Bergkvist') && names.includes('Göteborg'), JSON.stringify(mentions));
  for (const m of mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test('unknown, odd and missing language codes still give a result', () => {
  const text = 'Ingrid Bergkvist met Halvard Okafor in Oslo.';
  for (const language of ['xx', 'klingon', 'EN-gb', 'sv_SE', 'auto', '', null, undefined, '123']) {
    const mentions = detector.detect(text, { language });
    assert.ok(
      mentions.some((m) => m.text === 'Ingrid Bergkvist'),
      `${String(language)}: ${JSON.stringify(mentions)}`,
    );
  }
});

test('a non-string text or language is a clear error', () => {
  assert.throws(() => detector.detect(42 as unknown as string), /text must be a string/);
  assert.throws(() => detector.detect('Oslo', { language: 7 as unknown as string }), /language must be/);
});

test('mentions the analyst chose to ignore are left out, by canonical name or surface form', () => {
  const text = 'Ingrid Bergkvist talade i Oslo. Bergkvist nämnde Kazakstans roll.';
  const all = detector.detect(text, { language: 'sv' }).map((m) => m.text);
  assert.ok(all.includes('Oslo') && all.includes('Bergkvist'));
  const kept = detector.detect(text, { language: 'sv', ignore: new Set(['ingrid bergkvist', 'oslo']) }).map((m) => m.text);
  assert.deepEqual(kept, ['Kazakstans']);
  const bySurface = detector.detect(text, { language: 'sv', ignore: new Set(['kazakstans']) }).map((m) => m.text);
  assert.ok(!bySurface.includes('Kazakstans'));
});

test('mentions are in text order and never overlap', () => {
  const text = 'Vladimir Putin, CSTO:s ledare och Europeiska unionen möttes i Astana; Putins tal väckte kritik i Kazakstan.';
  const mentions = detector.detect(text, { language: 'sv' });
  for (let i = 1; i < mentions.length; i++) assert.ok(mentions[i]!.start >= mentions[i - 1]!.end);
});
