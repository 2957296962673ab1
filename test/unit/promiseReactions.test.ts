// What a promise reaction carries from the trace to the views: the value its promise settled with ('value'
// events) and the Promise.all / allSettled / race / any member it is for ('group' and 'member' events), on the
// model's items and tasks, in the chip's words, the step's sentence and the JSON document. Expected values are
// hand-written from the events.
import assert from 'node:assert/strict';
import { buildModel, describeStep } from '../../src/shared/model';
import type { RawEvent } from '../../src/shared/rawTrace';
import { traceDocument } from '../../src/shared/traceDocument';
import { chipText } from '../../webview/chipText';
import { rawTrace } from './modelFixtures';

/**
 * The script queues m1 (a `then` whose promise settled with 42), m2 (a rejected one) and, after a Promise.all of
 * 3 members at line 8, its reactions to members 2 and 3 (queued during the call: their 'member' records come
 * before the group's); member 1's reaction (m5) is queued later; m4 has neither.
 * Steps: 0 run script, 1 enqueue m1, 2 enqueue m2, 3 enqueue m3, 4 enqueue g2, 5 enqueue g3, 6 done,
 * 7 run m1, 8 done, 9 run m2 ...
 */
const EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'], ['run', 1, 'script', null],
  ['enqueue', 2, 'm1', 'microtask', 'then', 3, null, null], ['value', 2, 'm1', '42', 0],
  ['enqueue', 2, 'm2', 'microtask', 'then', 4, null, null], ['value', 2, 'm2', 'Error: boom', 1],
  ['enqueue', 2, 'm3', 'microtask', 'then', 5, null, null],
  ['enqueue', 3, 'g2', 'microtask', 'then', 8, null, null], ['member', 3, 'g2', 1, 1], ['value', 3, 'g2', "'b'", 0],
  ['enqueue', 3, 'g3', 'microtask', 'then', 8, null, null], ['member', 3, 'g3', 1, 2],
  ['group', 3, 1, 'Promise.all', 3, 8],
  ['done', 4, 'script'],
  ['run', 5, 'm1', null], ['done', 5, 'm1'],
  ['run', 6, 'm2', null], ['done', 6, 'm2'],
  ['run', 7, 'm3', null], ['done', 7, 'm3'],
  ['run', 8, 'g2', null], ['done', 8, 'g2'],
  ['run', 9, 'g3', null], ['done', 9, 'g3'],
  ['enqueue', 10, 'g1', 'microtask', 'then', 1, null, null], ['member', 10, 'g1', 1, 0], ['value', 10, 'g1', "'a'", 0],
  ['run', 11, 'g1', null], ['done', 11, 'g1'],
  ['end', 12, 'completed', 0],
];

describe('promise reactions: settle values and combinator groups', () => {
  const model = buildModel(rawTrace(EVENTS));
  const queued = (step: number, id: string) => model.queueAt(step, 'microtask').find((it) => it.id === id);

  it('the model puts them on the queued items and on the tasks; no steps of their own', () => {
    assert.equal(model.stepCount, 1 + 5 + 1 + 10 + 3 + 1);
    assert.deepEqual(queued(5, 'm1')?.settled, { text: '42', rejected: false });
    assert.deepEqual(queued(5, 'm2')?.settled, { text: 'Error: boom', rejected: true });
    assert.equal(queued(5, 'm3')?.settled, undefined);
    assert.equal(queued(5, 'm3')?.group, undefined);
    // the member record came before its group's: the group is known once the trace is read
    assert.deepEqual(queued(5, 'g2')?.group, { label: 'Promise.all', number: 1, index: 2, count: 3, line: 8 });
    assert.deepEqual(queued(5, 'g3')?.group, { label: 'Promise.all', number: 1, index: 3, count: 3, line: 8 });
    const task = (itemId: string) => model.tasks.find((t) => t.itemId === itemId);
    assert.deepEqual(task('m2')?.settled, { text: 'Error: boom', rejected: true });
    assert.deepEqual(task('g1')?.group, { label: 'Promise.all', number: 1, index: 1, count: 3, line: 8 });
    assert.deepEqual(task('g1')?.settled, { text: "'a'", rejected: false });
    assert.equal(task('m3')?.settled, undefined);
  });

  it('a chip says the value and names the group; its tooltip and screen-reader text say them in words', () => {
    const m1 = chipText('microtask', queued(5, 'm1')!);
    assert.equal(m1.label, 'then');
    assert.equal(m1.meta, '→ 42 · L3');
    assert.match(m1.title, /^its promise settled with 42$/m);
    assert.match(m1.aria, /^then, settled with 42, /);
    const m2 = chipText('microtask', queued(5, 'm2')!);
    assert.equal(m2.meta, '✗ Error: boom · L4');
    assert.match(m2.title, /^its promise rejected with Error: boom$/m);
    const g2 = chipText('microtask', queued(5, 'g2')!);
    assert.equal(g2.label, 'Promise.all #1 · 2/3');
    assert.equal(g2.meta, "→ 'b' · L8");
    assert.match(g2.title, /^member 2 of 3 of Promise.all #1 \(L8\): its reaction to that member$/m);
    const m3 = chipText('microtask', queued(5, 'm3')!);
    assert.equal(m3.meta, 'L5');
  });

  it('the sentences of the enqueue and the task start say them', () => {
    assert.match(describeStep(model, 1), /; its promise settled with `42`$/);
    assert.match(describeStep(model, 2), /; its promise was rejected with `Error: boom`$/);
    assert.doesNotMatch(describeStep(model, 3), /settled|rejected|Promise\.all/);
    const runG2 = model.tasks.find((t) => t.itemId === 'g2')!.firstStep;
    assert.match(describeStep(model, runG2), /; it is `Promise.all` #1's reaction to member 2 of 3; its promise settled with `'b'`$/);
  });

  it('the JSON document has them on items and tasks', () => {
    const doc = traceDocument(model);
    const g2 = doc.steps[5].queues.microtask.find((it) => it.id === 'g2');
    assert.deepEqual(g2?.value, { text: "'b'", rejected: false });
    assert.deepEqual(g2?.group, { label: 'Promise.all', number: 1, index: 2, count: 3, line: 8 });
    const m3 = doc.steps[5].queues.microtask.find((it) => it.id === 'm3');
    assert.deepEqual(Object.keys(m3 ?? {}), ['id', 'label', 'line', 'file']);
    const t = doc.tasks.find((x) => (x as { itemId?: string }).itemId === 'm2');
    assert.deepEqual(t?.value, { text: 'Error: boom', rejected: true });
  });
});
