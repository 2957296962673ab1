import assert from 'node:assert/strict';
import type { Probe, QueueName, RawEvent } from '../../src/shared/rawTrace';
import { QUEUE_NAMES } from '../../src/shared/rawTrace';
import { buildModel } from '../../src/shared/model';
import { traceDocument, traceDocumentChunks } from '../../src/shared/traceDocument';
import { c01, c02, rawTrace } from './modelFixtures';

describe('traceDocument', () => {
  const model = buildModel(c01());
  const text = Array.from(traceDocumentChunks(model)).join('');
  const doc = JSON.parse(text);

  it('is valid JSON with the required top-level fields', () => {
    assert.equal(doc.schemaVersion, 1);
    assert.equal(doc.node, 'v20.20.2');
    assert.equal(doc.module, 'cjs');
    assert.deepEqual(doc.exit, { code: 0, reason: 'completed' });
    for (const key of ['tasks', 'console', 'errors', 'steps']) assert.ok(Array.isArray(doc[key]), key);
  });

  it('lists tasks with id, queue, label, line, start, end, phase; tasks[0] is the script', () => {
    assert.equal(doc.tasks.length, 5);
    for (const t of doc.tasks) for (const key of ['id', 'queue', 'label', 'line', 'start', 'end', 'phase']) assert.ok(key in t, key);
    assert.deepEqual([doc.tasks[0].queue, doc.tasks[0].label, doc.tasks[0].phase], ['script', 'main script', 'main']);
    assert.deepEqual(doc.tasks.map((t: { queue: string }) => t.queue), ['script', 'nextTick', 'microtask', 'microtask', 'timer']);
  });

  it('lists console lines with their stacks', () => {
    assert.deepEqual(doc.console.map((c: { text: string }) => c.text), ['1 sync', '2 sync end', '3 nextTick', '4 promise', '5 queueMicrotask', '6 timeout']);
    assert.deepEqual(doc.console[2], { text: '3 nextTick', stream: 'stdout', task: 1, step: 10, stack: ['(anonymous)'], line: 6, file: 'fixture.js', thread: 0 });
  });

  it('writes every step with its sentence, stack and all six queues', () => {
    assert.equal(doc.steps.length, model.stepCount);
    const s7 = doc.steps[7];
    assert.deepEqual(
      [s7.kind, s7.task, s7.line, s7.phase, s7.description],
      ['task-end', 0, 7, 'main', 'The main script finished: the call stack is empty'],
    );
    assert.deepEqual(Object.keys(s7.queues), [...QUEUE_NAMES]);
    assert.deepEqual(s7.queues.timer, [{ id: 't1', label: "() => console.log('6 timeout')", line: 3, file: 'fixture.js', due: 1.5 }]);
    assert.deepEqual(s7.queues.microtask.map((i: { id: string }) => i.id), ['p2', 'm3']);
    assert.deepEqual(s7.queues.nextTick, [{ id: 'k4', label: "() => console.log('3 nextTick')", line: 6, file: 'fixture.js' }]);
    assert.deepEqual(doc.steps[9].stack, [{ id: 1, name: '(anonymous)', line: 6, file: 'fixture.js', callerLine: null }]);
    assert.deepEqual(doc.steps[9].queues.nextTick, []);
  });

  it('writes the stack and queues a naive replay of the raw events gives, at every step (c02, with await)', () => {
    const raw = c02();
    const d = traceDocument(buildModel(raw));
    const expected = naiveReplay(raw.events, raw.probes, C02_ITEM_LABELS);
    assert.equal(d.steps.length, expected.length);
    for (let i = 0; i < expected.length; i++) {
      assert.equal(d.steps[i].kind, expected[i].kind, `kind at step ${i}`);
      assert.deepEqual(d.steps[i].stack, expected[i].stack, `stack at step ${i}`);
      assert.deepEqual(d.steps[i].queues, expected[i].queues, `queues at step ${i}`);
    }
    assert.equal(d.errors.length, 0);
  });

  it('streams a large trace in many pieces, and can cap queue items per step', () => {
    const events: RawEvent[] = [['run', 0, 'script', null]];
    for (let i = 0; i < 3000; i++) events.push(['enqueue', i, `p${i}`, 'microtask', 'job', null, null, null]);
    events.push(['done', 3000, 'script']);
    const big = buildModel(rawTrace(events));
    const chunks = Array.from(traceDocumentChunks(big, { maxQueueItems: 50 }));
    assert.ok(chunks.length > 10, `${chunks.length} chunks`);
    assert.ok(chunks.every((c) => c.length < 200_000));
    const d = JSON.parse(chunks.join(''));
    const last = d.steps[d.steps.length - 1];
    assert.equal(last.queues.microtask.length, 50);
    assert.deepEqual(last.truncated, { microtask: 3000 });
    assert.equal(d.steps[10].truncated, undefined);
  });

  it('caps the stack per step to its top frames and says how deep it really was', () => {
    const events: RawEvent[] = [['run', 0, 'script', null]];
    for (let i = 0; i < 30; i++) events.push(['enter', i, 0, i + 1]);
    for (let i = 30; i > 0; i--) events.push(['exit', 100 - i, i]);
    events.push(['done', 200, 'script']);
    const probes = [{ kind: 'function' as const, name: 'down', line: 1, column: 1 }];
    const d = JSON.parse(Array.from(traceDocumentChunks(buildModel(rawTrace(events, probes)), { maxStackFrames: 5 })).join(''));
    const deepest = d.steps[30]; // after the 30th push
    assert.deepEqual(deepest.stack.map((f: { id: number }) => f.id), [26, 27, 28, 29, 30], 'the top five, bottom to top');
    assert.deepEqual(deepest.truncated, { stack: 30 });
    assert.equal(d.steps[3].truncated, undefined);
    assert.equal(d.steps[3].stack.length, 3);
  });

  it('labels an ES module body', () => {
    const d = traceDocument(buildModel(rawTrace([['run', 0, 'script', 1], ['done', 1, 'script']], [], 'esm')));
    assert.equal(d.module, 'esm');
    assert.equal(d.tasks[0].label, 'ES module body (runs as a job)');
  });
});

