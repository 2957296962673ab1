import assert from 'node:assert/strict';
import type { RawEvent } from '../../src/shared/rawTrace';
import {
  buildModel,
  checkQueueDiscipline,
  nextConsoleStep,
  nextStepAtLine,
  nextTaskStart,
  prevConsoleStep,
  prevTaskStart,
  stepsOfKind,
} from '../../src/shared/model';
import { frameLines } from '../../src/shared/model/frameLines';
import { c01, c02, rawTrace } from './modelFixtures';

const ids = (items: { id: string }[]): string[] => items.map((i) => i.id);

describe('model fixtures', () => {
  // they stand in for real traces, so they must obey Node's queue rules themselves
  it('follow Node queue discipline (c01, c02)', () => {
    assert.deepEqual(checkQueueDiscipline(c01()), []);
    assert.deepEqual(checkQueueDiscipline(c02()), []);
  });
});

describe('buildModel: corpus c01 (nextTick vs promise vs queueMicrotask vs timer)', () => {
  const model = buildModel(c01());

  it('makes one step per event except line/start, with the expected kinds', () => {
    const kinds = Array.from({ length: model.stepCount }, (_, i) => model.kindAt(i));
    const cb = ['task-start', 'push', 'console', 'pop', 'task-end'];
    assert.deepEqual(kinds, [
      'task-start', 'console', 'enqueue', 'enqueue', 'enqueue', 'enqueue', 'console', 'task-end',
      ...cb, ...cb, ...cb, ...cb,
      'end',
    ]);
  });

  it('has the queues Node has when the script ends', () => {
    const s = model.stateAt(7); // task-end of the script
    assert.equal(s.kind, 'task-end');
    assert.deepEqual(ids(s.queues.nextTick), ['k4']);
    assert.deepEqual(ids(s.queues.microtask), ['p2', 'm3']);
    assert.deepEqual(ids(s.queues.timer), ['t1']);
    assert.equal(s.queues.timer[0].due, 1.5);
    assert.equal(s.queues.microtask[0].label, "() => console.log('4 promise')");
    assert.equal(s.queues.microtask[0].line, 4);
    assert.deepEqual(s.stack, []);
  });

  it('takes the item off its queue when its task starts', () => {
    const s = model.stateAt(8);
    assert.deepEqual(s.subject, { kind: 'task-start', task: 1 });
    assert.deepEqual(ids(s.queues.nextTick), []);
    assert.deepEqual(ids(s.queues.microtask), ['p2', 'm3']);
    assert.equal(s.draining, 'nextTick');
    assert.equal(s.phase, 'main');
    const p = model.stateAt(13);
    assert.equal(p.draining, 'microtask');
    assert.deepEqual(ids(p.queues.microtask), ['m3']);
  });

  it('numbers tasks in run order with their queue and phase', () => {
    assert.deepEqual(
      model.tasks.map((t) => [t.id, t.itemId, t.queue, t.phase, t.line]),
      [
        [0, 'script', 'script', 'main', 2],
        [1, 'k4', 'nextTick', 'main', 6],
        [2, 'p2', 'microtask', 'main', 4],
        [3, 'm3', 'microtask', 'main', 5],
        [4, 't1', 'timer', 'timers', 3],
      ],
    );
    assert.equal(model.tasks[0].label, 'main script');
    assert.deepEqual([model.tasks[4].firstStep, model.tasks[4].lastStep], [23, 27]);
  });

  it('records console lines in Node order with task, step, stack and line', () => {
    assert.deepEqual(model.console.map((c) => c.text), ['1 sync', '2 sync end', '3 nextTick', '4 promise', '5 queueMicrotask', '6 timeout']);
    assert.deepEqual(model.console[0], { text: '1 sync', stream: 'stdout', task: 0, step: 1, stack: [], line: 2, file: 'fixture.js' });
    assert.deepEqual(model.console[5], { text: '6 timeout', stream: 'stdout', task: 4, step: 25, stack: ['(anonymous)'], line: 3, file: 'fixture.js' });
  });

  it('keeps the running line and the frame of a callback', () => {
    const s = model.stateAt(24);
    assert.deepEqual(s.stack, [{ id: 4, name: '(anonymous)', line: 3, file: 'fixture.js' }]);
    assert.equal(s.line, 3);
    // an enqueue step shows the running line: the runtime sends no per-statement line events, so after
    // console.log on line 2 the queueMicrotask on line 5 still shows line 2 (its item keeps line 5)
    assert.equal(model.lineAt(4), 2);
    assert.equal(model.stateAt(4).queues.microtask[1].line, 5);
  });

  it('finds the next/previous console step and task start', () => {
    assert.equal(nextConsoleStep(model, 1), 6);
    assert.equal(prevConsoleStep(model, 6), 1);
    assert.equal(nextConsoleStep(model, 25), -1);
    assert.equal(nextTaskStart(model, 0), 8);
    assert.equal(prevTaskStart(model, 8), 0);
    assert.deepEqual(Array.from(stepsOfKind(model, 'task-start')), [0, 8, 13, 18, 23]);
    assert.equal(nextStepAtLine(model, 2, 5), 18); // the queueMicrotask callback's task-start
  });

  it('rejects steps out of range with a RangeError', () => {
    assert.throws(() => model.stateAt(model.stepCount), RangeError);
    assert.throws(() => model.kindAt(-1), RangeError);
  });
});

