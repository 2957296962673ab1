// Grouping console orders into variants: hand-written orders and the expected grouping.

import assert from 'node:assert/strict';
import { consoleOrder, firstDifference, groupOrderVariants } from '../../src/shared/orderVariants';
import type { RawEvent } from '../../src/shared/rawTrace';

describe('orderVariants', () => {
  it('groups equal orders, most frequent first, ties in the order first seen', () => {
    const a = ['sync', 'timeout', 'immediate'];
    const b = ['sync', 'immediate', 'timeout'];
    const c = ['sync'];
    assert.deepEqual(groupOrderVariants([b, a, a, c, b, a]), {
      count: 6,
      variants: [
        { count: 3, console: a, runs: [1, 2, 5] },
        { count: 2, console: b, runs: [0, 4] },
        { count: 1, console: c, runs: [3] },
      ],
    });
    assert.deepEqual(groupOrderVariants([c, a]).variants.map((v) => v.console), [c, a]);
  });

  it('texts with commas or quotes do not collide', () => {
    assert.equal(groupOrderVariants([['a,b'], ['a', 'b'], ['"a"']]).variants.length, 3);
  });

  it('firstDifference: first unequal index, the shorter length for a prefix, null when equal', () => {
    assert.equal(firstDifference(['a', 'b', 'c'], ['a', 'c', 'b']), 1);
    assert.equal(firstDifference(['a'], ['a', 'b']), 1);
    assert.equal(firstDifference(['a', 'b'], ['a', 'b']), null);
    assert.equal(firstDifference([], ['x']), 0);
  });

  it('consoleOrder reads only console events, in order', () => {
    const events: RawEvent[] = [
      ['start', 0, 'cjs'],
      ['console', 1, 'stdout', 'one', 3],
      ['enqueue', 2, 't1', 'timer', 'cb', 4, null, 5],
      ['console', 3, 'stderr', 'two', 7],
      ['end', 4, 'completed', 0],
    ];
    assert.deepEqual(consoleOrder(events), ['one', 'two']);
  });
});
