// The clock and In flight (src/shared/model/stepClock.ts, inFlight.ts) on traces made now by the tracer: a
// busy loop's synchronous stretch against what the program itself measures under plain node and under the
// tracer; a pending timer's countdown and an fs read on the thread pool, each leaving In flight when it is
// ready or its callback is queued; the JSON document's new fields; the text report's times.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, describeStep, inFlightAt, stepClock, syncStretchBefore, type StepModel } from '../../src/shared/model';
import { taskRanMs } from '../../src/shared/model/stepClock';
import { traceDocument } from '../../src/shared/traceDocument';
import { formatTextReport } from '../../src/cli/textReport';
import type { TraceModel } from '../../src/shared/modelTypes';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { plainNode, tempDir, writeProgram } from './helpers/programs';

const BUSY_PROGRAM = `function busyWork(ms) {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}
const t0 = performance.now();
busyWork(150);
console.log('busyWork took ' + (performance.now() - t0));
const t1 = performance.now();
let k = 0;
while (performance.now() - t1 < 60) k++;
console.log('top level took ' + (performance.now() - t1));
`;

const IN_FLIGHT_PROGRAM = `const fs = require('node:fs');
setTimeout(function later() {
  console.log('timer');
}, 80);
fs.readFile(__filename, 'utf8', function onRead(err, text) {
  console.log('read ' + text.length);
});
console.log('sync done');
`;

/** The first step at or after `from` that satisfies `pred`, or -1. */
function findStep(model: TraceModel, pred: (i: number) => boolean, from = 0): number {
  for (let i = from; i < model.stepCount; i++) if (pred(i)) return i;
  return -1;
}

const measured = (lines: string[], prefix: string): number => {
  const line = lines.find((l) => l.startsWith(prefix));
  assert.ok(line, `printed "${prefix}…"`);
  return Number(line.slice(prefix.length));
};

