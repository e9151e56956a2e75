// Inflected mentions resolve to one entity: Swedish genitives, ":s" after abbreviations, English
// possessives, short forms and hyphenated names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, type Mention } from '../../main/services/entities/detect/index.ts';

const detector = createDetector();
const rulesOnly = createDetector({ taggerWeights: null });
const find = (mentions: Mention[], text: string) => mentions.find((m) => m.text === text);

test('a Swedish genitive stays in the span and links to the full name given earlier', () => {
  const text = 'Vladimir Putin talade länge på toppmötet i Astana. Efteråt kritiserades Putins tal av flera delegater.';
  const mentions = detector.detect(text, { language: 'sv' });
  const genitive = find(mentions, 'Putins');
  assert.ok(genitive, JSON.stringify(mentions));
  assert.equal(genitive.entity, 'Vladimir Putin');
  assert.equal(genitive.type, 'PER');
  assert.equal(text.slice(genitive.start, genitive.end), 'Putins');
  assert.equal(find(mentions, 'Vladimir Putin')?.entity, 'Vladimir Putin');
});

test('a country in the genitive links to the country', () => {
  const mentions = detector.detect('Delegaterna diskuterade Kazakstans roll i samarbetet och Rysslands krav.', { language: 'sv' });
  const kazakstan = find(mentions, 'Kazakstans');
  assert.equal(kazakstan?.type, 'LOC');
  assert.equal(kazakstan?.entity, 'Kazakstan');
  assert.equal(find(mentions, 'Rysslands')?.entity, 'Ryssland');
});

test('a name ending in s that the text also uses on its own is no genitive of a place', () => {
  // "Limas" here is a group, not the genitive of Lima: it stands before "och" and at the end of a sentence.
  const text = 'Regeringen förhandlade med Limas och fackförbunden. Limas ledare ville inte svara. Samtalen fortsätter med Limas.';
  const mentions = detector.detect(text, { language: 'sv' }).filter((m) => m.text === 'Limas');
  assert.equal(mentions.length, 3);
  assert.ok(
    mentions.every((m) => m.entity === 'Limas'),
    JSON.stringify(mentions),
  );
  // Two genitives joined by "och" stay genitives.
  const pair = detector.detect('Sveriges och Finlands ansökningar godkändes.', { language: 'sv' });
  assert.deepEqual(
    pair.map((m) => m.entity),
    ['Sverige', 'Finland'],
  );
  // Without such evidence a genitive still links to its place.
  assert.equal(detector.detect('Limas borgmästare avgick.', { language: 'sv' })[0]?.entity, 'Lima');
});

test('an abbreviation with a colon ending ("CSTO:s") keeps the ending in the span, not in the entity', () => {
  const text = 'Enligt CSTO:s generalsekreterare ska övningen hållas i höst, och EU:n har inget att säga till om.';
  const mentions = detector.detect(text, { language: 'sv' });
  const csto = find(mentions, 'CSTO:s');
  assert.ok(csto, JSON.stringify(mentions));
  assert.equal(csto.entity, 'CSTO');
  assert.equal(csto.type, 'ORG');
  assert.equal(text.slice(csto.start, csto.end), 'CSTO:s');
  assert.equal(find(mentions, 'EU:n')?.entity, 'EU');
});

test("an English possessive is left out of the span ('s and ’s)", () => {
  const text = "Margit Lindqvist's proposal was welcomed, but Lindqvist’s critics in Helsinki were not convinced.";
  const mentions = detector.detect(text, { language: 'en' });
  const full = find(mentions, 'Margit Lindqvist');
  const short = find(mentions, 'Lindqvist');
  assert.ok(full && short, JSON.stringify(mentions));
  assert.equal(short.entity, 'Margit Lindqvist');
  assert.equal(short.type, 'PER');
  assert.equal(find(mentions, 'Helsinki')?.type, 'LOC');
});

test('a surname alone refers to the full name used elsewhere in the text', () => {
  const text = 'Förhandlaren Ingrid Bergkvist kom till mötet sent. Senare sade Bergkvist att samtalen gått bra.';
  const mentions = detector.detect(text, { language: 'sv' });
  assert.equal(find(mentions, 'Bergkvist')?.entity, 'Ingrid Bergkvist');
  assert.equal(find(mentions, 'Bergkvist')?.type, 'PER');
});

