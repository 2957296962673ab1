// One word per queue, everywhere: on a trace made now (a task from every queue a plain program can fill), the
// CLI's text report, the panel's console notes and its call-stack rows name each task's queue with the shared
// event-loop table's word (src/shared/eventLoop.ts), in its case; no lane title ("Timers", "Microtasks")
// leaks into them. The panel parts run under jsdom with the real renderers.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { traceFile } from '../../src/core/runTraced';
import { formatTextReport } from '../../src/cli/textReport';
import { SOURCES, type TaskSource } from '../../src/shared/eventLoop';
import { buildModel } from '../../src/shared/model';
import type { TraceModel } from '../../src/shared/modelTypes';
import { buildLayout } from '../../webview/layout';
import { buildOutputRows } from '../../webview/outputRows';
import { ConsoleView } from '../../webview/render/console';
import { renderStack } from '../../webview/render/stack';

const PROGRAM = [
  'function say(what) {',
  '  console.log(what);',
  '}',
  "process.nextTick(() => say('tick'));",
  "Promise.resolve().then(() => say('micro'));",
  "setTimeout(() => say('timer'), 0);",
  "setImmediate(() => say('immediate'));",
  "say('script');",
].join('\n');

/** The lane titles that are not also a word ("Timers", "Microtasks"): only the lanes may use them. */
const ALL = Object.keys(SOURCES) as TaskSource[];
const TITLES = ALL.map((q) => SOURCES[q].title).filter((t) => !ALL.some((q) => SOURCES[q].word === t));

describe('queue words: text report, console notes and stack rows say the shared word', function () {
  this.timeout(60000);
  let model: TraceModel;
  let tmp: string;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-words-'));
    const file = path.join(tmp, 'words.js');
    writeFileSync(file, PROGRAM + '\n');
    model = buildModel(await traceFile({ file }));
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the trace ran a task from each queue the program fills', () => {
    const queues = new Set(model.tasks.filter((t) => t.queue !== 'microtask' || t.label.includes('say')).map((t) => t.queue));
    for (const q of ['script', 'nextTick', 'microtask', 'timer', 'immediate'] as const) assert.ok(queues.has(q), `a ${q} task: ${[...queues].join(', ')}`);
  });

  it("the text report heads each task with its queue's word", () => {
    const report = formatTextReport(model, { allTasks: true });
    const headers = report.split('\n').filter((l) => l.startsWith('Task '));
    assert.equal(headers.length, model.tasks.length);
    headers.forEach((h, i) => assert.equal(h.split(' · ')[1], SOURCES[model.tasks[i].queue].word, h));
    const summary = report.split('\n').find((l) => / task(s)? \(/.test(l))!;
    for (const q of new Set(model.tasks.map((t) => t.queue))) assert.match(summary, new RegExp(`\\b${SOURCES[q].word} \\d+`));
    for (const title of TITLES) assert.doesNotMatch(report, new RegExp(`\\b${title}\\b`), `lane title "${title}" in the report`);
  });

  it("each console note names its task's queue with the same word; the stack's callback row too", () => {
    const { window } = new JSDOM('<!DOCTYPE html><main id="loopscope-root"></main>');
    const layout = buildLayout(window.document.getElementById('loopscope-root')!);
    const rows = buildOutputRows(model);
    const view = new ConsoleView(layout.console, model, rows);
    view.render(model.stepCount - 1);
    const notes = Array.from(layout.console.querySelectorAll('.ls-out'), (el) => el.querySelector('.ls-out-meta')!.textContent!);
    assert.equal(notes.length, model.console.length);
    model.console.forEach((c, i) => {
      const queue = model.tasks[c.task!].queue;
      // "say · timer · L2": the function that printed, the task's queue word, the line
      assert.deepEqual(notes[i].split(' · '), ['say', SOURCES[queue].word, `L${c.line}`]);
    });
    for (const task of model.tasks.filter((t) => t.queue !== 'script')) {
      renderStack(layout.stack, model.stateAt(task.firstStep), model, { duration: 0, capacity: Infinity });
      assert.equal(layout.stack.querySelector('.ls-frame.is-task .ls-frame-detail')!.textContent, SOURCES[task.queue].word);
    }
  });
});
