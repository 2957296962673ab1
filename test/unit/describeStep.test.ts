import assert from 'node:assert/strict';
import type { RawEvent } from '../../src/shared/rawTrace';
import { buildModel, describeStep, stepsOfKind } from '../../src/shared/model';
import { c01, c02, rawTrace } from './modelFixtures';

describe('describeStep', () => {
  const m1 = buildModel(c01());
  const sentences = Array.from({ length: m1.stepCount }, (_, i) => describeStep(m1, i));

  it('says which API queued which callback where (c01)', () => {
    assert.equal(sentences[2], "`setTimeout` queued `() => console.log('6 timeout')` (line 3) in the timers queue, due in 1 ms");
    assert.equal(sentences[3], "`then` callback `() => console.log('4 promise')` (line 4) queued in the microtask queue because its promise is settled");
    assert.equal(sentences[4], "`queueMicrotask` queued `() => console.log('5 queueMicrotask')` (line 5) in the microtask queue");
    assert.equal(sentences[5], "`process.nextTick` queued `() => console.log('3 nextTick')` (line 6) in the nextTick queue");
  });

  it('explains the drain order and the timers phase (c01)', () => {
    assert.equal(sentences[0], "The main script starts: Node runs the file's top-level code on the call stack");
    assert.equal(sentences[7], 'The main script finished: the call stack is empty');
    assert.match(sentences[8], /^The call stack is empty: Node drains the nextTick queue, then the microtask queue; `\(\) => console.log\('3 nextTick'\)` \(line 6\) runs first$/);
    assert.match(sentences[13], /^The nextTick queue is empty: Node drains the microtask queue; `.*4 promise.*` \(line 4\) runs$/);
    assert.match(sentences[18], /^Next in the microtask queue: /);
    assert.equal(sentences[23], "Timers phase: the timer `() => console.log('6 timeout')` (line 3) is due and runs");
    assert.equal(sentences[1], 'console.log printed "1 sync"');
    assert.equal(sentences[11], '`(anonymous)` returned');
    assert.equal(sentences[sentences.length - 1], 'The run ended: the event loop has nothing left to do');
  });

  it('describes await as leaving the stack and coming back (c02)', () => {
    const m = buildModel(c02());
    assert.equal(describeStep(m, stepsOfKind(m, 'suspend')[0]), '`async1` awaits: it leaves the call stack until the promise settles');
    assert.equal(describeStep(m, stepsOfKind(m, 'resume')[0]), '`async1` resumes after its await: its frame is back on the call stack');
    assert.equal(describeStep(m, stepsOfKind(m, 'push')[0]), '`async1` is called: its frame (line 2) is pushed onto the call stack');
  });

  it('tells await from yield by the source when the probe table cannot', () => {
    const source = ['async function load() {', '  await x;', '}', 'function* gen() {', '  yield 1;', '}', 'const f = async () => {};', 'async function* both() {}', ''].join('\n');
    const probes = [
      { kind: 'function' as const, name: 'load', line: 1, column: 1 },
      { kind: 'function' as const, name: 'gen', line: 4, column: 1 },
      { kind: 'function' as const, name: 'f', line: 7, column: 11 },
      { kind: 'function' as const, name: 'both', line: 8, column: 1 },
    ];
    const events: RawEvent[] = [['run', 0, 'script', 1]];
    probes.forEach((_, k) => events.push(['enter', k, k, k + 1], ['suspend', k + 0.5, k + 1]));
    const m = buildModel(rawTrace(events, probes, 'cjs', source));
    const said = Array.from(stepsOfKind(m, 'suspend'), (i) => describeStep(m, i));
    assert.deepEqual(said, [
      '`load` awaits: it leaves the call stack until the promise settles',
      '`gen` yields: it leaves the call stack until it is resumed',
      '`f` awaits: it leaves the call stack until the promise settles',
      '`both` pauses: it leaves the call stack until it is resumed',
    ]);
  });

  it('reports errors, unhandled rejections, cancels, moves and early ends', () => {
    const events: RawEvent[] = [
      ['run', 0, 'script', 1],
      ['enqueue', 1, 'iv', 'timer', 'tick', 2, null, 10],
      ['cancel', 2, 'iv'],
      ['enqueue', 3, 'im', 'immediate', 'later', 3, null, null],
      ['enter', 3.5, 0, 1],
      ['exit', 3.6, 1],
      ['error', 3.7, 'uncaught', 'TypeError: x is not a function', 4, 3],
      ['error', 4, 'unhandled-rejection', 'Error: boom', null, null],
      ['console', 4.5, 'stderr', 'warn\nsecond line', 5],
      ['end', 5, 'uncaught-error', 1],
    ];
    const m = buildModel(rawTrace(events, [{ kind: 'function', name: 'main', line: 1, column: 1 }]));
    const s = Array.from({ length: m.stepCount }, (_, i) => describeStep(m, i));
    assert.equal(s[1], '`tick` (line 2) was queued in the timers queue, due in 9 ms');
    assert.equal(s[2], '`tick` (line 2) left the timers queue without running: it was cancelled');
    assert.equal(s[3], '`later` (line 3) was queued in the check (setImmediate) queue');
    assert.equal(s[5], '`main` threw: its frame leaves the call stack');
    assert.equal(s[6], 'Uncaught TypeError: x is not a function at line 4');
    assert.equal(s[7], 'Unhandled promise rejection: Error: boom');
    assert.equal(s[8], 'console printed "warn\\nsecond line" to stderr');
    assert.equal(s[9], 'The process exited because of an uncaught error (exit code 1)');
  });

  it('says an interval re-arms, and stopped runs say why', () => {
    const m = buildModel(
      rawTrace([
        ['run', 0, 'script', null],
        ['enqueue', 1, 'iv', 'timer', 'every 10', 2, null, 11],
        ['done', 2, 'script'],
        ['run', 11, 'iv', 2],
        ['done', 12, 'iv'],
        ['enqueue', 12.5, 'iv', 'timer', 'every 10', 2, null, 22],
        ['end', 20, 'timeout', null],
      ]),
    );
    assert.equal(describeStep(m, 5), 'The interval `every 10` (line 2) is re-armed in the timers queue, due in 10 ms');
    assert.equal(describeStep(m, 6), 'The run was stopped: it exceeded the time limit of 5000 ms');
  });

  it('tells the whole c02 run step by step (hand-written: what Node does there)', () => {
    const m = buildModel(c02());
    const said = Array.from({ length: m.stepCount }, (_, i) => describeStep(m, i));
    assert.deepEqual(said, [
      "The main script starts: Node runs the file's top-level code on the call stack",
      'console.log printed "script start"',
      "`setTimeout` queued `() => console.log('setTimeout')` (line 5) in the timers queue, due in 1 ms",
      '`async1` is called: its frame (line 2) is pushed onto the call stack',
      'console.log printed "async1 start"',
      '`async2` is called: its frame (line 3) is pushed onto the call stack',
      'console.log printed "async2"',
      '`async2` returned',
      '`async1` awaits: it leaves the call stack until the promise settles',
      'What `async1` waits for has settled: `resume async1` is queued in the microtask queue',
      '`(anonymous)` is called: its frame (line 7) is pushed onto the call stack',
      'console.log printed "promise1"',
      '`(anonymous)` returned',
      "`then` callback `() => console.log('promise2')` (line 7) queued in the microtask queue because its promise is settled",
      'console.log printed "script end"',
      'The main script finished: the call stack is empty',
      'The call stack and the nextTick queue are empty: Node drains the microtask queue; `resume async1` (line 2) runs',
      '`async1` resumes after its await: its frame is back on the call stack',
      'console.log printed "async1 end"',
      '`async1` returned',
      '`resume async1` finished',
      "Next in the microtask queue: `() => console.log('promise2')` (line 7) runs",
      '`(anonymous)` is called: its frame (line 7) is pushed onto the call stack',
      'console.log printed "promise2"',
      '`(anonymous)` returned',
      "`() => console.log('promise2')` finished",
      "Timers phase: the timer `() => console.log('setTimeout')` (line 5) is due and runs",
      '`(anonymous)` is called: its frame (line 5) is pushed onto the call stack',
      'console.log printed "setTimeout"',
      '`(anonymous)` returned',
      "`() => console.log('setTimeout')` finished",
      'The run ended: the event loop has nothing left to do',
    ]);
  });

  it('tells the whole c01 run step by step (hand-written: what Node does there)', () => {
    const task = (callback: string, line: number, text: string): string[] => [
      `\`(anonymous)\` is called: its frame (line ${line}) is pushed onto the call stack`,
      `console.log printed "${text}"`,
      '`(anonymous)` returned',
      `\`${callback}\` finished`,
    ];
    assert.deepEqual(sentences, [
      "The main script starts: Node runs the file's top-level code on the call stack",
      'console.log printed "1 sync"',
      "`setTimeout` queued `() => console.log('6 timeout')` (line 3) in the timers queue, due in 1 ms",
      "`then` callback `() => console.log('4 promise')` (line 4) queued in the microtask queue because its promise is settled",
      "`queueMicrotask` queued `() => console.log('5 queueMicrotask')` (line 5) in the microtask queue",
      "`process.nextTick` queued `() => console.log('3 nextTick')` (line 6) in the nextTick queue",
      'console.log printed "2 sync end"',
      'The main script finished: the call stack is empty',
      "The call stack is empty: Node drains the nextTick queue, then the microtask queue; `() => console.log('3 nextTick')` (line 6) runs first",
      ...task("() => console.log('3 nextTick')", 6, '3 nextTick'),
      "The nextTick queue is empty: Node drains the microtask queue; `() => console.log('4 promise')` (line 4) runs",
      ...task("() => console.log('4 promise')", 4, '4 promise'),
      "Next in the microtask queue: `() => console.log('5 queueMicrotask')` (line 5) runs",
      ...task("() => console.log('5 queueMicrotask')", 5, '5 queueMicrotask'),
      "Timers phase: the timer `() => console.log('6 timeout')` (line 3) is due and runs",
      ...task("() => console.log('6 timeout')", 3, '6 timeout'),
      'The run ended: the event loop has nothing left to do',
    ]);
  });
});
