// Insights found in real traced runs, each with a near miss that must not be flagged. Durations and lateness
// are checked against what the program itself measured with Date.now() (an independent clock), within a
// tolerance that holds on a loaded 2-core machine.

import assert from 'node:assert/strict';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { findInsights, type Insight } from '../../src/shared/insights';
import { groupOrderVariants } from '../../src/shared/orderVariants';
import { formatTextReport } from '../../src/cli/textReport';
import { traceDocument } from '../../src/shared/traceDocument';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

/** Date.now() has whole-ms resolution and the tracer adds its own cost around a task: ms either way. */
const TOLERANCE_MS = 25;

/** Traces `code`; its output must be plain node's, numbers aside (measured times), in any order when it races. */
async function insightsOf(code: string, opts: { races?: boolean } = {}): Promise<{ insights: Insight[]; printed: string[]; file: string }> {
  const file = writeProgram(tempDir(), 'program.js', code);
  const raw = await traceFile({ file });
  const printed = consoleTexts(raw.events);
  const comparable = (lines: string[]): string[] => {
    const masked = lines.map((l) => l.replace(/\d+/g, 'N'));
    return opts.races ? masked.sort() : masked;
  };
  assert.deepEqual(comparable(printed), comparable(plainNode(file).lines), 'prints what plain node prints');
  return { insights: findInsights(buildModel(raw)), printed, file };
}

const measured = (printed: string[], label: string): number => {
  const line = printed.find((l) => l.startsWith(label));
  assert.ok(line, `no "${label}" line in ${printed.join(' | ')}`);
  return Number(line.slice(label.length));
};

