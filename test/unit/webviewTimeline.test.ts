// The Timeline's pure parts: the lanes, rows and waits built from a model, the per-pixel merge of tasks
// narrower than a pixel (level of detail), the rows read by index, the tooltip words and the click targets;
// and the Insights list under jsdom (its links carry the line and step input.ts acts on).
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { AsyncCall, TaskInfo } from '../../src/shared/modelTypes';
import type { Insight } from '../../src/shared/insights';
import { buildTimelineData, lowerBound, mergedBars } from '../../webview/timelineData';
import { boxAt, rowAt, rowCount, type DrawnBox } from '../../webview/timelineDraw';
import { describeHit, stepOfHit } from '../../webview/timelineText';
import { renderInsights } from '../../webview/render/insights';

let nextId = 0;
function task(start: number, end: number, extra: Partial<TaskInfo> = {}): TaskInfo {
  const id = nextId++;
  return { id, itemId: String(id), queue: 'microtask', phase: 'timers', label: 'then', line: 3, start, end, firstStep: id * 10, lastStep: id * 10 + 5, ...extra };
}

function tasksOf(...list: TaskInfo[]): TaskInfo[] {
  return list.map((t, i) => ({ ...t, id: i, firstStep: i * 10 }));
}

const call: AsyncCall = { id: 0, name: 'load', line: 4, file: 0, callerLine: 9, task: 0, start: 1, end: 160, step: 2, awaits: [{ line: 5, start: 2, end: 152, step: 3 }] };

describe('webview timeline: data and level of detail', () => {
  it('one lane per thread in start order; waits are the timers and I/O seen being scheduled, in scheduling order', () => {
    const tasks = tasksOf(
      task(0, 10, { queue: 'script' }),
      task(200, 201, { queue: 'timer', queuedAt: 5, due: 105, lateMs: 95 }),
      task(50, 51, { queue: 'io', queuedAt: 49 }),
      task(11, 12, { queue: 'immediate', queuedAt: 1 }),
      task(300, 301, { queue: 'timer' }),
    );
    // the I/O task's read started at 2 ms (the model's in-flight record); its callback was queued at 49
    const d = buildTimelineData({ tasks, asyncCalls: [call] }, undefined, new Map([[2, { start: 2, line: 8 }]]));
    assert.equal(d.lanes.length, 1);
    assert.equal(d.lanes[0].thread.name, 'main');
    assert.deepEqual([...d.lanes[0].tasks], [0, 3, 2, 1, 4]);
    assert.deepEqual(d.waits.map((w) => [w.task.id, w.from, w.line]), [[2, 2, 8], [1, 5, null]], 'io from 2 ms then the timer from 5; no immediates, no unseen scheduling');
    assert.equal(buildTimelineData({ tasks, asyncCalls: [] }).waits.length, 1, 'I/O without a seen start is no wait');
    assert.deepEqual(d.domain, [0, 301]);
    const two = buildTimelineData({ tasks, asyncCalls: [] }, [{ id: 0, name: 'main' }, { id: 1, name: 'worker 1' }]);
    assert.deepEqual(two.lanes.map((l) => [l.thread.name, l.tasks.length]), [['main', 5], ['worker 1', 0]], 'a thread list drives the lanes');
  });

  it('tasks narrower than a pixel merge per pixel column; wide ones stay their own bar; only the visible range is visited', () => {
    // 1 px per ms: ten 0.05 ms tasks inside [10, 10.9), then a 5 ms task, then ten more in [30, 31)
    const list: TaskInfo[] = [];
    for (let i = 0; i < 10; i++) list.push(task(10 + i * 0.09, 10 + i * 0.09 + 0.05));
    list.push(task(15, 20));
    for (let i = 0; i < 10; i++) list.push(task(30 + i * 0.09, 30 + i * 0.09 + 0.05));
    const d = buildTimelineData({ tasks: tasksOf(...list), asyncCalls: [] });
    const bars = mergedBars(d.lanes[0], 0, 100, { k: 1, c: 0 });
    assert.deepEqual(bars.map((b) => [b.first, b.last]), [[0, 9], [10, 10], [11, 20]]);
    assert.deepEqual(bars.map((b) => [b.x0, b.x1]), [[10, 11], [15, 20], [30, 31]]);
    assert.equal(bars.reduce((n, b) => n + b.last - b.first + 1, 0), 21, 'every task is in exactly one bar');
    // zoomed in on the first group: each task is 5 px wide and drawn alone
    const zoomed = mergedBars(d.lanes[0], 10, 11, { k: 100, c: -1000 });
    assert.equal(zoomed.length, 10);
    // a range that holds only the wide task
    assert.deepEqual(mergedBars(d.lanes[0], 16, 18, { k: 1, c: 0 }).map((b) => b.first), [10]);
  });

  it('100k sub-pixel tasks at full zoom-out: at most one bar per pixel column', () => {
    const list: TaskInfo[] = [];
    for (let i = 0; i < 100000; i++) list.push(task(i * 0.01, i * 0.01 + 0.004));
    const d = buildTimelineData({ tasks: tasksOf(...list), asyncCalls: [] });
    const width = 800;
    const bars = mergedBars(d.lanes[0], 0, 1000, { k: width / 1000, c: 0 });
    assert.ok(bars.length <= width + 1, `${bars.length} bars`);
    assert.equal(bars.reduce((n, b) => n + b.last - b.first + 1, 0), 100000);
  });

  it('lowerBound finds the first index at or above a value', () => {
    assert.equal(lowerBound([1, 2, 2, 5], 2), 1);
    assert.equal(lowerBound([1, 2, 2, 5], 6), 4);
    assert.equal(lowerBound([], 1), 0);
  });

  it('rows: a heading and the calls, a heading and the waits, read by index', () => {
    const tasks = tasksOf(task(0, 10, { queue: 'script' }), task(200, 201, { queue: 'timer', queuedAt: 5, due: 105, lateMs: 95 }));
    const d = buildTimelineData({ tasks, asyncCalls: [call] });
    assert.equal(rowCount(d), 4);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => rowAt(d, i)?.kind ?? null), ['head', 'call', 'head', 'wait', null]);
    assert.equal(rowCount(buildTimelineData({ tasks: [], asyncCalls: [] })), 0);
  });
});

