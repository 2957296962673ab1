// The TraceModel's queue-head reads (queueHeadAt, queueLengthsAt): what a renderer uses to show the head of a
// queue and its length without building a queue that may be thousands deep. Expected values are hand-written
// from the fixtures' events.

import assert from 'node:assert/strict';
import type { RawEvent } from '../../src/shared/rawTrace';
import type { TraceModel } from '../../src/shared/modelTypes';
import { buildModel } from '../../src/shared/model';
import { c01, rawTrace } from './modelFixtures';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

describe('TraceModel.queueHeadAt / queueLengthsAt', () => {
  // typed as the interface: every model offers them, no duck typing
  const model: TraceModel = buildModel(c01());

  it('gives the queues Node has when the c01 script ends (step 7), head first', () => {
    assert.deepEqual(model.queueLengthsAt(7), { nextTick: 1, microtask: 2, timer: 1, immediate: 0, io: 0, close: 0 });
    assert.deepEqual(ids(model.queueHeadAt(7, 'microtask', 10)), ['p2', 'm3']);
    assert.deepEqual(ids(model.queueHeadAt(7, 'nextTick', 10)), ['k4']);
    const [timer] = model.queueHeadAt(7, 'timer', 10);
    // the call site as written in c01's source, and its literal delay
    assert.deepEqual(timer, {
      id: 't1',
      label: "() => console.log('6 timeout')",
      call: 'setTimeout(() => …, 0)',
      body: "() => console.log('6 timeout')",
      delay: 0,
      line: 3,
      file: 'fixture.js',
      due: 1.5,
      enqueuedAt: 0.5,
    });
  });

  it('cuts the head at max (0 and negative give none)', () => {
    assert.deepEqual(ids(model.queueHeadAt(7, 'microtask', 1)), ['p2']);
    assert.deepEqual(model.queueHeadAt(7, 'microtask', 0), []);
    assert.deepEqual(model.queueHeadAt(7, 'microtask', -3), []);
    assert.deepEqual(model.queueHeadAt(7, 'immediate', 5), []);
  });

  it('follows the queues as tasks take items off them', () => {
    // step 0: the script started, nothing queued yet; step 8: the nextTick's task started
    assert.deepEqual(model.queueLengthsAt(0), { nextTick: 0, microtask: 0, timer: 0, immediate: 0, io: 0, close: 0 });
    assert.deepEqual(model.queueLengthsAt(8), { nextTick: 0, microtask: 2, timer: 1, immediate: 0, io: 0, close: 0 });
    assert.deepEqual(ids(model.queueHeadAt(13, 'microtask', 5)), ['m3']);
    assert.deepEqual(model.queueLengthsAt(model.stepCount - 1), { nextTick: 0, microtask: 0, timer: 0, immediate: 0, io: 0, close: 0 });
  });

  it('reads the head of a 50k-deep queue, at steps far apart, in any order', () => {
    const n = 50_000;
    const events: RawEvent[] = [['run', 0, 'script', 1]];
    for (let i = 0; i < n; i++) events.push(['enqueue', 1, `m${i}`, 'microtask', 'Microtask', 2, null, null]);
    events.push(['done', 2, 'script']);
    for (let i = 0; i < n; i++) events.push(['run', 3, `m${i}`, 2], ['done', 3, `m${i}`]);
    const big: TraceModel = buildModel(rawTrace(events));
    const afterScript = n + 1; // task-start, n enqueues, task-end
    assert.equal(big.kindAt(afterScript), 'task-end');
    assert.equal(big.queueLengthsAt(afterScript).microtask, n);
    assert.deepEqual(ids(big.queueHeadAt(afterScript, 'microtask', 3)), ['m0', 'm1', 'm2']);
    // microtask k's task-start is at afterScript + 1 + 2k; after it, m(k+1) heads the queue
    const k = 30_000;
    assert.deepEqual(ids(big.queueHeadAt(afterScript + 1 + 2 * k, 'microtask', 2)), [`m${k + 1}`, `m${k + 2}`]);
    assert.equal(big.queueLengthsAt(afterScript + 1 + 2 * k).microtask, n - k - 1);
    assert.deepEqual(ids(big.queueHeadAt(5, 'microtask', 10)), ['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});
