// The language of a text is guessed from its stopwords (Latin script) or its script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, detectLanguage } from '../../main/services/entities/detect/index.ts';

const samples: [string, string][] = [
  ['sv', 'Regeringen har meddelat att den inte tänker ändra sin politik, trots kritiken från oppositionen.'],
  ['en', 'The government said it would not change its policy despite the criticism from the opposition.'],
  ['de', 'Die Regierung hat erklärt, dass sie ihre Politik trotz der Kritik der Opposition nicht ändern wird.'],
  ['fr', "Le gouvernement a déclaré qu'il ne changerait pas sa politique malgré les critiques de l'opposition."],
  ['es', 'El gobierno dijo que no cambiará su política a pesar de las críticas de la oposición.'],
];

test('the language of news sentences is detected', () => {
  for (const [lang, text] of samples) assert.equal(detectLanguage(text), lang, text);
  const detector = createDetector();
  for (const [lang, text] of samples) assert.equal(detector.detectLanguage(text), lang, text);
});

test('other scripts are named by their main language; no text is undetermined', () => {
  assert.equal(detectLanguage('Президент заявил, что переговоры продолжатся.'), 'ru');
  assert.equal(detectLanguage('قال الرئيس إن المفاوضات ستستمر.'), 'ar');
  assert.equal(detectLanguage('总统表示谈判将继续进行。'), 'zh');
  assert.equal(detectLanguage(''), 'und');
  assert.equal(detectLanguage('!!! ??? 123'), 'und');
});

test('a short, name-heavy Swedish sentence is still Swedish with the dictionaries', () => {
  const detector = createDetector();
  assert.equal(detector.detectLanguage('Tokajev besökte Astana. Mötet kritiserades av CSTO:s ledning i Moskva.'), 'sv');
});