describe('webview timeline: tooltips and click targets', () => {
  const tasks = tasksOf(task(0, 10, { queue: 'script', label: 'main script', line: null }), task(200, 201.5, { queue: 'timer', label: '() => done()', line: 7, queuedAt: 5, queuedLine: 6, due: 105, lateMs: 95 }));
  const d = buildTimelineData({ tasks, asyncCalls: [call] });

  it('says what a bar is and how long it took', () => {
    assert.equal(describeHit({ kind: 'tasks', lane: 0, first: 0, last: 0 }, d, tasks), 'main script\nran 10 ms at 0 ms');
    assert.match(describeHit({ kind: 'tasks', lane: 0, first: 0, last: 1 }, d, tasks), /^2 tasks, 12 ms in all/);
    const wait = describeHit({ kind: 'wait', wait: d.waits[0], part: 'late' }, d, tasks);
    assert.match(wait, /^timer: \(\) => done\(\) \(Timers\) L7, scheduled at L6/);
    assert.match(wait, /scheduled at 5 ms, due after 100 ms/);
    assert.match(wait, /ran 95 ms late/);
    assert.match(wait, /callback ran 1.5 ms at 200 ms/);
    assert.equal(describeHit({ kind: 'await', call, index: 0 }, d, tasks), 'load() awaiting L5\nsuspended 150 ms, at 2 ms');
    // a located line of another file (file 2, line 7) says its line in that file
    const other = { ...call, file: 2, awaits: [{ ...call.awaits[0], line: 2_000_007 }] };
    assert.match(describeHit({ kind: 'await', call: other, index: 0 }, d, tasks), /^load\(\) awaiting L7\n/);
    assert.match(describeHit({ kind: 'call', call }, d, tasks), /settled after 159 ms; suspended at await 150 ms/);
  });

  it('a click goes to the task start, the call, or the await', () => {
    assert.equal(stepOfHit({ kind: 'tasks', lane: 0, first: 1, last: 1 }, d, tasks), 10);
    assert.equal(stepOfHit({ kind: 'wait', wait: d.waits[0], part: 'run' }, d, tasks), 10);
    const io = { task: task(50, 51, { queue: 'io', label: 'FSREQCALLBACK', line: 3 }), from: 20, line: 2 };
    assert.match(describeHit({ kind: 'wait', wait: io, part: 'wait' }, d, tasks), /^I\/O callback: FSREQCALLBACK \(I\/O\) L3, started at L2\noperation started at 20 ms, callback after 30 ms/);
    assert.equal(stepOfHit({ kind: 'call', call }, d, tasks), 2);
    assert.equal(stepOfHit({ kind: 'await', call, index: 0 }, d, tasks), 3);
  });
});