describe('buildModel: corpus c02 (await)', () => {
  const model = buildModel(c02());

  it('takes an awaiting frame off the stack and puts it back when it resumes', () => {
    const suspend = stepsOfKind(model, 'suspend')[0];
    assert.deepEqual(model.stateAt(suspend - 1).stack.map((f) => f.name), ['async1']);
    assert.deepEqual(model.stateAt(suspend).stack, []);
    const resume = stepsOfKind(model, 'resume')[0];
    const s = model.stateAt(resume);
    assert.deepEqual(s.stack.map((f) => f.name), ['async1']);
    assert.equal(s.task, 1);
    assert.equal(model.tasks[1].label, 'resume async1');
  });

  it('gives console lines the user functions on the stack, bottom to top', () => {
    const byText = new Map(model.console.map((c) => [c.text, c.stack]));
    assert.deepEqual(byText.get('async2'), ['async1', 'async2']);
    assert.deepEqual(byText.get('async1 end'), ['async1']);
    assert.deepEqual(byText.get('script end'), []);
  });
});

describe('buildModel: queue rules', () => {
  const build = (events: RawEvent[]) => buildModel(rawTrace(events));

  it('keeps the timer queue in due order, ties in insertion order', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enqueue', 1, 'a', 'timer', 'A', 1, null, 10],
      ['enqueue', 2, 'b', 'timer', 'B', 2, null, 5],
      ['enqueue', 3, 'c', 'timer', 'C', 3, null, 10],
      ['enqueue', 4, 'd', 'timer', 'D', 4, null, 5],
      ['enqueue', 5, 'e', 'timer', 'E', 5, null, 1],
    ]);
    assert.deepEqual(ids(m.stateAt(m.stepCount - 1).queues.timer), ['e', 'b', 'd', 'a', 'c']);
  });

  it('moves an interval re-armed with the same id to its new due position', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enqueue', 1, 'iv', 'timer', 'interval', 1, null, 10],
      ['enqueue', 2, 't', 'timer', 'timeout', 2, null, 15],
      ['done', 3, 'script'],
      ['run', 10, 'iv', 1],
      ['done', 11, 'iv'],
      ['enqueue', 11.5, 'iv', 'timer', 'interval', 1, null, 20],
      ['enqueue', 12, 'x', 'timer', 'x', 3, null, 30],
      ['enqueue', 13, 'x', 'timer', 'x', 3, null, 12], // same id, still queued: moves, no duplicate
    ]);
    const last = m.stateAt(m.stepCount - 1);
    assert.deepEqual(ids(last.queues.timer), ['x', 't', 'iv']);
    assert.deepEqual(last.queues.timer.map((i) => i.due), [12, 15, 20]);
  });

  it('lets io complete in any order and cancels remove the item', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enqueue', 1, 'r1', 'io', 'read 1', 1, null, null],
      ['enqueue', 2, 'r2', 'io', 'read 2', 2, null, null],
      ['enqueue', 3, 'im', 'immediate', 'imm', 3, null, null],
      ['cancel', 4, 'im'],
      ['done', 5, 'script'],
      ['run', 6, 'r2', 2],
    ]);
    const s = m.stateAt(m.stepCount - 1);
    assert.deepEqual(ids(s.queues.io), ['r1']);
    assert.deepEqual(ids(s.queues.immediate), []);
    assert.equal(m.tasks[1].phase, 'poll');
    assert.equal(m.kindAt(4), 'cancel');
  });

  it('gives drained jobs the phase of the macrotask before them', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enqueue', 1, 'im', 'immediate', 'imm', 1, null, null],
      ['done', 2, 'script'],
      ['run', 3, 'im', 1],
      ['enqueue', 4, 'mt', 'microtask', 'job', 2, null, null],
      ['done', 5, 'im'],
      ['run', 6, 'mt', 2],
      ['done', 7, 'mt'],
    ]);
    assert.deepEqual(m.tasks.map((t) => t.phase), ['main', 'check', 'check']);
    assert.equal(m.stateAt(6).phase, 'check');
    assert.equal(m.stateAt(6).draining, 'microtask');
    assert.equal(m.stateAt(5).draining, null);
  });

  it('labels items from their site probe: snippet, else name; resumes as "resume <fn>"', () => {
    const m = buildModel(
      rawTrace(
        [
          ['run', 0, 'script', null],
          ['enqueue', 1, 'a', 'nextTick', 'TickObject', null, 0, null],
          ['enqueue', 2, 'b', 'immediate', 'Immediate', null, 1, null],
          ['enqueue', 3, 'c', 'microtask', 'PromiseReaction', null, 2, null],
          ['enqueue', 4, 'd', 'microtask', 'PromiseReaction', 9, null, null],
        ],
        [
          { kind: 'schedule', name: 'process.nextTick', line: 1, column: 1, snippet: 'tick()' },
          { kind: 'schedule', name: 'setImmediate', line: 2, column: 1 },
          { kind: 'function', name: 'fetchUser', line: 3, column: 1 },
        ],
      ),
    );
    const q = m.stateAt(m.stepCount - 1).queues;
    assert.deepEqual(q.nextTick[0], { id: 'a', label: 'tick()', line: 1, file: 'fixture.js', enqueuedAt: 1 });
    assert.deepEqual(q.immediate[0], { id: 'b', label: 'setImmediate', line: 2, file: 'fixture.js', enqueuedAt: 2 });
    assert.deepEqual(q.microtask, [
      { id: 'c', label: 'resume fetchUser', line: 3, file: 'fixture.js', enqueuedAt: 3 },
      { id: 'd', label: 'PromiseReaction', line: 9, file: 'fixture.js', enqueuedAt: 4 },
    ]);
  });

  it('ends an exited frame wherever it is, and an exit of a suspended frame just ends it', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enter', 1, 0, 1],
      ['enter', 2, 0, 2],
      ['enter', 3, 0, 3],
      ['exit', 4, 2], // not on top
      ['suspend', 5, 3],
      ['exit', 6, 3], // suspended
      ['resume', 7, 3], // unknown by now: skipped
    ]);
    assert.deepEqual(m.stateAt(4).stack.map((f) => f.id), [1, 3]);
    assert.deepEqual(m.stateAt(5).stack.map((f) => f.id), [1]);
    assert.equal(m.kindAt(6), 'pop');
    assert.deepEqual(m.stateAt(6).stack.map((f) => f.id), [1]);
    assert.equal(m.stepCount, 7);
  });

  it('skips unknown event kinds (a newer runtime) and events about unknown things', () => {
    const events = [
      ['start', 0, 'cjs'],
      ['run', 0, 'script', null],
      ['gc', 1, 'major'],
      ['console', 2, 'stdout', 'hi', 1],
      ['cancel', 3, 'never-queued'],
      ['exit', 4, 99],
      ['enqueue', 5, 'z', 'someday-queue', 'z', 1, null, null],
      ['done', 6, 'script'],
      ['done', 7, 'script'],
    ] as unknown as RawEvent[];
    const m = build(events);
    assert.deepEqual(Array.from({ length: m.stepCount }, (_, i) => m.kindAt(i)), ['task-start', 'console', 'task-end']);
  });

  it('clears frames left on the stack when their task ends, and closes a task left running at the end', () => {
    const m = build([
      ['run', 0, 'script', null],
      ['enter', 1, 0, 1],
      ['done', 2, 'script'],
      ['enqueue', 3, 'm', 'microtask', 'job', null, null, null],
      ['run', 4, 'm', null],
      ['end', 5, 'process-exit', 3],
    ]);
    assert.deepEqual(m.stateAt(2).stack, []);
    assert.deepEqual(m.tasks[1].end, 5);
    assert.equal(m.tasks[1].lastStep, m.stepCount - 1);
    assert.deepEqual(m.stateAt(m.stepCount - 1).subject, { kind: 'end', reason: 'process-exit', code: 3 });
  });

  it('labels the ES module body and records errors with their step and task', () => {
    const m = buildModel(
      rawTrace(
        [
          ['run', 0, 'script', 1],
          ['error', 1, 'uncaught', 'TypeError: x is not a function', 4, 7],
          ['end', 2, 'uncaught-error', 1],
        ],
        [],
        'esm',
      ),
    );
    assert.equal(m.tasks[0].label, 'ES module body (runs as a job)');
    assert.deepEqual(m.errors, [{ kind: 'uncaught', message: 'TypeError: x is not a function', line: 4, file: 'fixture.js', column: 7, step: 1, task: 0 }]);
  });
});

