// Capitalised words that merely start a sentence, a quotation or a line are not names; names there
// are still found when the evidence is there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../main/services/entities/detect/index.ts';

const detector = createDetector();
const texts = (text: string, language: string) => detector.detect(text, { language }).map((m) => m.text);

test('ordinary Swedish words at the start of sentences, quotes and replies are not names', () => {
  const text =
    'Regeringen meddelade igår att samtalen fortsätter. Enligt uppgifterna dröjer beslutet. ' +
    '”Vi har inget att tillägga”, skrev pressavdelningen.\n– Absolut inte, svarade talespersonen. Toppmötet avslutades sent.';
  assert.deepEqual(texts(text, 'sv'), []);
});

test('ordinary English words at the start of sentences are not names', () => {
  const text =
    'However, officials declined to comment. Analysts say the figures are uncertain. ' +
    'Prices rose sharply. "We are not surprised," a spokesman said. We’ll see.';
  assert.deepEqual(texts(text, 'en'), []);
});

test('a sentence-initial word that is a known place, or recurs mid-sentence, is a name', () => {
  assert.deepEqual(texts('Kazakstan stod värd för mötet.', 'sv'), ['Kazakstan']);
  assert.deepEqual(texts('Okafor ledde mötet. Efteråt tackade alla Okafor.', 'sv'), ['Okafor', 'Okafor']);
});

test('a sentence-initial ordinary word before a name is dropped, the name kept', () => {
  assert.deepEqual(texts('Enligt Ingrid Bergkvist är läget allvarligt.', 'sv'), ['Ingrid Bergkvist']);
  assert.deepEqual(texts('But Margit Lindqvist disagreed.', 'en'), ['Margit Lindqvist']);
});

test('titles are not part of the name but make it a person', () => {
  const mentions = detector.detect('President Halvard Okafor met Prime Minister Elin Sandoval in Oslo.', { language: 'en' });
  assert.deepEqual(
    mentions.map((m) => [m.text, m.type]),
    [
      ['Halvard Okafor', 'PER'],
      ['Elin Sandoval', 'PER'],
      ['Oslo', 'LOC'],
    ],
  );
  // German inflects its titles: "den Präsidenten …".
  const german = detector.detect('Die Kanzlerin traf in Berlin den Präsidenten Halvard Okafor.', { language: 'de' });
  assert.deepEqual(
    german.map((m) => [m.text, m.type]),
    [
      ['Berlin', 'LOC'],
      ['Halvard Okafor', 'PER'],
    ],
  );
});

test('months, weekdays and nationality words are not names in English', () => {
  assert.deepEqual(texts('The Swedish delegation arrived on Monday in March, said the American envoy.', 'en'), []);
});

test('a listed name that starts a sentence keeps its first word, even when that word is ordinary', () => {
  assert.deepEqual(texts("New Zealand's prime minister resigned. New rules apply.", 'en'), ['New Zealand']);
  assert.deepEqual(texts('Nya Zeeland röstade nej.', 'sv'), ['Nya Zeeland']);
});
