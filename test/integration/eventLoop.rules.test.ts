// The rules table (src/shared/eventLoop.ts) against what plain node does: each rule the table states is
// checked by a small program whose output only that rule explains. Plain node is the oracle, on every Node
// version the suite runs (LOOPSCOPE_TEST_NODE).

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { firstDrainedAfter, isJobQueue, isMacrotask, PHASES, QUEUE_NAMES, SOURCES, type LoopPhase } from '../../src/shared/eventLoop';
import { testNodePath } from '../support/testNode';
import { plainNode, tempDir, writeProgram } from './helpers/programs';

function printed(name: string, code: string): string[] {
  const dir = tempDir();
  try {
    const run = plainNode(writeProgram(dir, name, code), testNodePath());
    assert.equal(run.status, 0, run.stderr);
    return run.lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tickAndPromise = "process.nextTick(() => console.log('nextTick')); Promise.resolve().then(() => console.log('microtask'));\n";

describe('event-loop rules table vs plain node', function () {
  this.timeout(30_000);

  it('after a CommonJS script Node drains nextTicks first', () => {
    assert.equal(printed('drain.cjs', tickAndPromise)[0], firstDrainedAfter('script', 'cjs'));
  });

  it('after an ES module body V8 drains microtasks first', () => {
    assert.equal(printed('drain.mjs', tickAndPromise)[0], firstDrainedAfter('script', 'esm'));
  });

  it('after a timer callback Node drains nextTicks first, and both job queues before the next timer', () => {
    const out = printed(
      'timers.cjs',
      "setTimeout(() => { Promise.resolve().then(() => console.log('microtask')); process.nextTick(() => console.log('nextTick')); }, 1);\n" +
        "setTimeout(() => console.log('timer'), 1);\n",
    );
    assert.deepEqual(out, [firstDrainedAfter('timer', 'cjs'), firstDrainedAfter('timer', 'cjs') === 'nextTick' ? 'microtask' : 'nextTick', 'timer']);
    assert.ok(isMacrotask('timer') && isJobQueue('nextTick') && isJobQueue('microtask'));
  });

  it('a loop turn visits the phases in table order: from an I/O callback, check comes before timers', () => {
    const out = printed(
      'phases.cjs',
      "require('fs').readFile(__filename, () => { setTimeout(() => console.log('timers'), 0); setImmediate(() => console.log('check')); });\n",
    );
    const after = (p: LoopPhase): number => PHASES.indexOf(p);
    // poll -> check -> close -> (next turn) timers: check comes first after poll exactly when it sits later in the list
    assert.equal(out[0] === 'check', after('check') > after('poll') && after('timers') < after('poll'));
    assert.equal(SOURCES.io.phase, 'poll');
    assert.equal(SOURCES.immediate.phase, 'check');
  });

  it('timers run in due-time order, immediates in the order they were queued', () => {
    const timers = printed('due.cjs', "setTimeout(() => console.log('20'), 20); setTimeout(() => console.log('5'), 5);\n");
    assert.equal(SOURCES.timer.order, 'due-time');
    assert.deepEqual(timers, ['5', '20']);
    const immediates = printed('fifo.cjs', "setImmediate(() => console.log('a')); setImmediate(() => console.log('b'));\n");
    assert.equal(SOURCES.immediate.order, 'fifo');
    assert.deepEqual(immediates, ['a', 'b']);
  });

  it('names every queue once, each with its own colour token and title', () => {
    assert.deepEqual([...QUEUE_NAMES].sort(), Object.keys(SOURCES).filter((s) => s !== 'script').sort());
    const tokens = Object.values(SOURCES).map((s) => s.colourToken);
    assert.equal(new Set(tokens).size, tokens.length);
    const titles = Object.values(SOURCES).map((s) => s.title);
    assert.equal(new Set(titles).size, titles.length);
  });
});
