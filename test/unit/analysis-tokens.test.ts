// Words for distinctive-language analysis: Swedish and English news text, stop words from stopwords-iso.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { countTerms, createTokenizer, stopwordLanguages, stopwords, tokenize } from '../../main/services/analysis/tokens.ts';
import { AppError } from '../../main/services/errors.ts';

const sv = { languages: ['sv'] };
const en = { languages: ['en'] };

test('Swedish text: lowercased, å ä ö kept, stop words, numbers and single letters dropped', () => {
  assert.deepEqual(tokenize('Regeringen i Stockholm sa på tisdag att förhandlingarna med Åland och Öresundsregionen fortsätter 2024.', sv), [
    'regeringen',
    'stockholm',
    'tisdag',
    'förhandlingarna',
    'åland',
    'öresundsregionen',
    'fortsätter',
  ]);
  // Single letters that are no stop words ("x", the island "ö", "Q") go as well.
  assert.deepEqual(tokenize('x ö Q ön', sv), ['ön']);
});

test('inner hyphens and colons join a word; hyphens at the edges do not', () => {
  assert.deepEqual(tokenize('EU-kommissionen kritiserade CSTO:s insats och FN:s roll', sv), [
    'eu-kommissionen',
    'kritiserade',
    'csto:s',
    'insats',
    'fn:s',
    'roll',
  ]);
  // "EU- och Natofrågor": the suspended compound keeps "eu"; a dash between words is a separator.
  assert.deepEqual(tokenize('EU- och Natofrågor – säkerhetspolitik', sv), ['eu', 'natofrågor', 'säkerhetspolitik']);
  // Non-breaking and Unicode hyphens read as the ASCII hyphen.
  assert.deepEqual(tokenize('Nato\u2011medlemskap Nato\u2010medlemskap Nato-medlemskap', sv), ['nato-medlemskap', 'nato-medlemskap', 'nato-medlemskap']);
});

test('numbers, times, ordinals and year ranges are dropped; words that mix digits and letters stay', () => {
  assert.deepEqual(tokenize('Den 3:e mötet kl 10:30 under 2020-2021, 1:a gången, 21st century, co2 och G7 på 1990-talet', { languages: ['sv', 'en'] }), [
    'mötet',
    'kl',
    'gången',
    'century',
    'co2',
    'g7',
    '1990-talet',
  ]);
});

test('English contractions and possessives stay whole and meet the stop-word list', () => {
  // "don't" and "it's" are stop words; the typographic apostrophe reads as ASCII.
  assert.deepEqual(tokenize("Sweden’s envoy said: don’t expect it's over.", en), ["sweden's", 'envoy', 'expect']);
});

test('composed and decomposed letters, ligatures and soft hyphens give the same word', () => {
  const composed = tokenize('Förhandlingar', sv);
  assert.deepEqual(tokenize('Fo\u0308rhandlingar', sv), composed);
  assert.deepEqual(tokenize('För\u00adhand\u00adlingar', sv), composed);
  assert.deepEqual(tokenize('ﬁnal ﬂight', en), ['final', 'flight']);
  assert.deepEqual(composed, ['förhandlingar']);
});

test('every Swedish stop word of stopwords-iso is removed', () => {
  const require = createRequire(import.meta.url);
  const lists = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
  assert.ok(lists.sv!.length > 300, 'the package ships its Swedish list');
  assert.deepEqual(tokenize(lists.sv!.join(' '), sv), []);
  assert.ok(stopwords(['sv']).has('och') && stopwords(['en']).has('the'));
  // English words survive a Swedish-only list, and the other way round.
  assert.deepEqual(tokenize('the och', sv), ['the']);
  assert.deepEqual(tokenize('the och', en), ['och']);
});

test('stop words can be kept or added, and a region code is ignored', () => {
  // stopwords-iso lists "vänster" and "höger" for Swedish, political words in a framing study.
  assert.deepEqual(tokenize('vänster och höger', sv), []);
  assert.deepEqual(tokenize('vänster och höger', { ...sv, keep: ['Vänster', 'höger'] }), ['vänster', 'höger']);
  assert.deepEqual(tokenize('regeringen kritiserar', { ...sv, extra: ['Regeringen'] }), ['kritiserar']);
  assert.deepEqual(tokenize('och krig', { languages: ['sv-FI'] }), ['krig']);
  const t = createTokenizer({ languages: ['sv', 'en'] });
  assert.deepEqual(t('the krig och war'), ['krig', 'war']);
});

test('an unknown language is refused with the languages that exist', () => {
  assert.throws(
    () => tokenize('text', { languages: ['xx'] }),
    (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && /no stop-word list for the language "xx".*\bsv\b/.test(e.message),
  );
  assert.ok(stopwordLanguages().includes('sv') && stopwordLanguages().includes('en'));
});

test('other scripts and empty text', () => {
  assert.deepEqual(tokenize('Москва заявила', sv), ['москва', 'заявила']);
  assert.deepEqual(tokenize('Киев также заявил', { languages: ['ru'] }), ['киев', 'заявил']); // "также" (also) is a stop word
  assert.deepEqual(tokenize('', sv), []);
  assert.deepEqual(tokenize('  — … 42 ! ', sv), []);
});

test('countTerms counts each word', () => {
  assert.deepEqual(
    countTerms(tokenize('Krig och fred, krig igen: KRIG.', sv)),
    new Map([
      ['krig', 3],
      ['fred', 1],
    ]),
  );
});

test('text that NFKC would change is normalised, and text it leaves alone gives the same words without it', () => {
  // Each character that NFKC changes, beside the plain form it becomes.
  const changed: [string, string][] = [
    ['ﬁnska', 'finska'],
    ['Ｐｕｔｉｎ', 'putin'],
    ['o\u0308rlogsfartyg', 'örlogsfartyg'],
    ['ĳzer', 'ijzer'],
    ['ſtat', 'stat'],
    ['Nato\u00a0medlemskap', 'nato'],
    ['x²y', 'x2y'],
  ];
  for (const [written, word] of changed) assert.ok(tokenize(written, sv).includes(word), `${written} gives ${word}`);
  const plain = 'Sverige, Åland och Öland: “Det är ett hot”, säger Ferdinand — Kyiv–Moskva, NATO-öns ÆØ.';
  assert.deepEqual(tokenize(plain, sv), tokenize(plain.normalize('NFKC'), sv));
});
