import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPainter } from '../../renderer/src/reader/painter.ts';

/** A scheduler the test advances by hand. */
function manual() {
  const tasks: (() => void)[] = [];
  return {
    yieldTo: (t: () => void) => void tasks.push(t),
    step: () => tasks.shift()?.(),
    get waiting() {
      return tasks.length;
    },
  };
}

test('queued blocks are written on the next slice, in order; paintNow writes at once; unregistered never', () => {
  const s = manual();
  // A budget no slice can spend, so a slow moment on a busy machine cannot split this slice.
  const painter = createPainter(1e9, s.yieldTo);
  const done: number[] = [];
  for (const i of [0, 1, 2, 3]) painter.register(i, () => done.push(i));
  painter.unregister(3);
  assert.deepEqual(done, []);
  painter.paintNow(2, 2);
  assert.deepEqual(done, [2]);
  assert.equal(painter.pending, 2);
  s.step();
  assert.deepEqual(done, [2, 0, 1]);
  assert.equal(painter.pending, 0);
  assert.equal(s.waiting, 0);
  painter.dispose();
});

test('work is sliced: once the budget is spent the painter yields before the next block', () => {
  const s = manual();
  const painter = createPainter(1, s.yieldTo);
  const done: number[] = [];
  const busy = (ms: number) => {
    const t = performance.now();
    while (performance.now() - t < ms);
  };
  for (const i of [0, 1, 2]) painter.register(i, () => (busy(3), done.push(i)));
  s.step();
  assert.deepEqual(done, [0]);
  s.step();
  s.step();
  assert.deepEqual(done, [0, 1, 2]);
  painter.dispose();
  painter.register(9, () => done.push(9));
  assert.equal(s.waiting, 0, 'a disposed painter schedules nothing');
});
