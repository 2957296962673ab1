// Just my code: tasks that ran none of the user's code are marked internal and folded in the text report.
// The facts come from the raw events (what ran between a task's `run` and its `done`), not from the
// classifier's own reading of the model; the oracle for the output is plain node.

import assert from 'node:assert/strict';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { internalTasks } from '../../src/shared/justMyCode';
import type { RawTrace } from '../../src/shared/rawTrace';
import { formatTextReport } from '../../src/cli/textReport';
import { traceDocumentChunks } from '../../src/shared/traceDocument';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode } from './helpers/programs';

const FETCH = path.resolve(__dirname, '../fixtures/cjs/loopback-fetch.js');

/** Per `run` in order: did an enter, resume, console or error event happen before its `done`? */
function tasksRunningUserCode(raw: RawTrace): boolean[] {
  const out: boolean[] = [];
  for (const ev of raw.events) {
    if (ev[0] === 'run') out.push(false);
    else if (out.length > 0 && (ev[0] === 'enter' || ev[0] === 'resume' || ev[0] === 'console' || ev[0] === 'error')) out[out.length - 1] = true;
  }
  return out;
}

describe('just my code', function () {
  this.timeout(60_000);
  let raw: RawTrace;
  before(async () => {
    ensureBuilt();
    raw = await traceFile({ file: FETCH });
  });

  it('prints what plain node prints', () => {
    assert.deepEqual(consoleTexts(raw.events), plainNode(FETCH).lines);
  });

  it('marks exactly the tasks that ran none of the user code as internal', () => {
    const model = buildModel(raw);
    const internal = internalTasks(model);
    const user = tasksRunningUserCode(raw);
    assert.equal(internal.length, user.length);
    model.tasks.forEach((task, i) => {
      if (task.queue === 'script') assert.equal(internal[i], false);
      else assert.equal(internal[i], !user[i], `task ${i} (${task.queue} ${task.label})`);
    });
    // the lesson of the issue: a handful of the user's tasks among dozens of Node's own
    assert.ok(internal.filter(Boolean).length >= 30, `${internal.filter(Boolean).length} internal tasks`);
    assert.ok(user.filter(Boolean).length <= 10, `${user.filter(Boolean).length} user tasks`);
  });

  it('the JSON document marks internal tasks and keeps every task', () => {
    const doc = JSON.parse([...traceDocumentChunks(buildModel(raw))].join('')) as { tasks: { internal: boolean }[] };
    const user = tasksRunningUserCode(raw);
    assert.equal(doc.tasks.length, user.length);
    doc.tasks.forEach((t, i) => assert.equal(t.internal, i === 0 ? false : !user[i], `task ${i}`));
  });

  it('the text report folds consecutive internal tasks and --all-tasks lists them one by one', () => {
    const model = buildModel(raw);
    const folded = formatTextReport(model);
    const all = formatTextReport(model, { allTasks: true });
    const headers = (text: string): number => text.split('\n').filter((l) => /^Task \d+ · /.test(l) && !l.includes('internal task')).length;
    assert.equal(headers(all), model.tasks.length);
    const internalCount = internalTasks(model).filter(Boolean).length;
    assert.equal(headers(folded), model.tasks.length - internalCount);
    const foldLines = folded.split('\n').filter((l) => / internal tasks? \(/.test(l));
    const foldedTotal = foldLines.reduce((n, l) => n + Number(/(\d+) internal task/.exec(l)![1]), 0);
    assert.equal(foldedTotal, internalCount);
    assert.match(folded, /got hello/);
  });
});