test('hyphenated names are one mention; compounds with an ordinary word are not names', () => {
  const text = 'Jean-Claude Moreau besökte Bosnien-Hercegovina i maj. Han kallade EU-rapporten ensidig.';
  const mentions = detector.detect(text, { language: 'sv' });
  assert.equal(find(mentions, 'Jean-Claude Moreau')?.type, 'PER', JSON.stringify(mentions));
  assert.ok(find(mentions, 'Bosnien-Hercegovina'), JSON.stringify(mentions));
  assert.equal(find(mentions, 'EU-rapporten'), undefined);
  // A compound whose head names a body is the body: "EU-kommissionen", "FN-förbundets".
  const bodies = detector.detect('Rapporten om EU-rätten kritiserades av EU-kommissionen och av FN-förbundets ordförande.', { language: 'sv' });
  assert.deepEqual(
    bodies.map((m) => [m.text, m.type, m.entity]),
    [
      ['EU-kommissionen', 'ORG', 'EU-kommissionen'],
      ['FN-förbundets', 'ORG', 'FN-förbundet'],
    ],
  );
});

test('particles inside a name may come in pairs: "von der", "de la"', () => {
  for (const language of ['sv', 'en']) {
    const mentions = detector.detect('Ingrid von der Marwitz och Tomás de la Fuente talade.', { language });
    assert.deepEqual(
      mentions.map((m) => m.text),
      ['Ingrid von der Marwitz', 'Tomás de la Fuente'],
      language,
    );
  }
});

test('Swedish names whose later words are lowercase ("Europeiska unionen") are one mention', () => {
  const mentions = detector.detect('Beslutet fattades av Europeiska unionen efter långa förhandlingar.', { language: 'sv' });
  const eu = find(mentions, 'Europeiska unionen');
  assert.ok(eu, JSON.stringify(mentions));
  assert.equal(eu.type, 'ORG');
});

test('acronyms are organisations, country abbreviations places', () => {
  const mentions = detector.detect('Observers from the OSCE and NATO met officials from the USA in Vienna.', { language: 'en' });
  assert.equal(find(mentions, 'OSCE')?.type, 'ORG');
  assert.equal(find(mentions, 'NATO')?.type, 'ORG');
  assert.equal(find(mentions, 'USA')?.type, 'LOC');
  assert.equal(find(mentions, 'Vienna')?.type, 'LOC');
});

test('a town followed by its state or province is one place', () => {
  const mentions = detector.detect('The delegation flew on to Portland, Oregon, after the summit.', { language: 'en' });
  const place = find(mentions, 'Portland, Oregon');
  assert.ok(place, JSON.stringify(mentions));
  assert.equal(place.type, 'LOC');
});

test('Swedish parties named in the definite plural are organisations', () => {
  // Both detectors: the rules' firm evidence holds where the tagger is unsure.
  for (const d of [detector, rulesOnly]) {
    const mentions = d.detect('Kritiken kom från Liberalerna och Kristdemokraternas ledning.', { language: 'sv' });
    assert.equal(find(mentions, 'Liberalerna')?.type, 'ORG', JSON.stringify(mentions));
    assert.equal(find(mentions, 'Kristdemokraternas')?.type, 'ORG', JSON.stringify(mentions));
  }
});

test('one entity has one type in a text: the best-supported one', () => {
  // "Tokajevs" alone gives little evidence; "president Tokajev" says person.
  const mentions = detector.detect('Tokajevs besked kom sent. Senare bekräftade president Tokajev uppgifterna.', { language: 'sv' });
  const forms = mentions.filter((m) => m.entity === 'Tokajev');
  assert.equal(forms.length, 2, JSON.stringify(mentions));
  assert.ok(
    forms.every((m) => m.type === 'PER'),
    JSON.stringify(mentions),
  );
});

test('a country that speaks is its government in that sentence only', () => {
  const text = 'Russia warned on Tuesday against new sanctions. Talks in Russia continue next week.';
  const mentions = detector.detect(text, { language: 'en' });
  assert.deepEqual(
    mentions.map((m) => [m.text, m.type]),
    [
      ['Russia', 'ORG'],
      ['Russia', 'LOC'],
    ],
  );
  assert.ok(mentions.every((m) => m.entity === 'Russia'));
});

test('a Latinised surname in -ius keeps its s: it is the nominative, not a genitive', () => {
  const mentions = detector.detect('Forskaren Sofia Brandelius presenterade rapporten i Lund. Brandelius menade att resultaten var tydliga.', {
    language: 'sv',
  });
  assert.ok(
    mentions.some((m) => m.text === 'Sofia Brandelius' && m.entity === 'Sofia Brandelius'),
    JSON.stringify(mentions),
  );
  assert.ok(!mentions.some((m) => m.entity.endsWith('Brandeliu')));
});
