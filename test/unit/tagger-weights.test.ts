// The weights file: written and read back exactly enough, and a missing or damaged file never stops
// detection: a warning says so and the rules work alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDetector } from '../../main/services/entities/detect/index.ts';
import { emptyModel } from '../../main/services/entities/detect/tagger/model.ts';
import { decodeModels, encodeModels, loadTagger } from '../../main/services/entities/detect/tagger/weights.ts';

const dir = mkdtempSync(join(tmpdir(), 'framelens-tagger-'));
const committed = fileURLToPath(new URL('../../main/services/entities/detect/data/tagger.bin', import.meta.url));
const text = 'Vladimir Putin met Kassym-Jomart Tokayev in Astana on Monday.';
const rulesOnly = createDetector({ taggerWeights: null });

test('weights survive writing and reading, to 16-bit precision', () => {
  const model = emptyModel('sv', 6, { rules: true, shared: false, light: true });
  for (let k = 0; k < model.weights.length; k++) model.weights[k] = Math.sin(k) * 3;
  for (let k = 0; k < model.transitions.length; k++) model.transitions[k] = Math.cos(k);
  model.temperature = 4;
  const [back] = decodeModels(encodeModels([model]));
  assert.ok(back);
  assert.equal(back.lang, 'sv');
  assert.deepEqual(back.options, { rules: true, shared: false, light: true });
  assert.equal(back.temperature, 4);
  for (let k = 0; k < model.weights.length; k++) assert.ok(Math.abs(back.weights[k]! * back.scale - model.weights[k]!) < 1e-3);
  for (let k = 0; k < model.transitions.length; k++) assert.ok(Math.abs(back.transitions[k]! - model.transitions[k]!) < 1e-6);
});

test('a missing weights file: a clear warning, and the rules alone detect', () => {
  const warnings: string[] = [];
  const detector = createDetector({ taggerWeights: join(dir, 'nowhere.bin'), onWarning: (m) => warnings.push(m) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /could not be read \(the file is missing\).*rules alone/);
  assert.deepEqual(detector.taggerLanguages, []);
  assert.deepEqual(detector.detect(text, { language: 'en' }), rulesOnly.detect(text, { language: 'en' }));
});

test('damaged weights files: a warning each, never an exception', () => {
  const good = readFileSync(committed);
  const flipped = Buffer.from(good);
  flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
  const damaged: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['not ours', Buffer.from('{"weights": []}')],
    ['cut short', good.subarray(0, Math.floor(good.length / 3))],
    ['one byte changed', flipped],
    ['extra bytes', Buffer.concat([good, Buffer.from([1, 2, 3])])],
  ];
  for (const [name, bytes] of damaged) {
    const path = join(dir, `${name}.bin`);
    writeFileSync(path, bytes);
    const loaded = loadTagger(path);
    assert.equal(loaded.models.size, 0, name);
    assert.match(loaded.warning ?? '', /damaged .*rules alone/, name);
    const warnings: string[] = [];
    const detector = createDetector({ taggerWeights: path, onWarning: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1, name);
    assert.deepEqual(detector.detect(text, { language: 'en' }), rulesOnly.detect(text, { language: 'en' }), name);
  }
});

test('the committed weights load without a warning', () => {
  const loaded = loadTagger(committed);
  assert.equal(loaded.warning, null);
  assert.deepEqual([...loaded.models.keys()].sort(), ['en', 'sv']);
});
