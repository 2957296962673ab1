// The model's `calls` steps (calls past a task's call budget, counted, not stepped): one step per batch the
// runtime writes, standing on the stack as it was, named "fib ×500 (3.2 ms)" everywhere.
import assert from 'node:assert/strict';
import type { Probe, RawEvent } from '../../src/shared/rawTrace';
import { buildModel, describeStep, foldedCallsLabel, formatCount, formatMs } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import { formatTextReport } from '../../src/cli/textReport';
import { rawTrace } from './modelFixtures';

const PROBES: Probe[] = [
  { kind: 'function', name: 'main', line: 1, column: 1 },
  { kind: 'function', name: 'fib', line: 5, column: 1 },
  { kind: 'function', name: 'helper', line: 9, column: 1 },
];

const EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'],
  ['run', 0.1, 'script', null],
  ['enter', 0.2, 0, 1, null],
  ['enter', 0.3, 1, 2, 12],
  // one batch: two functions, written together with one time and one duration
  ['calls', 4.0, 1, 500, 3.2],
  ['calls', 4.0, 2, 20, 3.2],
  ['exit', 4.1, 2],
  ['calls', 5.0, 1, 629000, 0.4],
  ['exit', 5.1, 1],
  ['console', 5.2, 'stdout', '832040', 13],
  ['done', 5.3, 'script'],
  ['end', 5.4, 'completed', 0],
];

describe('model: counted calls', () => {
  const raw = rawTrace(EVENTS, PROBES, 'cjs', '', {
    tracing: { callBudget: 10000, events: EVENTS.length, foldedCalls: 629520, overheadMs: 1.5 },
  });
  const model = buildModel(raw);
  const kinds = Array.from({ length: model.stepCount }, (_, i) => model.kindAt(i));

  it('makes one step per batch of calls events', () => {
    assert.deepEqual(kinds, ['task-start', 'push', 'push', 'calls', 'pop', 'calls', 'pop', 'console', 'task-end', 'end']);
  });

  it('a calls step lists its functions, stands on the stack as it was, and shows the function\'s line', () => {
    const s = model.stateAt(3);
    assert.deepEqual(s.subject, {
      kind: 'calls',
      calls: [
        { probe: 1, name: 'fib', line: 5, count: 500, ms: 3.2 },
        { probe: 2, name: 'helper', line: 9, count: 20, ms: 3.2 },
      ],
    });
    assert.deepEqual(s.stack.map((f) => f.name), ['main', 'fib']);
    assert.equal(s.line, 5);
    assert.deepEqual(model.stateAt(5).stack.map((f) => f.name), ['main']);
    // the pop after a calls step still lands at the call site
    assert.equal(model.stateAt(4).line, 12);
  });

  it('a calls event with another time starts a new step, even right after one', () => {
    const m = buildModel(rawTrace([...EVENTS.slice(0, 5), ['calls', 4.5, 2, 3, 0.1], ...EVENTS.slice(6)], PROBES));
    const calls = Array.from({ length: m.stepCount }, (_, i) => i).filter((i) => m.kindAt(i) === 'calls');
    assert.equal(calls.length, 3);
  });

  it('names the step in its sentence, the label, the --json step and the text report', () => {
    assert.equal(describeStep(model, 3), "`fib` ×500, `helper` ×20 (3.2 ms): past this task's budget of recorded calls, these calls are counted, not stepped");
    assert.equal(describeStep(model, 5), "`fib` ×629,000 (0.4 ms): past this task's budget of recorded calls, these calls are counted, not stepped");
    const s = model.stateAt(5).subject;
    assert.equal(s.kind === 'calls' && foldedCallsLabel(s.calls), 'fib ×629,000 (0.4 ms)');
    const doc = traceDocument(model);
    assert.deepEqual(doc.steps[3].calls, [{ name: 'fib', line: 5, count: 500, ms: 3.2 }, { name: 'helper', line: 9, count: 20, ms: 3.2 }]);
    assert.equal(doc.steps[4].calls, undefined);
    assert.deepEqual(doc.tracing, { callBudget: 10000, events: EVENTS.length, foldedCalls: 629520, overheadMs: 1.5 });
    const text = formatTextReport(model);
    assert.match(text, /^ {2}counted {2}fib ×629,500, helper ×20 \(3\.6 ms\): calls past the task's or the function's call budget, counted, not stepped/m);
    assert.match(text, /tracing added about 1\.5 ms to the times above \(estimated\): 12 events recorded, 629,520 calls counted, not stepped; the first 10,000 calls of each task recorded, at most 2,000 of one function/);
  });

  it('formats counts and durations the same on every machine', () => {
    assert.deepEqual([formatCount(0), formatCount(999), formatCount(1000), formatCount(629000), formatCount(1234567)], ['0', '999', '1,000', '629,000', '1,234,567']);
    assert.deepEqual([formatMs(0), formatMs(0.44), formatMs(9.96), formatMs(180.4)], ['0.0 ms', '0.4 ms', '10.0 ms', '180 ms']);
  });
});
