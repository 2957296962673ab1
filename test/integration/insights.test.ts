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
      const { insights } = await insightsOf(busy(20));
      assert.deepEqual(insights.filter((i) => i.kind === 'blocked-loop'), []);
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
    assert.match(formatTextReport(model), /Insights\n {2}timing race \(lines 2, 3\): .*\n {4}fix: /);
  });
});