describe('the clock and In flight on traced runs', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a busy function's synchronous stretch is as long as plain node measures it (generous tolerance)", async () => {
    const file = writeProgram(dir, 'busy.js', BUSY_PROGRAM);
    const plain = plainNode(file);
    const plainMs = measured(plain.lines, 'busyWork took ');
    const model = buildModel(await traceFile({ file }));
    const traced = measured(model.console.map((c) => c.text), 'busyWork took ');

    // the pop of busyWork follows its whole loop: the stretch before it is busyWork's
    const pop = findStep(model, (i) => { const s = model.stateAt(i).subject; return s.kind === 'pop' && s.frame.name === 'busyWork'; });
    assert.ok(pop > 0, 'busyWork returns');
    const stretch = syncStretchBefore(model, pop);
    assert.ok(stretch, 'a long stretch before busyWork returns');
    assert.equal(stretch.name, 'busyWork');
    assert.equal(stretch.isFunction, true);
    // it spins at least 150 ms; what the program measured itself, traced and plain, within a loaded machine's slack
    assert.ok(stretch.ms >= 145, `stretch ${stretch.ms} ms >= 145`);
    assert.ok(stretch.ms <= traced + 5, `stretch ${stretch.ms} ms within the ${traced} ms the traced program measured`);
    assert.ok(stretch.ms >= traced * 0.8 - 5, `stretch ${stretch.ms} ms near the ${traced} ms the traced program measured`);
    assert.ok(stretch.ms >= plainMs * 0.6 && stretch.ms <= plainMs * 3 + 200, `stretch ${stretch.ms} ms vs plain node's ${plainMs} ms`);

    // the top-level loop has no frame: the main script ran it
    const second = findStep(model, (i) => model.stateAt(i).subject.kind === 'console', pop + 1);
    const topLevel = findStep(model, (i) => syncStretchBefore(model, i)?.isFunction === false, second + 1);
    assert.ok(topLevel > second, 'a stretch of the main script after the first console line');
    const top = syncStretchBefore(model, topLevel)!;
    assert.equal(top.name, 'the main script');
    assert.ok(top.ms >= 55, `top-level stretch ${top.ms} ms >= 55`);

    // short gaps are not stretches; the task's elapsed time grows from its start
    const shortOnes = Array.from({ length: model.stepCount }, (_, i) => syncStretchBefore(model, i)).filter(Boolean);
    assert.ok(shortOnes.length <= 4, `only the long stretches: ${JSON.stringify(shortOnes)}`);
    const clock = stepClock(model, pop);
    assert.equal(clock.taskElapsed, clock.time - model.tasks[0].start);
    assert.ok(clock.taskElapsed! >= stretch.ms);

    // the JSON document and the text report say the same
    const doc = traceDocument(model);
    assert.deepEqual(doc.steps[pop].busyBefore?.name, 'busyWork');
    assert.ok(Math.abs(doc.steps[pop].busyBefore!.ms - stretch.ms) < 0.01);
    assert.ok(doc.steps.every((s) => s.taskElapsed === null || s.taskElapsed >= 0));
    const report = formatTextReport(model);
    assert.match(report, /busy +busyWork ran [\d,]+ ms without a break {2}· at [\d.]+ ms/);
    assert.match(report, /busy +the main script ran [\d,]+ ms/);
    assert.match(report, /printed +busyWork took [\d.]+ {2}· at [\d.]+ ms/);
  });

  it('lists a pending timer with its countdown and an fs read until each is ready or its callback queued', async () => {
    const file = writeProgram(dir, 'inflight.js', IN_FLIGHT_PROGRAM);
    const model = buildModel(await traceFile({ file })) as StepModel;
    const sync = findStep(model, (i) => model.stateAt(i).subject.kind === 'console');
    assert.ok(sync > 0);
    const at = inFlightAt(model, sync);
    assert.equal(at.timerCount, 1, JSON.stringify(at));
    const timer = at.timers[0];
    assert.equal(timer.line, 2);
    assert.ok(timer.firesIn > 0 && timer.firesIn <= 80.5, `fires in ${timer.firesIn}`);
    assert.ok(Math.abs(timer.due - timer.firesIn - at.time) < 1e-6);
    assert.equal(at.operationCount, 1, JSON.stringify(at));
    const op = at.operations[0];
    assert.equal(op.kind, 'fs');
    assert.equal(op.resource, 'FSREQCALLBACK');
    assert.equal(op.line, 5);
    assert.match(op.where, /thread pool/);
    assert.ok(op.pendingFor >= 0 && op.since <= at.time);

    // the read's callback is queued: from that step on it is in the I/O queue, not in flight
    const queued = findStep(model, (i) => { const s = model.stateAt(i).subject; return s.kind === 'enqueue' && s.queue === 'io'; });
    assert.ok(queued > sync, 'the read callback is queued');
    assert.equal(inFlightAt(model, queued - 1).operationCount, 1);
    assert.equal(inFlightAt(model, queued).operationCount, 0);
    assert.equal(model.stateAt(queued).subject.kind === 'enqueue' && (model.stateAt(queued).subject as { item: { id: string } }).item.id, op.id);
    // its sentence says how long it was in flight, and where
    const sentence = describeStep(model, queued);
    const m = /: it had been in flight ([\d.,]+) ms \(fs, on the thread pool\)$/.exec(sentence);
    assert.ok(m, sentence);
    assert.ok(Math.abs(Number(m[1].replace(/,/g, '')) - (model.timeAt(queued) - op.since)) < 1, sentence);
    assert.doesNotMatch(describeStep(model, sync), /in flight/);

    // the timer is in flight while its due time is later than the step's, then no more (it is ready)
    const runs = findStep(model, (i) => { const s = model.stateAt(i).subject; return s.kind === 'task-start' && model.tasks[s.task].queue === 'timer'; });
    assert.ok(runs > 0);
    assert.equal(inFlightAt(model, runs).timerCount, 0);
    // (the recorded due time comes from libuv's millisecond clock and can be up to a millisecond late: a timer
    // that starts before it was held due by Node already, so it is ready on the step before it starts)
    const startedEarly = model.timeAt(runs) < timer.due;
    for (let i = sync; i < runs; i++) {
      const a = inFlightAt(model, i);
      const counting = model.timeAt(i) < timer.due && !(startedEarly && i === runs - 1);
      assert.equal(a.timerCount, counting ? 1 : 0, `step ${i} at ${model.timeAt(i)} ms, due ${timer.due}, starts at ${model.timeAt(runs)}`);
    }

    // the read's callback printed and returned at once: it held the thread that long, not until the loop's
    // next event (which is when an I/O task's end is written)
    const readTask = model.tasks.find((t) => t.queue === 'io')!;
    const printed = model.console.find((c) => c.text.startsWith('read '))!;
    const ran = taskRanMs(model, readTask);
    assert.ok(ran >= model.timeAt(printed.step) - readTask.start, `ran ${ran}`);
    assert.ok(ran <= model.timeAt(printed.step) - readTask.start + 10, `ran ${ran} ms, printed at +${model.timeAt(printed.step) - readTask.start} ms`);

    const doc = traceDocument(model);
    assert.deepEqual(doc.inFlight.map((o) => [o.kind, o.resource, o.line, o.file, o.toStep]), [['fs', 'FSREQCALLBACK', 5, 'inflight.js', queued]]);
  });

  it('an operation and a timer started in another file of the project name that file and their line in it', async () => {
    const dir = tempDir();
    writeProgram(dir, 'io.js', "const fs = require('fs');\nexports.start = () => {\n  fs.readFile(__filename, () => console.log('read'));\n  setTimeout(() => console.log('timer'), 40);\n};\n");
    const file = writeProgram(dir, 'main.js', "require('./io').start();\n");
    try {
      const model = buildModel(await traceFile({ file })) as StepModel;
      const scriptEnd = model.tasks[0].lastStep;
      const at = inFlightAt(model, scriptEnd);
      assert.deepEqual(at.operations.map((o) => [o.kind, o.line, o.file]), [['fs', 3, 'io.js']]);
      assert.deepEqual(at.timers.map((t) => [t.line, t.file]), [[4, 'io.js']]);
      assert.deepEqual(traceDocument(model).inFlight.map((o) => [o.line, o.file]), [[3, 'io.js']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the clock on an ES module with a top-level await', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('a busy loop after the await is the module body running, as long as the program measures it', async () => {
    const dir = tempDir();
    try {
      // the await waits 150 ms: a stretch that wrongly took in the wait would be 150 ms longer than measured
      const file = writeProgram(dir, 'tla.mjs', `await new Promise((r) => setTimeout(r, 150));
const t0 = performance.now();
while (performance.now() - t0 < 80) {}
console.log('busy ' + (performance.now() - t0));
`);
      const model = buildModel(await traceFile({ file }));
      const printed = model.console.find((c) => c.text.startsWith('busy '))!;
      const stretch = syncStretchBefore(model, printed.step);
      assert.ok(stretch, 'a stretch before the console line');
      assert.equal(stretch.name, 'the module body');
      const measured = Number(printed.text.slice(5));
      // the stretch also holds the resume and the console call: 7 ms more than measured seen under two CPU hogs
      assert.ok(stretch.ms >= 79 && stretch.ms <= measured + 50, `stretch ${stretch.ms} ms, measured ${measured} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
