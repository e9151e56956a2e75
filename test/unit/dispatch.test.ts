import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { createDispatch, isMethod } from '../../main/api/dispatch.ts';
import { contract, methods, type Handlers } from '../../main/api/contract.ts';
import { openProject } from '../../main/services/project.ts';
import { snapshot } from './support/project.ts';

test('only own keys of the contract are methods', () => {
  assert.equal(isMethod('articles.list'), true);
  for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '', 42, null]) assert.equal(isMethod(name), false);
});

test('every contract method has a handler', () => {
  const p = openProject(':memory:');
  assert.deepEqual(Object.keys(p.handlers).sort(), [...methods].sort());
  assert.deepEqual(Object.keys(contract).sort(), [...methods].sort());
  p.close();
});

test('unknown methods and bad input give an error envelope, never a throw', () => {
  const p = openProject(':memory:');
  const before = snapshot(p);
  for (const [method, input, code] of [
    ['articles.drop', {}, 'UNKNOWN_METHOD'],
    ['__proto__', {}, 'UNKNOWN_METHOD'],
    ['articles.get', { id: 'one' }, 'INVALID_INPUT'],
    ['articles.get', {}, 'INVALID_INPUT'],
    ['articles.get', null, 'INVALID_INPUT'],
    ['articles.get', { id: 7 }, 'NOT_FOUND'],
    ['project.info', { extra: true }, 'INVALID_INPUT'],
    ['articles.importText', { text: 5 }, 'INVALID_INPUT'],
    ['articles.importText', { text: 'x', publishedAt: '2 May' }, 'INVALID_INPUT'],
  ] as const) {
    const r = p.dispatch(method, input);
    assert.equal(r.ok, false, `${method}`);
    if (!r.ok) assert.equal(r.error.code, code, `${method}: ${r.error.message}`);
  }
  assert.equal(snapshot(p), before);
  p.close();
});

test('an unexpected failure becomes INTERNAL without leaking the error', () => {
  const logged: unknown[] = [];
  const handlers = {
    'project.info': () => {
      throw new Error('SQLITE_CORRUPT: secret detail');
    },
  } as unknown as Handlers;
  const dispatch = createDispatch(handlers, { db: new Database(':memory:'), log: (e) => logged.push(e) });
  const r = dispatch('project.info', {});
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'INTERNAL');
    assert.doesNotMatch(r.error.message, /SQLITE|secret/);
  }
  assert.equal(logged.length, 1);
});
