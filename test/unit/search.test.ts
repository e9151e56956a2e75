import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ok, tempProject } from './support/project.ts';
import { parseSnippet, toFtsQuery } from '../../main/services/search.ts';
import type { ArticleListItem } from '../../main/api/contract.ts';

test('search ignores diacritics and returns a snippet whose marks cover the match', () => {
  const p = tempProject();
  try {
    ok(p.dispatch('articles.importText', { text: 'Toppmötet\nPresidenten överraskade alla med sitt tal om CSTO:s framtid.' }));
    ok(p.dispatch('articles.importText', { text: 'Ett annat ämne\nVädret var fint i Stockholm.' }));
    const hits = ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', { search: 'overraskade' })).articles;
    assert.equal(hits.length, 1);
    const snip = hits[0]!.snippet!;
    assert.equal(snip.marks.length, 1);
    assert.equal(snip.text.slice(snip.marks[0]!.start, snip.marks[0]!.end), 'överraskade');
    // prefix of the last word, several words (AND), operators typed as text
    assert.equal(ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', { search: 'vädr' })).articles.length, 1);
    assert.equal(ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', { search: 'presidenten stockholm' })).articles.length, 0);
    assert.equal(ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', { search: 'CSTO:s "' })).articles.length, 1);
    assert.equal(ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', { search: '"*)(' })).articles.length, 0);
    assert.equal(ok<{ articles: ArticleListItem[] }>(p.dispatch('articles.list', {})).articles.length, 2);
  } finally {
    p.cleanup();
  }
});

test('queries are built from words only, so FTS5 syntax in the input stays literal', () => {
  assert.equal(toFtsQuery('NEAR( "x" OR'), '"NEAR" "x" "OR"*');
  assert.equal(toFtsQuery('  ---  '), null);
});

test('snippet markers become offsets', () => {
  assert.deepEqual(parseSnippet('a \uE000bc\uE001 d \uE000😀\uE001'), {
    text: 'a bc d 😀',
    marks: [
      { start: 2, end: 4 },
      { start: 7, end: 9 },
    ],
  });
});
