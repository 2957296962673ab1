// Worker threads, the pure parts: which files `new Worker(...)` names (the project graph adds them), one model
// per thread from RawTrace.threads (the main model unchanged), the JSON's threads and thread fields, the text
// report's Threads summary, and the Timeline's lane per thread.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workerScripts, mayCreateWorkers } from '../../src/core/project/workerScripts';
import { buildModel, describeStep } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import type { RawEvent, RawTrace } from '../../src/shared/rawTrace';
import { formatTextReport } from '../../src/cli/textReport';
import { buildTimelineData, threadsOf } from '../../webview/timelineData';
import { describeHit, stepOfHit, threadOfHit } from '../../webview/timelineText';
import { stepAcrossThreads, threadChoices } from '../../webview/threadSteps';
import { stepTime } from '../../src/shared/model/stepTime';
import { rawTrace } from './modelFixtures';

describe('worker threads: the scripts new Worker(...) names', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'loopscope-workers-'));
    for (const f of ['a.js', 'b.js', 'c.mjs', 'sub/d.js']) {
      const file = path.join(dir, f);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '');
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds literal paths, path.join/resolve(__dirname, …) and new URL(…, import.meta.url); skips what does not exist or Node would not take', () => {
    const file = path.join(dir, 'sub', 'main.js');
    const source = [
      "new Worker('./a.js');", // relative to the working directory (the entry's folder)
      "new Worker(path.join(__dirname, 'd.js'), { workerData: 1 });", // relative to this file
      "new Worker(resolve(__dirname, '../b.js'));",
      "new Worker(new URL('../c.mjs', import.meta.url));",
      "new Worker('a.js');", // a bare name: Node refuses it
      "new Worker('./missing.js');",
      'new Worker(__filename);',
      "new Worker(`./${name}.js`);",
    ].join('\n');
    assert.equal(mayCreateWorkers(source), true);
    assert.equal(mayCreateWorkers("const w = require('worker_threads');"), false);
    assert.deepEqual(workerScripts(file, source, dir), [path.join(dir, 'a.js'), path.join(dir, 'sub', 'd.js'), path.join(dir, 'b.js'), path.join(dir, 'c.mjs')]);
  });
});

/** A thread's events: a script task printing `text` over [start, end] ms. */
function scriptEvents(start: number, end: number, text: string, timer?: { due: number; at: number }): RawEvent[] {
  const events: RawEvent[] = [['start', 0, 'cjs'], ['run', start, 'script', null], ['console', start + 0.1, 'stdout', text, 2]];
  if (timer) events.push(['enqueue', start + 0.2, '1', 'timer', 'setTimeout', 3, null, timer.due]);
  events.push(['done', end, 'script']);
  if (timer) events.push(['run', timer.at, '1', 3], ['console', timer.at + 0.1, 'stdout', 'timer', 3], ['done', timer.at + 0.2, '1']);
  events.push(['end', Math.max(end, timer?.at ?? 0) + 1, 'completed', 0]);
  return events;
}

function twoThreads(): RawTrace {
  return {
    ...rawTrace(scriptEvents(1, 3, 'main', { due: 13, at: 13.5 }), [], 'cjs', 'x\n'.repeat(10)),
    threads: [{ id: 1, name: 'busy.js', line: 4, parent: 0, events: scriptEvents(5, 205, 'worker') }],
  };
}

