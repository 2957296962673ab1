import assert from 'node:assert/strict';
import type { RawEvent } from '../../src/shared/rawTrace';
import { checkQueueDiscipline } from '../../src/shared/model';
import { C01_EVENTS, C01_PROBES, c01, rawTrace } from './modelFixtures';

/** c01 with the events of the tasks `a` and `b` swapped (each task's run..done block moves as a whole). */
function swapTasks(events: RawEvent[], a: string, b: string): RawEvent[] {
  const block = (id: string): [number, number] => {
    const from = events.findIndex((e) => e[0] === 'run' && e[2] === id);
    const to = events.findIndex((e) => e[0] === 'done' && e[2] === id);
    return [from, to + 1];
  };
  const [a0, a1] = block(a);
  const [b0, b1] = block(b);
  assert.ok(a1 <= b0);
  return [...events.slice(0, a0), ...events.slice(b0, b1), ...events.slice(a1, b0), ...events.slice(a0, a1), ...events.slice(b1)];
}

describe('checkQueueDiscipline', () => {
  it('accepts a trace that follows Node (c01)', () => {
    assert.deepEqual(checkQueueDiscipline(c01()), []);
  });

  it('catches a microtask that is not the head of its queue', () => {
    const v = checkQueueDiscipline(rawTrace(swapTasks(C01_EVENTS, 'p2', 'm3'), C01_PROBES));
    assert.ok(v.some((m) => /"m3".*ran but the head of the microtask queue is "p2"/.test(m)), v.join('\n'));
  });

  it('catches a microtask running before the nextTick queue is drained', () => {
    const v = checkQueueDiscipline(rawTrace(swapTasks(C01_EVENTS, 'k4', 'p2'), C01_PROBES));
    assert.ok(v.some((m) => /microtask "p2".*while the nextTick queue still held 1/.test(m)), v.join('\n'));
  });

  it('catches a macrotask starting while jobs are queued', () => {
    const v = checkQueueDiscipline(rawTrace(swapTasks(C01_EVENTS, 'm3', 't1'), C01_PROBES));
    assert.ok(v.some((m) => /timer callback "t1".*started while 0 nextTick\(s\) and 1 microtask\(s\)/.test(m)), v.join('\n'));
  });

  it('catches a task starting while another runs, and a run of an item that is not queued', () => {
    const v = checkQueueDiscipline(
      rawTrace([
        ['run', 0, 'script', null],
        ['run', 1, 'ghost', null],
      ]),
    );
    assert.equal(v.length, 2, v.join('\n'));
    assert.match(v[0], /started while "script" was still running/);
    assert.match(v[1], /"ghost" ran but it is not in any queue/);
  });

  it('requires the earliest due timer; lists due in the same millisecond may run in either order', () => {
    const base: RawEvent[] = [
      ['run', 0, 'script', null],
      ['enqueue', 1, 'a', 'timer', 'A', 1, null, 10],
      ['enqueue', 2, 'b', 'timer', 'B', 2, null, 5],
      ['enqueue', 3, 'c', 'timer', 'C', 3, null, 5],
      ['done', 4, 'script'],
    ];
    const run = (order: string[]): string[] =>
      checkQueueDiscipline(rawTrace([...base, ...order.flatMap((id, k): RawEvent[] => [['run', 10 + k, id, null], ['done', 10.5 + k, id]])]));
    assert.deepEqual(run(['b', 'c', 'a']), []);
    assert.deepEqual(run(['c', 'b', 'a']), [], 'equal expiry: Node keeps no order between lists');
    assert.match(run(['a', 'b', 'c'])[0], /timer "a" \(A\) \(due 10\) ran before "b" \(B\) \(due 5\)/);
  });

  it('lets a late loop finish one timer list before the next', () => {
    const base: RawEvent[] = [
      ['run', 0, 'script', null],
      ['enqueue', 1, 'x', 'timer', 'every 10 ms, first', 1, null, 10],
      ['enqueue', 2, 'y', 'timer', '20 ms', 2, null, 20],
      ['enqueue', 3, 'z', 'timer', 'every 10 ms, third', 3, null, 30],
      ['done', 40, 'script'], // the script blocked the loop until 40 ms: all three are due
    ];
    const run = (order: string[], at = 41): string[] =>
      checkQueueDiscipline(rawTrace([...base, ...order.flatMap((id, k): RawEvent[] => [['run', at + k, id, null], ['done', at + 0.5 + k, id]])]));
    assert.deepEqual(run(['x', 'z', 'y']), [], 'the 10 ms list is drained first');
    assert.match(run(['z', 'x', 'y'])[0], /timer "z".*ran before "x"/, 'the first timer task must be the earliest due');
  });

  it('lets I/O callbacks complete in any order but keeps immediates FIFO', () => {
    const v = checkQueueDiscipline(
      rawTrace([
        ['run', 0, 'script', null],
        ['enqueue', 1, 'r1', 'io', 'read 1', 1, null, null],
        ['enqueue', 2, 'r2', 'io', 'read 2', 2, null, null],
        ['enqueue', 3, 'i1', 'immediate', 'imm 1', 3, null, null],
        ['enqueue', 4, 'i2', 'immediate', 'imm 2', 4, null, null],
        ['done', 5, 'script'],
        ['run', 6, 'r2', null],
        ['done', 7, 'r2'],
        ['run', 8, 'i2', null],
        ['done', 9, 'i2'],
      ]),
    );
    assert.equal(v.length, 1, v.join('\n'));
    assert.match(v[0], /"i2".*head of the immediate queue is "i1"/);
  });

  it('drains microtasks before nextTicks after an ES module body, but not after a CJS script', () => {
    const events: RawEvent[] = [
      ['run', 0, 'script', null],
      ['enqueue', 1, 'k', 'nextTick', 'tick', 1, null, null],
      ['enqueue', 2, 'p', 'microtask', 'then', 2, null, null],
      ['done', 3, 'script'],
      ['run', 4, 'p', null],
      ['done', 5, 'p'],
      ['run', 6, 'k', null],
      ['done', 7, 'k'],
    ];
    assert.deepEqual(checkQueueDiscipline(rawTrace(events, [], 'esm')), []);
    assert.equal(checkQueueDiscipline(rawTrace(events, [], 'cjs')).length, 1);
  });

  it('allows nextTicks queued by microtasks to wait until the microtask queue is empty', () => {
    const events: RawEvent[] = [
      ['run', 0, 'script', null],
      ['enqueue', 1, 'p1', 'microtask', 'then 1', 1, null, null],
      ['enqueue', 2, 'p2', 'microtask', 'then 2', 2, null, null],
      ['done', 3, 'script'],
      ['run', 4, 'p1', null],
      ['enqueue', 5, 'k', 'nextTick', 'tick', 3, null, null],
      ['done', 6, 'p1'],
      ['run', 7, 'p2', null], // V8 finishes the microtask queue first
      ['done', 8, 'p2'],
      ['run', 9, 'k', null],
      ['done', 10, 'k'],
    ];
    assert.deepEqual(checkQueueDiscipline(rawTrace(events)), []);
    const early = [...events.slice(0, 7), ['run', 7, 'k', null], ['done', 8, 'k'], ['run', 9, 'p2', null], ['done', 10, 'p2']] as RawEvent[];
    assert.match(checkQueueDiscipline(rawTrace(early)).join('\n'), /nextTick "k".*while the microtask queue still held 1/);
  });

  it('skips unknown event kinds', () => {
    const events = [...C01_EVENTS.slice(0, 3), ['gc', 0.25, 'minor'], ...C01_EVENTS.slice(3)] as RawEvent[];
    assert.deepEqual(checkQueueDiscipline(rawTrace(events, C01_PROBES)), []);
  });
});