describe('insights', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  describe('blocked-loop', () => {
    const busy = (ms: number): string => `
const scheduled = Date.now();
setTimeout(function onTimer() {
  console.log('late ' + (Date.now() - scheduled - 10));
}, 10);
function busyWork() {
  const start = Date.now();
  while (Date.now() - start < ${ms}) {}
  console.log('busy ' + (Date.now() - start));
}
busyWork();
`;

    it('a 150 ms loop: flagged with its duration, its line, and the timer it made late', async () => {
      const { insights, printed } = await insightsOf(busy(150));
      const blocked = insights.filter((i) => i.kind === 'blocked-loop');
      assert.equal(blocked.length, 1, JSON.stringify(insights));
      const [b] = blocked;
      assert.ok(Math.abs(b.durationMs! - measured(printed, 'busy ')) <= TOLERANCE_MS, `durationMs ${b.durationMs} vs busy ${measured(printed, 'busy ')}`);
      assert.equal(b.line, 6, 'busyWork, the function the time went to');
      assert.equal(b.delayed?.length, 1);
      assert.equal(b.delayed![0].line, 3, 'the timer callback');
      assert.equal(b.delayed![0].queue, 'timer');
      assert.ok(Math.abs(b.delayed![0].lateMs - measured(printed, 'late ')) <= TOLERANCE_MS, `lateMs ${b.delayed![0].lateMs} vs late ${measured(printed, 'late ')}`);
      assert.match(b.fix, /worker_threads/);
      assert.equal(b.file, 'program.js');
    });

    it('near miss: a 20 ms task is not flagged', async () => {
      // in a timer callback: the main script's own time also counts module loading, which a loaded machine stretches
      const { insights } = await insightsOf(`
setTimeout(function shortWork() {
  const start = Date.now();
  while (Date.now() - start < 20) {}
  console.log('busy ' + (Date.now() - start));
}, 1);
`);
      assert.deepEqual(insights.filter((i) => i.kind === 'blocked-loop' && !i.message.startsWith('The main script')), []);
    });
  });

  describe('worker threads', () => {
    /** A worker (this same file) that runs `workerBody`; the main thread only starts it. */
    const withWorker = (workerBody: string): string => `const { Worker, isMainThread } = require('worker_threads');
if (isMainThread) {
  new Worker(__filename);
} else {
${workerBody}
}
`;
    const traced = async (code: string): Promise<{ insights: Insight[]; printed: string[] }> => {
      const file = writeProgram(tempDir(), 'program.js', code);
      const raw = await traceFile({ file });
      const printed = (raw.threads ?? []).flatMap((t) => consoleTexts(t.events));
      assert.deepEqual(printed.map((l) => l.replace(/\d+/g, 'N')), plainNode(file).lines.map((l) => l.replace(/\d+/g, 'N')), "the worker prints what it prints in plain node");
      return { insights: findInsights(buildModel(raw)), printed };
    };

    it("a worker's long task that made the worker's own timer late: flagged for that thread", async () => {
      const { insights, printed } = await traced(
        withWorker(`  const scheduled = Date.now();
  setTimeout(function onTimer() {
    console.log('late ' + (Date.now() - scheduled - 10));
  }, 10);
  const start = Date.now();
  while (Date.now() - start < 150) {}
  console.log('busy ' + (Date.now() - start));`),
      );
      const blocked = insights.filter((i) => i.kind === 'blocked-loop');
      assert.equal(blocked.length, 1, JSON.stringify(insights));
      const [b] = blocked;
      assert.ok(b.thread !== undefined && b.thread > 0, 'about the worker thread');
      assert.equal(b.delayed?.[0]?.line, 6, "the worker's timer callback (its setTimeout line)");
      assert.ok(Math.abs(b.delayed![0].lateMs - measured(printed, 'late ')) <= TOLERANCE_MS, `lateMs ${b.delayed![0].lateMs} vs late ${measured(printed, 'late ')}`);
    });

    it('near miss: a worker that is busy with nothing waiting is doing its job, not flagged', async () => {
      const { insights } = await traced(
        withWorker(`  const start = Date.now();
  while (Date.now() - start < 150) {}
  console.log('busy ' + (Date.now() - start));`),
      );
      assert.deepEqual(insights.filter((i) => i.thread !== undefined), []);
    });
  });

  describe('timing-race', () => {
    it('a 0 ms timer and an immediate queued by the main script: flagged with both lines', async () => {
      const { insights } = await insightsOf(`
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
`, { races: true });
      const race = insights.filter((i) => i.kind === 'timing-race');
      assert.equal(race.length, 1);
      assert.deepEqual(race[0].lines, [2, 3]);
      assert.equal(race[0].steps?.length, 2);
    });

    it('near miss: the same pair queued inside an I/O callback is deterministic and not flagged', async () => {
      const { insights, printed } = await insightsOf(`
require('fs').readFile(__filename, () => {
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
});
`);
      assert.deepEqual(printed, ['immediate', 'timeout']);
      assert.deepEqual(insights.filter((i) => i.kind === 'timing-race'), []);
    });

    it('near miss: a 5 ms timer against an immediate is not the racing kind', async () => {
      const { insights } = await insightsOf(`
setTimeout(() => console.log('timeout'), 5);
setImmediate(() => console.log('immediate'));
`, { races: true });
      assert.deepEqual(insights.filter((i) => i.kind === 'timing-race'), []);
    });
  });

  describe('unhandled-rejection', () => {
    it('flagged at the line of the rejection, with the message', async () => {
      const file = writeProgram(tempDir(), 'reject.js', `
async function load() {
  throw new Error('no such user');
}
load();
setTimeout(() => console.log('never'), 10);
`);
      const insights = findInsights(buildModel(await traceFile({ file })));
      const found = insights.filter((i) => i.kind === 'unhandled-rejection');
      assert.equal(found.length, 1);
      assert.match(found[0].message, /no such user/);
      assert.equal(found[0].line, 3);
    });

    it('near miss: a rejection that is caught is not flagged', async () => {
      const { insights } = await insightsOf(`
async function load() { throw new Error('no such user'); }
load().catch((e) => console.log('caught ' + e.message));
`);
      assert.deepEqual(insights, []);
    });
  });

  describe('order-varies', () => {
    it('names the first console line where two runs differ, at that line of the run shown', async () => {
      const file = writeProgram(tempDir(), 'race.js', `
console.log('sync');
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
`);
      const model = buildModel(await traceFile({ file }));
      const shown = model.console.map((c) => c.text);
      const other = [shown[0], shown[2], shown[1]];
      const runs = groupOrderVariants([shown, shown, other]);
      const [varies] = findInsights(model, { runs }).filter((i) => i.kind === 'order-varies');
      assert.ok(varies);
      assert.match(varies.message, /2 orders in 3 runs/);
      assert.match(varies.message, /console line 2/);
      assert.equal(varies.line, shown[1] === 'timeout' ? 3 : 4);
    });

    it('near miss: one order in every run is not flagged', async () => {
      const file = writeProgram(tempDir(), 'stable.js', `console.log('a'); setTimeout(() => console.log('b'), 0);`);
      const model = buildModel(await traceFile({ file }));
      const order = model.console.map((c) => c.text);
      assert.deepEqual(findInsights(model, { runs: groupOrderVariants([order, order]) }), []);
    });
  });

  describe('sequential-awaits', () => {
    // each request says how long it waited, by the program's own clock: the awaits' durations, independently
    const program = (body: string): string => `
const request = (ms) => { const t = Date.now(); return new Promise((resolve) => setTimeout(() => { console.log('waited ' + (Date.now() - t)); resolve(ms); }, ms)); };
async function load() {
  const started = Date.now();
${body}
  console.log('took ' + (Date.now() - started));
}
load();
`;

    it('three independent awaits: flagged with their lines, and savingMs is the sum minus the longest', async () => {
      const { insights, printed } = await insightsOf(program(`  const a = await request(60);
  const b = await request(40);
  const c = await request(30);`));
      const found = insights.filter((i) => i.kind === 'sequential-awaits');
      assert.equal(found.length, 1, JSON.stringify(insights));
      assert.deepEqual(found[0].lines, [5, 6, 7]);
      assert.equal(found[0].steps?.length, 3);
      // running them together saves all but the longest wait, as the program measured each one
      const waits = printed.filter((l) => l.startsWith('waited ')).map((l) => Number(l.slice('waited '.length)));
      assert.equal(waits.length, 3);
      const expected = waits.reduce((s, w) => s + w, 0) - Math.max(...waits);
      assert.ok(Math.abs(found[0].savingMs! - expected) <= TOLERANCE_MS, `savingMs ${found[0].savingMs} vs measured ${expected} (${waits})`);
      assert.ok(found[0].savingMs! >= 70 - 5, 'at least 40 + 30 ms, give or take a timer tick');
    });

    it('near misses: dependent awaits and Promise.all are not flagged', async () => {
      const dependent = await insightsOf(program(`  const a = await request(30);
  const b = await request(a + 10);`));
      assert.deepEqual(dependent.insights.filter((i) => i.kind === 'sequential-awaits'), []);
      const together = await insightsOf(program(`  const [a, b] = await Promise.all([request(30), request(40)]);`));
      assert.deepEqual(together.insights.filter((i) => i.kind === 'sequential-awaits'), []);
    });
  });

  describe('floating-promise', () => {
    it('forEach(async …): flagged at the forEach, saying what printed before the promises settled', async () => {
      const { insights, printed } = await insightsOf(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function run(items) {
  items.forEach(async (item) => {
    await sleep(30);
    console.log('saved ' + item);
  });
  console.log('All done!');
}
run(['a', 'b']);
`);
      assert.deepEqual(printed, ['All done!', 'saved a', 'saved b']);
      const found = insights.filter((i) => i.kind === 'floating-promise');
      assert.equal(found.length, 1, JSON.stringify(insights));
      assert.equal(found[0].line, 4);
      assert.match(found[0].message, /2 async callbacks passed to forEach/);
      const before = /'All done!' printed (\d+) ms before these settled/.exec(found[0].message);
      assert.ok(before, found[0].message);
      assert.ok(Number(before[1]) >= 30 - 5 && Number(before[1]) <= 30 + 60, `settled ${before[1]} ms after 'All done!'`);
      assert.match(found[0].fix, /Promise\.all/);
    });

    it('near miss: a promise awaited later is not flagged', async () => {
      const { insights } = await insightsOf(`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function save() { await sleep(10); console.log('saved'); }
async function run() {
  const pending = save();
  console.log('meanwhile');
  await pending;
  console.log('done');
}
run();
`);
      assert.deepEqual(insights, []);
    });
  });

  it('a two-file project: patterns in the imported module give insights with its file and line (JSON and text)', async () => {
    const dir = tempDir();
    writeProgram(dir, 'jobs.js', `const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function load(name) { await sleep(20); return name; }
async function saveAll(items) {
  items.forEach(async (item) => {
    await sleep(30);
    console.log('saved ' + item);
  });
  console.log('All done!');
}
async function both() {
  const a = await load('a');
  const b = await load('b');
  console.log(a + b);
}
module.exports = { saveAll, both };
`);
    const file = writeProgram(dir, 'main.js', `const { saveAll, both } = require('./jobs');
saveAll(['x', 'y']);
both();
`);
    const raw = await traceFile({ file });
    assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines, 'prints what plain node prints');
    const model = buildModel(raw);
    const doc = traceDocument(model);
    const floating = doc.insights.filter((i) => i.kind === 'floating-promise');
    assert.deepEqual(floating.map((i) => [i.file, i.line]), [['jobs.js', 4]], JSON.stringify(doc.insights));
    assert.match(floating[0].message, /line 4 of jobs\.js/);
    const sequential = doc.insights.filter((i) => i.kind === 'sequential-awaits');
    assert.deepEqual(sequential.map((i) => [i.file, i.line, i.lines]), [['jobs.js', 11, [11, 12]]], JSON.stringify(doc.insights));
    assert.match(formatTextReport(model), /floating promise: .*line 4 of jobs\.js/);
  });

  it('the JSON document and the text report carry the insights', async () => {
    const file = writeProgram(tempDir(), 'both.js', `
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
`);
    const model = buildModel(await traceFile({ file }));
    const doc = traceDocument(model);
    assert.deepEqual(doc.insights.map((i) => i.kind), ['timing-race']);
    assert.deepEqual(doc.threads, [{ id: 0, name: 'main' }]);
    const timer = doc.tasks.find((t) => t.queue === 'timer')!;
    assert.ok(timer.due !== undefined && timer.lateMs !== undefined && timer.lateMs >= 0);
    assert.equal(timer.lateMs, Math.max(0, timer.start - timer.due), 'late: how long after its due time it started, never negative');
    assert.match(formatTextReport(model), /Insights\n {2}timing race: .*line 2.*line 3.*\n {4}fix: /);
  });
});

describe('asyncCalls in the JSON document', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('each call of an async function: from the call until it finished, with its await intervals, as the program measured them', async () => {
    const file = writeProgram(tempDir(), 'calls.js', `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function step(name, ms) {
  const t0 = Date.now();
  await sleep(ms);
  console.log(name + ' ' + (Date.now() - t0));
}
async function main() {
  await step('a', 40);
  await step('b', 20);
}
main();
`);
    const doc = traceDocument(buildModel(await traceFile({ file })));
    assert.deepEqual(doc.asyncCalls.map((c) => [c.name, c.line, c.callerLine]), [['main', 8, 12], ['step', 3, 9], ['step', 3, 10]]);
    const [main, a, b] = doc.asyncCalls;
    for (const c of doc.asyncCalls) assert.ok(c.end !== null && c.end >= c.start, `${c.name} finished`);
    assert.ok(a.end! <= b.start, 'sequential: b starts after a finished');
    assert.ok(main.start <= a.start && main.end! >= b.end!, 'main spans both');
    const printed = doc.console.map((c) => Number(c.text.split(' ')[1]));
    for (const [i, call] of [a, b].entries()) {
      assert.equal(call.awaits.length, 1);
      const wait = call.awaits[0];
      assert.equal(wait.line, 5);
      assert.ok(Math.abs(wait.end! - wait.start - printed[i]) <= TOLERANCE_MS, `${call.name}: await ${wait.end! - wait.start} ms vs measured ${printed[i]}`);
    }
    assert.deepEqual(main.awaits.map((w) => w.line), [9, 10]);
  });
});
