// A worker thread's async calls and timers in the Timeline (traced now): they are rows like the main thread's,
// marked with their thread, and hovering or clicking one names and shows that thread's step.
import assert from 'node:assert/strict';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { operationStarts } from '../../src/shared/model';
import { buildTimelineData, threadsOf } from '../../webview/timelineData';
import { describeHit, stepOfHit, threadOfHit } from '../../webview/timelineText';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

const PROGRAM = `const { Worker, isMainThread } = require('worker_threads');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function fetchPage(n) {
  await sleep(20);
  console.log('page ' + n);
}
if (isMainThread) {
  new Worker(__filename);
  fetchPage(1);
} else {
  fetchPage(2);
}
`;

describe("Timeline rows of a worker thread's async calls and timers", function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('are rows marked with the thread; their hover names it and their click shows its step', async () => {
    const file = writeProgram(tempDir(), 'program.js', PROGRAM);
    const raw = await traceFile({ file });
    const printed = [...consoleTexts(raw.events), ...(raw.threads ?? []).flatMap((t) => consoleTexts(t.events))].sort();
    assert.deepEqual(printed, plainNode(file).lines.sort(), 'prints what plain node prints');
    const model = buildModel(raw);
    const worker = model.threads![0];
    const data = buildTimelineData(model, threadsOf(model), operationStarts(model));

    const calls = data.calls.filter((c) => c.name === 'fetchPage');
    assert.deepEqual(calls.map((c) => c.thread ?? 0).sort(), [0, worker.id], "one row for main's call, one for the worker's");
    for (let i = 1; i < data.calls.length; i++) assert.ok(data.calls[i - 1].start <= data.calls[i].start, 'rows in call order');
    const workerCall = calls.find((c) => c.thread === worker.id)!;
    const hit = { kind: 'call' as const, call: workerCall };
    assert.equal(threadOfHit(hit, data), worker.id);
    assert.equal(stepOfHit(hit, data, model.tasks), worker.model.asyncCalls[0].step, "a step of the worker's own steps");
    assert.match(describeHit(hit, data, model.tasks), new RegExp(`\\(thread ${worker.id}\\): fetchPage\\(\\)`));
    assert.match(describeHit(hit, data, model.tasks).split('\n')[0], /program\.js \(thread \d+\): fetchPage\(\) L3/);

    const timers = data.waits.filter((w) => w.task.queue === 'timer');
    assert.deepEqual(timers.map((w) => w.thread ?? 0).sort(), [0, worker.id], "each thread's sleep(20) timer is a row");
    const workerTimer = timers.find((w) => w.thread === worker.id)!;
    const waitHit = { kind: 'wait' as const, wait: workerTimer, part: 'run' as const };
    assert.equal(threadOfHit(waitHit, data), worker.id);
    assert.equal(stepOfHit(waitHit, data, model.tasks), workerTimer.task.firstStep);
    assert.ok(worker.model.tasks.includes(workerTimer.task), "the wait's task is the worker's");
  });
});
