// How a name gets its type when its own words do not say it: well-known organisations and landmarks
// from the data packages, the words around it ("the town of", ", who", "herself") and the head word
// at its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from '../../main/services/entities/detect/index.ts';

const detector = createDetector();
const typed = (text: string, language = 'en') => detector.detect(text, { language }).map((m) => [m.text, m.type]);

test('well-known companies are organisations even when their name looks like a surname or a word', () => {
  assert.deepEqual(typed('Fares at Ryanair rose while Vodafone cut prices.'), [
    ['Ryanair', 'ORG'],
    ['Vodafone', 'ORG'],
  ]);
  assert.deepEqual(typed('Ryanair höjer priserna, uppger Vodafone.', 'sv'), [
    ['Ryanair', 'ORG'],
    ['Vodafone', 'ORG'],
  ]);
});

test('a known organisation followed by more name is still the organisation', () => {
  assert.deepEqual(typed('Staff at Vodafone Iceland were told on Friday.'), [['Vodafone Iceland', 'ORG']]);
});

test('rivers and other named places that are not towns are places', () => {
  assert.deepEqual(typed('Barges on the Danube and the Yangtze carried grain.'), [
    ['Danube', 'LOC'],
    ['Yangtze', 'LOC'],
  ]);
});

test('in English every word of a listed name is capitalised: a sentence starting "Main street" holds no name', () => {
  assert.deepEqual(typed('Main street shops closed early.'), []);
  assert.deepEqual(typed('The bakery on Main Street closed early.'), [['Main Street', 'LOC']]);
});

test('"the town of X" and "staden X" make an unknown name a place', () => {
  assert.deepEqual(typed('Protests spread to the town of Brackwell on Sunday.'), [['Brackwell', 'LOC']]);
  assert.deepEqual(typed('Protesterna spred sig till staden Brackwell.', 'sv'), [['Brackwell', 'LOC']]);
});

test('", who" and "herself" after an unknown name make it a person', () => {
  assert.deepEqual(typed('Trevannick, who chaired the panel, resigned.'), [['Trevannick', 'PER']]);
  assert.deepEqual(typed('Trevannick herself signed the letter.'), [['Trevannick', 'PER']]);
  // Groups take "who" too: a plural name stays an organisation.
  assert.deepEqual(typed('The Greens, who met in May, disagreed.'), [['Greens', 'ORG']]);
  // A company is referred to with "which", and stays what the rest of the evidence says.
  assert.deepEqual(typed('Vodafone, which owns the network, declined.'), [['Vodafone', 'ORG']]);
});

test('an organisation head word in the plural still makes an organisation', () => {
  assert.deepEqual(typed('Spending rose under the Johnson Administrations.'), [['Johnson Administrations', 'ORG']]);
});

test('a station is a place', () => {
  assert.deepEqual(typed('Crews docked at the Lunar Gateway Station in May.'), [['Lunar Gateway Station', 'LOC']]);
});

test('a well-known family name alone is a person, also with no full name in the text', () => {
  assert.deepEqual(typed('Enligt bedömare ville Putin visa styrka.', 'sv'), [['Putin', 'PER']]);
});

test('a company that shares its name with a small town is the company, also after a place preposition', () => {
  assert.deepEqual(typed('Orders went to Nokia, not to the Finnish state.'), [['Nokia', 'ORG']]);
  assert.deepEqual(typed('Kontraktet gick till Nokia i fjol.', 'sv'), [['Nokia', 'ORG']]);
});

test('a Swedish noun in the definite form, capitalised mid-sentence, is an institution or a paper', () => {
  assert.deepEqual(typed('Uppgifterna bekräftas av Kustbevakningen, enligt Expressen.', 'sv'), [
    ['Kustbevakningen', 'ORG'],
    ['Expressen', 'ORG'],
  ]);
});

test('an English name made of ordinary words keeps its first word at a sentence start and is an organisation', () => {
  assert.deepEqual(typed('Pilots Union International said the talks had failed.'), [['Pilots Union International', 'ORG']]);
  assert.deepEqual(typed('Seafarers Rights Watch and the Red Cross called for calm.'), [
    ['Seafarers Rights Watch', 'ORG'],
    ['Red Cross', 'ORG'],
  ]);
  // A day word is never part of the name after it.
  assert.deepEqual(typed('Yesterday Parliament voted against it.'), []);
  // A name of its own after the ordinary word still loses the word: "Prosecutor Trevannick".
  assert.deepEqual(typed('Prosecutor Trevannick said the case was strong.'), [['Trevannick', 'PER']]);
});

test('two unknown capitalised words that are no ordinary words read as a person, an English company name as a company', () => {
  assert.deepEqual(typed('The fine was announced by Margrethe Vestager in Brussels.'), [
    ['Margrethe Vestager', 'PER'],
    ['Brussels', 'LOC'],
  ]);
  assert.deepEqual(typed('Analytiker på Brackwell Securities tror på uppgång.', 'sv'), [['Brackwell Securities', 'ORG']]);
});