describe('worker threads: model, JSON, text report, Timeline', () => {
  it('builds one model per thread; the main model is what it is without workers', () => {
    const raw = twoThreads();
    const model = buildModel(raw);
    const alone = buildModel({ ...raw, threads: undefined });
    assert.equal(model.stepCount, alone.stepCount);
    assert.deepEqual(model.tasks, alone.tasks);
    assert.equal(model.threads?.length, 1);
    const w = model.threads![0];
    assert.deepEqual([w.id, w.name, w.line, w.file, w.parent], [1, 'busy.js', 4, 'fixture.js', 0]);
    assert.deepEqual(w.model.console.map((c) => c.text), ['worker']);
    assert.equal(w.model.tasks[0].end - w.model.tasks[0].start, 200);
    // the worker's top-level code is its script, not the main script: in its task, its stack and its sentences
    assert.equal(model.tasks[0].label, 'main script');
    assert.equal(w.model.tasks[0].label, 'worker script');
    assert.match(describeStep(w.model, w.model.tasks[0].firstStep), /^The worker's script starts/);
    assert.match(describeStep(model, model.tasks[0].firstStep), /^The main script starts/);
  });

  it('the JSON lists the threads and ties tasks and console lines to them', () => {
    const doc = traceDocument(buildModel(twoThreads()));
    assert.deepEqual(doc.threads, [{ id: 0, name: 'main' }, { id: 1, name: 'busy.js', file: 'fixture.js', line: 4, parent: 0 }]);
    assert.deepEqual(doc.tasks.map((t) => [t.thread, t.id, t.queue]), [[0, 0, 'script'], [0, 1, 'timer'], [1, 0, 'script']]);
    assert.deepEqual(doc.console.map((c) => [c.thread, c.text]), [[0, 'main'], [0, 'timer'], [1, 'worker']]);
    // without workers: main alone, as before
    assert.deepEqual(traceDocument(buildModel({ ...twoThreads(), threads: undefined })).threads, [{ id: 0, name: 'main' }]);
  });

  it("the text report has the worker's tasks and a Threads summary: busy time, longest task, timer lateness", () => {
    const text = formatTextReport(buildModel(twoThreads()));
    assert.match(text, /=== thread 1 · busy\.js \(new Worker at fixture\.js line 4\) ===/);
    assert.match(text, /printed  worker/);
    const threads = text.slice(text.indexOf('Threads'));
    assert.match(threads, /thread 0 · main: 2 tasks from 1\.0 ms to 13\.7 ms/);
    assert.match(threads, /timers: 1, latest ran 0\.5 ms after it was due/);
    assert.match(threads, /thread 1 · busy\.js \(new Worker at fixture\.js line 4\): 1 task from 5\.0 ms to 205\.0 ms, busy 200 ms/);
    assert.doesNotMatch(formatTextReport(buildModel({ ...twoThreads(), threads: undefined })), /Threads/);
  });

  it("the Timeline has a lane per thread with its own tasks; a worker bar names its thread and goes to that thread's step", () => {
    const model = buildModel(twoThreads());
    assert.deepEqual(threadsOf(model), [{ id: 0, name: 'main' }, { id: 1, name: 'busy.js' }]);
    const data = buildTimelineData(model, threadsOf(model));
    assert.deepEqual(data.lanes.map((l) => [l.thread.name, [...l.tasks], [...l.starts]]), [['main', [0, 1], [1, 13.5]], ['busy.js', [0], [5]]]);
    assert.deepEqual(data.domain, [0, 205], "the worker's task widens the domain");
    const hit = { kind: 'tasks' as const, lane: 1, first: 0, last: 0 };
    assert.match(describeHit(hit, data, model.tasks), /^busy\.js \(thread 1\): worker script\nran 200 ms at 5 ms/);
    assert.deepEqual([stepOfHit(hit, data, model.tasks), threadOfHit(hit, data)], [model.threads![0].model.tasks[0].firstStep, 1]);
    assert.deepEqual([stepOfHit({ ...hit, lane: 0 }, data, model.tasks), threadOfHit({ ...hit, lane: 0 }, data)], [0, 0]);
    // a message from the worker, received by main's timer task (as threadMessages.ts matched it): one link
    const linked = buildTimelineData(Object.assign(Object.create(model) as typeof model, { messages: [{ from: 1, postedAt: 100, line: 3, file: 0, to: 0, task: 1 }] }), threadsOf(model));
    assert.deepEqual(linked.links, [{ fromLane: 1, postedAt: 100, toLane: 0, receivedAt: 13.5 }]);
    assert.deepEqual(data.links, []);
  });

  it('follow: a step goes to the step that comes next in time on any thread, and back', () => {
    const model = buildModel(twoThreads());
    const threads = threadChoices(model);
    assert.deepEqual(threads.map((t) => [t.id, t.label]), [[0, 'main'], [1, '1 · busy.js']]);
    const total = model.stepCount + model.threads![0].model.stepCount;
    const walk: { thread: number; step: number }[] = [{ thread: 0, step: 0 }];
    for (let next = stepAcrossThreads(threads, 0, 0, 1); next !== null; next = stepAcrossThreads(threads, next.thread, next.step, 1)) walk.push(next);
    assert.equal(walk.length, total, 'every step of every thread once');
    const time = (p: { thread: number; step: number }): number => stepTime(threads.find((t) => t.id === p.thread)!.model, p.step);
    for (let i = 1; i < walk.length; i++) assert.ok(time(walk[i]) >= time(walk[i - 1]));
    assert.ok(walk.some((p, i) => i > 0 && p.thread !== walk[i - 1].thread), 'it crosses threads');
    // and back: the same walk reversed
    const last = walk[walk.length - 1];
    const back: { thread: number; step: number }[] = [last];
    for (let prev = stepAcrossThreads(threads, last.thread, last.step, -1); prev !== null; prev = stepAcrossThreads(threads, prev.thread, prev.step, -1)) back.push(prev);
    assert.equal(back.length, total);
  });

  it("links a worker's post to the main thread's message task: the model, the JSON and the text report", () => {
    const raw = twoThreads();
    const worker = raw.threads![0];
    // the worker posts at 100 ms (line 7) inside its script task; main's MESSAGEPORT callback runs at 210 ms
    worker.events.splice(3, 0, ['post', 100, 0, 7]);
    const end = raw.events.pop()!;
    raw.events.push(['enqueue', 209, '9', 'io', 'MESSAGEPORT', 4, null, null], ['run', 210, '9', null], ['console', 210.1, 'stdout', 'got it', 5], ['done', 210.2, '9'], ['end', 211, end[2] as 'completed', 0]);
    const model = buildModel(raw);
    assert.deepEqual(model.messages, [{ from: 1, postedAt: 100, line: 7, file: 0, to: 0, task: 2 }]);
    const doc = traceDocument(model);
    assert.deepEqual(doc.tasks.find((t) => t.thread === 0 && t.id === 2)?.messages, [{ fromThread: 1, postedAt: 100, line: 7, file: 'fixture.js' }]);
    const text = formatTextReport(model);
    assert.match(text, /received a message from thread 1, posted at 100\.0 ms \(line 7\)/);
    assert.match(text, /=== thread 1[^]*posted   a message to thread 0 \(line 7\)/);
    // a message task that ran none of the user's code takes no message: Node's own ('online', output)
    const quiet = { ...raw, events: raw.events.filter((e) => !(e[0] === 'console' && e[3] === 'got it')) };
    assert.equal(buildModel(quiet).messages?.[0].task, null);
  });
});