describe('webview timeline: hit testing', () => {
  const hit = { kind: 'call' as const, call };
  const box = (x0: number, x1: number, y0 = 0): DrawnBox => ({ x0, x1, y0, y1: y0 + 10, hit });
  it('a box under the point, a 1 px bar within 2 px, the box containing the point over a near miss, the later drawn on top', () => {
    const a = box(0, 50);
    const thin = box(60, 61);
    const top = box(10, 20);
    assert.equal(boxAt([a, thin], 25, 5), a);
    assert.equal(boxAt([a, thin], 62.5, 5), thin);
    assert.equal(boxAt([a, thin], 70, 5), null);
    assert.equal(boxAt([a, thin], 25, 15), null, 'outside the row');
    assert.equal(boxAt([a, top], 15, 5), top);
    assert.equal(boxAt([a, box(51, 52)], 50, 5), a, 'contains beats near');
  });
});

describe('webview insights list (jsdom)', () => {
  it('each insight: its title, what happened, the fix, its lines and its step as links; user text stays text', () => {
    const { window } = new JSDOM('<!DOCTYPE html><section id="r"></section>');
    const region = window.document.getElementById('r')!;
    const insights: Insight[] = [
      { kind: 'blocked-loop', message: 'The main script ran 222 ms <img src=x>', fix: 'Move CPU-bound work to a worker thread.', file: 'a.js', line: 14, steps: [4], durationMs: 222 },
      { kind: 'timing-race', message: 'Two timers race', fix: 'Do not rely on it.', file: 'a.js', line: 3, lines: [3, 9] },
    ];
    renderInsights(region, insights);
    const items = [...region.querySelectorAll('li')];
    assert.equal(items.length, 2);
    assert.equal(items[0].querySelector('h3')?.textContent, 'Blocked event loop');
    assert.equal(items[0].querySelector('img'), null);
    assert.match(items[0].textContent ?? '', /Fix: Move CPU-bound work/);
    assert.equal(items[0].dataset.step, '4');
    assert.deepEqual([...items[0].querySelectorAll('button')].map((b) => [b.textContent, b.dataset.line ?? null, b.dataset.step ?? null]), [
      ['L14', '14', null],
      ['step 5', null, '4'],
    ]);
    assert.deepEqual([...items[1].querySelectorAll('button')].map((b) => b.dataset.line), ['3', '9']);
    // many steps: the first eight as links, then how many more
    renderInsights(region, [{ kind: 'floating-promise', message: 'm', fix: 'f', file: null, line: null, steps: Array.from({ length: 12 }, (_, i) => i * 3) }]);
    const steps = [...region.querySelectorAll<HTMLElement>('.ls-insight-step')].map((b) => b.dataset.step);
    assert.deepEqual(steps, ['0', '3', '6', '9', '12', '15', '18', '21']);
    assert.match(region.textContent ?? '', /and 4 more steps/);
    assert.equal(items[1].dataset.step, undefined);
    // an insight about another file of a project: its line links name that file and reveal it there
    renderInsights(region, [{ kind: 'floating-promise', message: 'm', fix: 'f', file: 'lib/jobs.js', line: 4 }, { kind: 'floating-promise', message: 'm', fix: 'f', file: 'a.js', line: 2 }], 'a.js');
    assert.deepEqual([...region.querySelectorAll<HTMLElement>('.ls-insight-line')].map((b) => [b.textContent, b.dataset.line, b.dataset.file ?? null]), [
      ['jobs.js:4', '4', 'lib/jobs.js'],
      ['L2', '2', null],
    ]);
    // a worker thread's insight: its steps are that thread's (input.ts shows the thread), and the title says which
    renderInsights(region, [{ kind: 'blocked-loop', message: 'm', fix: 'f', file: 'a.js', line: 6, steps: [2], thread: 1 }, { kind: 'blocked-loop', message: 'm', fix: 'f', file: 'a.js', line: 9, steps: [5] }], 'a.js');
    assert.deepEqual([...region.querySelectorAll<HTMLElement>('li')].map((li) => [li.dataset.thread, li.querySelector('h3')?.textContent]), [
      ['1', 'Blocked event loop · thread 1'],
      ['0', 'Blocked event loop'],
    ]);
    renderInsights(region, []);
    assert.match(region.textContent ?? '', /No insights for this run/);
  });
});
