import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excerpt, normaliseSelection, snapEnd, snapOutwards, snapStart } from '../../renderer/src/reader/text.ts';

const text = 'Säkerhet: ”trolling på hög nivå” 😀 café e\u0301clair 🇸🇪 slut.';

test('snapStart and snapEnd never split a surrogate pair', () => {
  const emoji = text.indexOf('😀');
  assert.equal(snapStart(text, emoji + 1), emoji);
  assert.equal(snapEnd(text, emoji + 1), emoji + 2);
  assert.equal(snapStart(text, emoji), emoji);
  assert.equal(snapEnd(text, emoji + 2), emoji + 2);
});

test('snapOutwards keeps grapheme clusters whole: combining marks and flags', () => {
  const e = text.indexOf('e\u0301');
  // A span ending between "e" and its combining accent takes the accent along.
  assert.deepEqual(snapOutwards(text, e, e + 1), { start: e, end: e + 2 });
  // A span starting on the accent starts at the "e".
  assert.deepEqual(snapOutwards(text, e + 1, e + 4), { start: e, end: e + 4 });
  const flag = text.indexOf('🇸🇪');
  assert.equal(text.slice(flag, flag + 4), '🇸🇪');
  // Between the two regional indicators, and inside each surrogate pair.
  for (const cut of [flag + 1, flag + 2, flag + 3]) {
    assert.deepEqual(snapOutwards(text, cut, cut + 1), { start: flag, end: flag + 4 }, `cut at +${cut - flag}`);
  }
});

test('normaliseSelection trims white space (including no-break space and newlines) and orders ends', () => {
  const t = 'Intro\n\n  Putins tal\u00a0 \nslut';
  const s = t.indexOf('Putins');
  const r = normaliseSelection(t, t.indexOf('slut') - 1, 5);
  assert.deepEqual(r, { start: s, end: s + 'Putins tal'.length });
  assert.equal(normaliseSelection(t, 5, 9), null);
  assert.equal(normaliseSelection(t, 3, 3), null);
});

test('normaliseSelection snaps an astral emoji outwards and clamps to the text', () => {
  const emoji = text.indexOf('😀');
  assert.deepEqual(normaliseSelection(text, emoji + 1, emoji + 2), { start: emoji, end: emoji + 2 });
  const r = normaliseSelection(text, -5, 1e9)!;
  assert.equal(r.start, 0);
  assert.equal(r.end, text.length);
});

test('offsets around å ä ö and typographic quotes are plain UTF-16 indices', () => {
  const r = normaliseSelection(text, text.indexOf('”'), text.indexOf('”', text.indexOf('”') + 1) + 1)!;
  assert.equal(text.slice(r.start, r.end), '”trolling på hög nivå”');
});

test('excerpt flattens white space, cuts long quotes and never leaves half an emoji', () => {
  assert.equal(excerpt('a\n\nb  c'), 'a b c');
  const long = 'x'.repeat(10) + '😀'.repeat(10);
  const out = excerpt(long, 12);
  assert.ok(out.endsWith('…'));
  assert.ok(!/[\ud800-\udbff]…$/.test(out), out);
});