/** c02's queued callbacks as the panel names them: the scheduling site's source, or the function it resumes. */
const C02_ITEM_LABELS: Record<string, string> = {
  t1: "() => console.log('setTimeout')",
  a2: 'resume async1',
  p3: "() => console.log('promise2')",
};

interface NaiveStep {
  kind: string;
  stack: { id: number; name: string; line: number; file: string | null; callerLine: number | null }[];
  queues: Record<QueueName, { id: string; label: string; line: number | null; file: string | null; due?: number }[]>;
}

/**
 * The stack and queues after every event, by the plainest reading of the raw events (rawTrace.ts): no
 * checkpoints, no ops, a full copy per step. Fine for a trace of thirty events where every event but
 * 'start' is a step; timers are kept earliest due first.
 */
function naiveReplay(events: RawEvent[], probes: Probe[], labels: Record<string, string>): NaiveStep[] {
  const stepKind: Partial<Record<string, string>> = { run: 'task-start', done: 'task-end', enter: 'push', exit: 'pop' };
  const queues = Object.fromEntries(QUEUE_NAMES.map((q) => [q, []])) as unknown as NaiveStep['queues'];
  let stack: NaiveStep['stack'] = [];
  const suspended = new Map<number, NaiveStep['stack'][number]>();
  const unqueue = (id: string): void => {
    for (const q of QUEUE_NAMES) queues[q] = queues[q].filter((it) => it.id !== id);
  };
  const steps: NaiveStep[] = [];
  for (const ev of events) {
    switch (ev[0]) {
      case 'start':
        continue;
      case 'enqueue': {
        const timer = ev[3] === 'timer';
        const item = { id: ev[2], label: labels[ev[2]], line: ev[5], file: ev[5] === null ? null : 'fixture.js', ...(timer && ev[7] !== null ? { due: ev[7] } : {}) };
        const queue = [...queues[ev[3]], item];
        if (timer) queue.sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity)); // stable: ties keep their order
        queues[ev[3]] = queue;
        break;
      }
      case 'run':
      case 'cancel':
        unqueue(ev[2]);
        break;
      case 'done':
        stack = [];
        break;
      case 'enter':
        stack = [...stack, { id: ev[3], name: probes[ev[2]].name, line: probes[ev[2]].line, file: 'fixture.js', callerLine: ev[4] ?? null }];
        break;
      case 'exit':
        stack = stack.filter((f) => f.id !== ev[2]);
        break;
      case 'suspend':
        suspended.set(ev[2], stack.find((f) => f.id === ev[2])!);
        stack = stack.filter((f) => f.id !== ev[2]);
        break;
      case 'resume':
        stack = [...stack, suspended.get(ev[2])!];
        break;
    }
    steps.push({ kind: stepKind[ev[0]] ?? ev[0], stack, queues: { ...queues } });
  }
  return steps;
}