describe('stateAt: snapshots', () => {
  it('keeps a state read earlier unchanged after other steps were read', () => {
    const m = buildModel(c01());
    const early = m.stateAt(5);
    const late = m.stateAt(20);
    assert.deepEqual(ids(late.queues.microtask), []);
    assert.deepEqual(ids(early.queues.microtask), ['p2', 'm3']); // read after the cursor moved on
    assert.deepEqual(ids(early.queues.nextTick), ['k4']);
    const again = m.stateAt(5);
    assert.deepEqual(JSON.parse(JSON.stringify(again)), JSON.parse(JSON.stringify(early)));
  });
});

describe('frameLines: the line each frame is at', () => {
  const probes = [
    { kind: 'function' as const, name: 'main', line: 1, column: 1 },
    { kind: 'function' as const, name: 'greet', line: 5, column: 1 },
  ];
  it('lower frames are at the call site of the frame above; the top one at the running line', () => {
    const m = buildModel(
      rawTrace(
        [
          ['run', 0, 'script', null],
          ['enter', 1, 0, 1, 12], // main() called from line 12
          ['enter', 2, 1, 2, 3], // greet() called from main's line 3
          ['console', 3, 'stdout', 'hi', 6],
          ['exit', 4, 2],
          ['exit', 5, 1],
          ['done', 6, 'script'],
        ],
        probes,
      ),
    );
    const atConsole = m.stateAt(m.console[0].step);
    assert.deepEqual(atConsole.stack.map((f) => [f.name, f.line, f.callerLine]), [['main', 1, 12], ['greet', 5, 3]]);
    assert.deepEqual(frameLines(atConsole.stack, atConsole.line), [3, 6]);
    const afterGreet = m.stateAt(4); // greet popped: main runs again at its call site
    assert.equal(afterGreet.line, 3);
    assert.deepEqual(frameLines(afterGreet.stack, afterGreet.line), [3]);
  });
  it('a suspend step shows the await line; the caller then runs at the call site again', () => {
    const m = buildModel(
      rawTrace(
        [
          ['run', 0, 'script', null],
          ['enter', 1, 0, 1, 12],
          ['suspend', 2, 1, 3], // main awaits at its line 3
          ['console', 3, 'stdout', 'sync done', 13],
          ['done', 4, 'script'],
        ],
        probes,
      ),
    );
    assert.equal(m.kindAt(2), 'suspend');
    assert.equal(m.lineAt(2), 3);
    assert.deepEqual(m.stateAt(2).stack, []);
    assert.equal(m.lineAt(3), 13);
  });
  it('traces without call sites fall back to the function lines', () => {
    const m = buildModel(rawTrace([['run', 0, 'script', null], ['enter', 1, 0, 1], ['enter', 2, 1, 2], ['done', 3, 'script']], probes));
    const s = m.stateAt(2);
    assert.deepEqual(frameLines(s.stack, null), [1, 5]);
  });
});
