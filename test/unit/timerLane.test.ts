// A timer is shown once (src/shared/model/timerLane.ts): In flight while it counts down, the Timers lane once
// it is due, never both; the timer that starts next is in the lane even when its recorded due time is a
// little later (libuv's millisecond clock); a timer without a due time is in the lane. Expected ids are
// hand-written from the events.
import assert from 'node:assert/strict';
import { buildModel, inFlightAt } from '../../src/shared/model';
import { timerLaneAt } from '../../src/shared/model/timerLane';
import type { TraceModel } from '../../src/shared/modelTypes';
import type { RawEvent } from '../../src/shared/rawTrace';
import { rawTrace } from './modelFixtures';

/**
 * The script sets t1 (due 10), t2 (due 30), t3 (no due time), console at 20 ms; t1 runs at 9.6 ms, before its
 * recorded due time; t2 runs at 31.
 * Steps: 0 run script, 1-3 enqueue t1 t2 t3, 4 console (time 5), 5 done (time 6), 6 run t1 (9.6), 7 done t1,
 * 8 console (20), 9 run t2 (31), 10 done t2, 11 run t3, 12 done t3, 13 end.
 */
const EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'], ['run', 1, 'script', null],
  ['enqueue', 2, 't1', 'timer', 'setTimeout', 1, null, 10],
  ['enqueue', 2, 't2', 'timer', 'setTimeout', 2, null, 30],
  ['enqueue', 2, 't3', 'timer', 'setTimeout', 3, null, null],
  ['console', 5, 'stdout', 'x', 4],
  ['done', 6, 'script'],
  ['run', 9.6, 't1', null], ['done', 9.7, 't1'],
  ['console', 20, 'stdout', 'y', 5],
  ['run', 31, 't2', null], ['done', 31.1, 't2'],
  ['run', 31.2, 't3', null], ['done', 31.3, 't3'],
  ['end', 32, 'completed', 0],
];

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

/** The same model through the interface only (not a StepModel): the fallback path must agree. */
function viaInterface(m: TraceModel): TraceModel {
  return {
    meta: m.meta, source: m.source, tasks: m.tasks, console: m.console, errors: m.errors, asyncCalls: m.asyncCalls,
    patterns: m.patterns, stepCount: m.stepCount,
    stateAt: (s) => m.stateAt(s), kindAt: (s) => m.kindAt(s), taskAt: (s) => m.taskAt(s), lineAt: (s) => m.lineAt(s),
    queueHeadAt: (s, q, n) => m.queueHeadAt(s, q, n), queueLengthsAt: (s) => m.queueLengthsAt(s),
  };
}

describe('timerLaneAt: a timer is in In flight or in the Timers lane, never both', () => {
  const model = buildModel(rawTrace(EVENTS));
  const models: [string, TraceModel][] = [['StepModel', model], ['another TraceModel', viaInterface(model)]];

  for (const [name, m] of models) {
    it(`${name}: counting down in In flight, due in the lane, no due time in the lane`, () => {
      assert.equal(m.kindAt(6), 'task-start');
      const lane = (step: number): string[] => ids(timerLaneAt(m, step, 10).items);
      const flight = (step: number): string[] => ids(inFlightAt(m, step).timers);
      // the script: t1 and t2 count down; t3 has no due time
      assert.deepEqual(lane(3), ['t3']);
      assert.deepEqual(flight(3), ['t1', 't2']);
      assert.equal(inFlightAt(m, 3).timerCount, 2);
      // the step before t1 runs (6 ms < its due 10): it starts next, so it is due, in the lane
      assert.deepEqual(lane(5), ['t1', 't3']);
      assert.deepEqual(flight(5), ['t2']);
      assert.equal(timerLaneAt(m, 5, 10).total, 2);
      // 20 ms: t2 still counts down
      assert.deepEqual(lane(8), ['t3']);
      assert.deepEqual(flight(8), ['t2']);
      // t2 ran at 31; t3 waits in the lane the whole time
      assert.deepEqual(lane(10), ['t3']);
      assert.deepEqual(flight(10), []);
      for (let s = 0; s < m.stepCount; s++) {
        const inLane = new Set(ids(timerLaneAt(m, s, 100).items));
        const inFlight = ids(inFlightAt(m, s, 100).timers);
        assert.ok(inFlight.every((id) => !inLane.has(id)), `step ${s}: shown twice`);
        assert.equal(inLane.size + inFlight.length, m.queueLengthsAt(s).timer, `step ${s}: every queued timer shown once`);
      }
    });
  }

  it('lists at most max, with the exact total', () => {
    assert.deepEqual(ids(timerLaneAt(model, 5, 1).items), ['t1']);
    assert.equal(timerLaneAt(model, 5, 1).total, 2);
    assert.deepEqual(timerLaneAt(model, 5, 0).items, []);
  });

  it('at scale: 20k timers due over time, the lane grows as the clock passes their due times', () => {
    const N = 20000;
    const ev: RawEvent[] = [['start', 0, 'cjs'], ['run', 1, 'script', null]];
    for (let k = 0; k < N; k++) ev.push(['enqueue', 2, `t${k}`, 'timer', 'setTimeout', 1, null, 100 + k]);
    ev.push(['done', 3, 'script']);
    for (let k = 0; k < 50; k++) ev.push(['console', 100 + k * 400 + 0.5, 'stdout', String(k), 1]);
    ev.push(['end', 30000, 'completed', 0]);
    const big = buildModel(rawTrace(ev));
    for (let k = 0; k < 50; k++) {
      const step = N + 2 + k;
      const due = Math.min(N, k * 400 + 1);
      const lane = timerLaneAt(big, step, 8);
      assert.equal(lane.total, due, `step ${step}`);
      assert.deepEqual(ids(lane.items), Array.from({ length: Math.min(8, due) }, (_, i) => `t${i}`));
      assert.equal(inFlightAt(big, step, 8).timerCount, N - due);
    }
  });
});
