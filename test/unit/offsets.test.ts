import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backCodePoints, codePointMapper, forwardCodePoints, quoteWithContext, splitsSurrogatePair } from '../../main/services/text/offsets.ts';
import { TRICKY_TEXT } from './support/project.ts';

test('UTF-16 offsets convert to code points that cut the same passage', () => {
  const text = TRICKY_TEXT;
  const toCp = codePointMapper(text);
  const chars = Array.from(text);
  for (const passage of ['Presidenten', 'trolling på hög nivå', '😀', 'e\u0301', 'suveränitet', 'allianser']) {
    const start = text.indexOf(passage);
    const end = start + passage.length;
    assert.equal(chars.slice(toCp(start), toCp(end)).join(''), passage, passage);
  }
  // After two astral characters (the flag is two regional indicators) a later offset moves back by three.
  const after = text.indexOf('Sedan');
  assert.equal(after - toCp(after), 3);
});

test('a text without astral characters maps offsets to themselves', () => {
  const toCp = codePointMapper('åäö “quoted” e\u0301');
  assert.equal(toCp(7), 7);
});

test('an offset inside an emoji is detected', () => {
  const text = 'a😀b';
  assert.equal(splitsSurrogatePair(text, 2), true);
  assert.equal(splitsSurrogatePair(text, 1), false);
  assert.equal(splitsSurrogatePair(text, 3), false);
});

test('context is counted in code points and never splits an emoji', () => {
  const text = '😀'.repeat(100) + 'X' + '😀'.repeat(100);
  const start = 200;
  const { quote, contextBefore, contextAfter } = quoteWithContext(text, start, start + 1);
  assert.equal(quote, 'X');
  assert.equal(Array.from(contextBefore).length, 80);
  assert.equal(Array.from(contextAfter).length, 80);
  assert.equal(backCodePoints(text, 4, 1), 2);
  assert.equal(forwardCodePoints(text, 0, 2), 4);
});
