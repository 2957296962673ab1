// In flight at scale (src/shared/model/inFlight.ts): tens of thousands of pending operations and timers,
// each step's listing bounded and its counts exact, read at steps far apart, without a walk of the queues.
import assert from 'node:assert/strict';
import { buildModel, inFlightAt } from '../../src/shared/model';
import type { RawEvent } from '../../src/shared/rawTrace';
import { rawTrace } from './modelFixtures';

const N = 20000;

/** The script starts N fs reads and N timers (due at 1000 + k ms); then every read's callback runs in turn. */
function bigTrace(): RawEvent[] {
  const ev: RawEvent[] = [['start', 0, 'cjs'], ['run', 1, 'script', null]];
  for (let k = 0; k < N; k++) {
    ev.push(['pending', 2, `f${k}`, 'FSREQCALLBACK', 3]);
    ev.push(['enqueue', 2, `t${k}`, 'timer', 'setTimeout', 4, null, 1000 + k]);
  }
  ev.push(['done', 3, 'script']);
  for (let k = 0; k < N; k++) {
    ev.push(['enqueue', 10 + k / 100, `f${k}`, 'io', 'FSREQCALLBACK', 3, null, null]);
    ev.push(['run', 10 + k / 100, `f${k}`, null]);
    ev.push(['done', 10 + k / 100, `f${k}`]);
  }
  ev.push(['end', 900, 'completed', 0]);
  return ev;
}

/** Steps: 0 the script starts; k+1 timer k is queued (fs read k started just before); N+1 the script ends;
 * then read k's callback is queued at step N+2+3k, runs, ends. */
function expectedOperations(step: number): number {
  if (step <= N) return step;
  if (step === N + 1) return N;
  return N - (Math.floor((step - N - 2) / 3) + 1);
}

describe('inFlightAt', () => {
  it('counts exactly and lists at most `max`, at steps far apart of a trace with 20k pending operations and timers', () => {
    const model = buildModel(rawTrace(bigTrace()));
    assert.equal(model.stepCount, 1 + N + 1 + 3 * N + 1);
    const checks = [0, 1, 7, N, N + 1, N + 2, N + 3, N + 2 + 3 * 5000, N + 1 + 3 * 5000, model.stepCount - 2, 3];
    for (const step of checks) {
      const at = inFlightAt(model, step, 8);
      const timers = Math.min(step, N);
      assert.equal(at.timerCount, timers, `step ${step}: every queued timer is due later than ${model.timeAt(step)} ms`);
      assert.deepEqual(at.timers.map((t) => t.due), Array.from({ length: Math.min(8, timers) }, (_, k) => 1000 + k));
      assert.equal(at.operationCount, expectedOperations(step), `step ${step}`);
      assert.equal(at.operations.length, Math.min(8, expectedOperations(step)), `step ${step}`);
      assert.ok(at.operations.every((o) => o.kind === 'fs' && o.title === 'fs' && o.short === 'fs' && o.pendingFor >= 0 && o.line === 3));
    }
  });

  it('has nothing in flight once every operation landed and every timer is due', () => {
    const events = bigTrace();
    events[events.length - 1] = ['end', 30000, 'completed', 0];
    const model = buildModel(rawTrace(events));
    const at = inFlightAt(model, model.stepCount - 1);
    assert.equal(at.operationCount, 0);
    assert.equal(at.operations.length, 0);
    assert.equal(at.timerCount, 0, 'due before the end: ready, not in flight');
  });

  it('an operation that settled unseen leaves at the next step; one still pending at the end stays', () => {
    const model = buildModel(rawTrace([
      ['start', 0, 'cjs'], ['run', 1, 'script', null],
      ['pending', 2, '5', 'TCPWRAP', 1], ['pending', 2, '6', 'PROCESSWRAP', 2], ['pending', 2, '7', 'WRITEWRAP', 2],
      ['console', 3, 'stdout', 'x', 3],
      ['settled', 4, '5'],
      ['done', 5, 'script'], ['end', 6, 'completed', 0],
    ]));
    const kinds = (step: number): string[] => inFlightAt(model, step).operations.map((o) => o.short);
    assert.deepEqual(kinds(0), []);
    assert.deepEqual(kinds(1), ['socket', 'child'], 'a type not shown as in flight (WRITEWRAP) is left out');
    assert.equal(inFlightAt(model, 1).operationCount, 2);
    assert.deepEqual(kinds(2), ['child']);
    assert.deepEqual(kinds(3), ['child']);
  });
});
