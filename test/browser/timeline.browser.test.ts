// The Timeline and Insights tabs in Chromium, on traces made now from the seed examples: one drawn bar per
// task, the staircase of sequential awaits and the stack of Promise.all in page geometry, a late timer in its
// own colour, hover, wheel zoom, click-to-step, the step cursor, the Insights list and its step links, the
// tab kept in the page's state, and the step view's lanes still above the fold. Screenshots (light and dark,
// 1400x900 and 1000x700) go to test-results/screenshots/; the 02 timeline also to docs/timeline.png.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { findInsights } from '../../src/shared/insights';
import type { RawTrace } from '../../src/shared/rawTrace';
import type { TraceModel } from '../../src/shared/modelTypes';
import { BrowserPages, clean, root, shots } from './browserPages';
import type {} from '../../webview/main';

const pages = new BrowserPages();

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  text: string;
  step: number;
  hit: { kind: string; first?: number; last?: number; part?: string; call?: { name: string; start: number; end: number | null }; wait?: { task: { id: number }; from: number }; index?: number };
}

async function showTimeline(page: Page): Promise<Box[]> {
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByRole('region', { name: 'Timeline' }).waitFor();
  return boxes(page);
}

function boxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const tl = window.loopscope!.side.timeline;
    tl.drawNow();
    return JSON.parse(JSON.stringify(tl.drawnBoxes())) as Box[];
  });
}

const centre = (b: Box): { x: number; y: number } => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });

/** The colour a CSS colour value computes to, as [r, g, b]. */
function rgbOf(page: Page, token: string): Promise<number[]> {
  return page.evaluate((token) => {
    const el = document.createElement('span');
    el.style.color = getComputedStyle(document.querySelector('.ls-timeline')!).getPropertyValue(token).trim();
    document.body.append(el);
    const m = getComputedStyle(el).color.match(/\d+/g)!.map(Number);
    el.remove();
    return m.slice(0, 3);
  }, token);
}

/** The canvas pixel at page point (x, y), as [r, g, b]. */
function pixelAt(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ({ x, y }) => {
      const c = document.querySelector<HTMLCanvasElement>('.ls-tl-canvas')!;
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      return [...c.getContext('2d')!.getImageData(Math.round((x - r.left) * k), Math.round((y - r.top) * k), 1, 1).data].slice(0, 3);
    },
    { x, y },
  );
}

const near = (a: number[], b: number[]): boolean => a.every((v, i) => Math.abs(v - b[i]) <= 12);

describe('webview in Chromium: Timeline and Insights (traced now)', function () {
  this.timeout(120000);
  let seqTrace: RawTrace;
  let cpuTrace: RawTrace;
  let seq: TraceModel;
  let cpu: TraceModel;
  let ioTrace: RawTrace;
  let tmp: string;

  before(async () => {
    await pages.start();
    tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-timeline-'));
    const ioFile = path.join(tmp, 'read.js');
    writeFileSync(ioFile, ["const fs = require('node:fs');", "fs.readFile(__filename, () => console.log('read'));", ''].join('\n'));
    [seqTrace, cpuTrace, ioTrace] = await Promise.all([
      traceFile({ file: path.join(root, 'examples', '02-sequential-vs-parallel.ts') }),
      traceFile({ file: path.join(root, 'examples', '04-cpu-blocks-timer.js') }),
      traceFile({ file: ioFile }),
    ]);
    seq = buildModel(seqTrace);
    cpu = buildModel(cpuTrace);
  });

  after(async () => {
    await pages.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('02: a Timeline region with one bar per task, the sequential staircase and the Promise.all stack', async () => {
    const w = await pages.openExport(seqTrace);
    const { page } = w;
    const drawn = await showTimeline(page);
    assert.equal(await page.getByRole('region', { name: 'Timeline' }).count(), 1);
    assert.match((await page.locator('.ls-tl-canvas').getAttribute('aria-label')) ?? '', new RegExp(`${seq.tasks.length} tasks on 1 thread, 4 async function calls, 9 timer or I/O waits`));

    // every task is drawn exactly once on the main lane (merged bars count each task they cover)
    const covered: number[] = [];
    for (const b of drawn.filter((b) => b.hit.kind === 'tasks')) for (let i = b.hit.first!; i <= b.hit.last!; i++) covered.push(i);
    assert.equal(covered.length, seq.tasks.length, 'one bar (or a share of a merged bar) per task');
    assert.deepEqual([...new Set(covered)].sort((a, b) => a - b), seq.tasks.map((_t, i) => i));

    const call = (name: string): Box => drawn.find((b) => b.hit.kind === 'call' && b.hit.call!.name === name)!;
    const sequential = call('sequential');
    const parallel = call('parallel');
    assert.ok(sequential && parallel, 'rows for sequential() and parallel()');
    // sequential(): three awaits, one after another on its row
    const awaits = drawn.filter((b) => b.hit.kind === 'await' && b.hit.call!.name === 'sequential').sort((a, b) => a.x0 - b.x0);
    assert.equal(awaits.length, 3);
    for (let i = 1; i < 3; i++) assert.ok(awaits[i].x0 >= awaits[i - 1].x1 - 0.5, `await ${i} starts after await ${i - 1} ends`);
    // their timers: a staircase (each row lower, each wait after the previous one fired)
    const seqCall = seq.asyncCalls.find((c) => c.name === 'sequential')!;
    const parCall = seq.asyncCalls.find((c) => c.name === 'parallel')!;
    const waitsIn = (c: { start: number; end: number | null }): Box[] =>
      drawn.filter((b) => b.hit.kind === 'wait' && b.hit.part === 'wait' && b.hit.wait!.from >= c.start && b.hit.wait!.from <= c.end!).sort((a, b) => a.y0 - b.y0);
    const stairs = waitsIn(seqCall);
    assert.equal(stairs.length, 3, 'three timers in sequential()');
    for (let i = 1; i < 3; i++) {
      assert.ok(stairs[i].y0 >= stairs[i - 1].y1, 'each on its own row, below the previous');
      assert.ok(stairs[i].x0 >= stairs[i - 1].x1 - 0.5, `timer ${i} waits after timer ${i - 1}: a staircase`);
    }
    // parallel(): its three timers wait at the same time: a stack
    const stack = waitsIn(parCall);
    assert.equal(stack.length, 3, 'three timers in parallel()');
    assert.ok(Math.max(...stack.map((b) => b.x0)) < Math.min(...stack.map((b) => b.x1)), 'the Promise.all waits overlap in time');
    assert.ok(stack[1].y0 >= stack[0].y1 && stack[2].y0 >= stack[1].y1, 'stacked on rows of their own');

    // the README's picture: the cursor at the second request's callback
    await page.evaluate((step) => window.loopscope!.goTo(step, false), seq.tasks[3].firstStep);
    await page.getByRole('region', { name: 'Timeline' }).screenshot({ path: path.join(root, 'docs', 'timeline.png') });

    // hover: what it is and how long
    await page.mouse.move(centre(awaits[0]).x, centre(awaits[0]).y);
    const tip = page.locator('.ls-tl-tip');
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent()) ?? '';
    assert.match(text, /sequential\(\) awaiting L19/);
    // about 150 ms (the request's timer), as the model measured it; more on a loaded machine
    const suspended = Number(/suspended (\d+) ms/.exec(text)?.[1]);
    const firstAwait = seq.asyncCalls.find((c) => c.name === 'sequential')!.awaits[0];
    assert.ok(suspended >= 145 && Math.abs(suspended - (firstAwait.end! - firstAwait.start)) <= 1, text);

    await page.screenshot({ path: path.join(shots, 'timeline-02-light-1400x900.png') });
    await clean(w);
  });

  it('02: wheel zooms the x-domain, a click moves the step view to the bar, the cursor follows the step, the tab is kept', async () => {
    const w = await pages.openExport(seqTrace);
    const { page } = w;
    let drawn = await showTimeline(page);
    await page.waitForFunction(() => /view=timeline/.test(location.hash)); // saved (debounced)

    // a timer's bar: click it, the step view goes to the step its callback started
    const run = drawn.find((b) => b.hit.kind === 'wait' && b.hit.part === 'run')!;
    await page.evaluate(() => window.loopscope!.goTo(window.loopscope!.model!.stepCount - 1, false));
    await page.mouse.click(centre(run).x, centre(run).y);
    assert.equal(await page.evaluate(() => window.loopscope!.currentStep), seq.tasks[run.hit.wait!.task.id].firstStep);
    // a task bar on the main lane (the script)
    const script = drawn.find((b) => b.hit.kind === 'tasks' && b.hit.first === 0 && b.hit.last === 0)!;
    await page.mouse.click(centre(script).x, centre(script).y);
    assert.equal(await page.evaluate(() => window.loopscope!.currentStep), 0);

    // the cursor is at the step's time
    const cursorAt = async (step: number): Promise<{ cursor: number; expected: number }> =>
      page.evaluate((step) => {
        const app = window.loopscope!;
        app.goTo(step, false);
        const tl = app.side.timeline;
        const [d0, d1] = tl.domain();
        const c = document.querySelector('.ls-tl-canvas')!.getBoundingClientRect();
        const ms = Number(document.querySelector<HTMLElement>('.ls-timeline')!.dataset.cursorMs);
        const cur = document.querySelector('.ls-tl-cursor')!.getBoundingClientRect();
        return { cursor: cur.left + cur.width / 2, expected: c.left + 46 + ((ms - d0) / (d1 - d0)) * (c.width - 46 - 10) };
      }, step);
    const late = seq.tasks[seq.tasks.length - 1].firstStep;
    const a = await cursorAt(late);
    const b = await cursorAt(seq.tasks[3].firstStep);
    assert.ok(Math.abs(a.cursor - a.expected) < 2.5 && Math.abs(b.cursor - b.expected) < 2.5, `cursor at its step's time: ${JSON.stringify([a, b])}`);
    assert.ok(a.cursor > b.cursor + 50, 'a later step is further right');

    // wheel: zooms in, the domain narrows around the pointer
    const before = await page.evaluate(() => window.loopscope!.side.timeline.domain());
    await page.mouse.move(centre(script).x + 200, centre(script).y);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((d0) => window.loopscope!.side.timeline.domain()[1] - window.loopscope!.side.timeline.domain()[0] < d0, before[1] - before[0]);
    const after = await page.evaluate(() => window.loopscope!.side.timeline.domain());
    assert.ok(after[1] - after[0] < (before[1] - before[0]) * 0.8, `zoomed in: ${before} -> ${after}`);
    drawn = await boxes(page);
    assert.ok(drawn.some((b) => b.hit.kind === 'tasks'));
    // Fit: the whole run again
    await page.getByRole('button', { name: 'Fit' }).click();
    const fitted = await page.evaluate(() => window.loopscope!.side.timeline.domain());
    assert.ok(Math.abs(fitted[0] - before[0]) < 0.01 && Math.abs(fitted[1] - before[1]) < 0.01, `fit: ${fitted} vs ${before}`);

    // the tab is part of the page's state: a reload shows the Timeline again
    await page.waitForFunction(() => /view=timeline/.test(location.hash));
    await page.reload();
    await page.waitForSelector('.ls-viewer:not([hidden])');
    assert.equal(await page.getByRole('tab', { name: 'Timeline' }).getAttribute('aria-selected'), 'true');
    assert.ok(await page.getByRole('region', { name: 'Timeline' }).isVisible());
    await clean(w);
  });

  it('04: the late timer in its own colour; Insights lists the blocked loop and goes to its step', async () => {
    const w = await pages.openExport(cpuTrace);
    const { page } = w;
    const drawn = await showTimeline(page);
    const late = drawn.find((b) => b.hit.kind === 'wait' && b.hit.part === 'late');
    assert.ok(late, 'the timer shows its lateness');
    assert.ok(late.x1 - late.x0 > 20, '182 ms late is a long segment');
    // the 10 ms timer waits out the 200 ms loop: well over 100 ms late, as the model measured it
    const lateMs = Number(/ran (\d+) ms late/.exec(late.text)?.[1]);
    const timer = cpu.tasks.find((t) => t.queue === 'timer')!;
    assert.ok(lateMs > 100 && Math.abs(lateMs - timer.lateMs!) <= 1, late.text);
    const lateColour = await rgbOf(page, '--ls-late');
    const timerColour = await rgbOf(page, '--ls-q-timer');
    assert.ok(!near(lateColour, timerColour), 'lateness and the timer differ in colour');
    assert.ok(near(await pixelAt(page, centre(late).x, centre(late).y), lateColour), 'the late segment is drawn in the late colour');
    const wait = drawn.find((b) => b.hit.kind === 'wait' && b.hit.part === 'wait')!;
    assert.ok(near(await pixelAt(page, centre(wait).x, centre(wait).y), timerColour), 'the wait before due in the timer colour');

    const insights = findInsights(cpu);
    const blocked = insights.find((i) => i.kind === 'blocked-loop')!;
    await page.getByRole('tab', { name: /Insights/ }).click();
    const region = page.getByRole('region', { name: 'Insights' });
    await region.waitFor();
    const item = region.getByRole('listitem').filter({ hasText: 'Blocked event loop' });
    assert.equal(await item.count(), 1);
    assert.match((await item.textContent()) ?? '', /Fix: Move CPU-bound work to a worker thread/);
    await page.evaluate(() => window.loopscope!.goTo(window.loopscope!.model!.stepCount - 1, false));
    await item.getByRole('button', { name: /^step / }).first().click();
    assert.equal(await page.evaluate(() => window.loopscope!.currentStep), blocked.steps![0]);
    await page.screenshot({ path: path.join(shots, 'insights-04-light-1400x900.png') });
    await clean(w);
  });

  it('I/O: drawn from the read\'s start (in the script, line 2) to its callback', async () => {
    const model = buildModel(ioTrace);
    const script = model.tasks[0];
    const callback = model.tasks.find((t) => t.queue === 'io')!;
    const w = await pages.openExport(ioTrace);
    const { page } = w;
    const drawn = await showTimeline(page);
    const wait = drawn.find((b) => b.hit.kind === 'wait' && b.hit.part === 'wait' && b.hit.wait!.task.id === callback.id);
    assert.ok(wait, 'the read has a row');
    const from = wait.hit.wait!.from;
    assert.ok(from >= script.start && from <= script.end, `the read started in the script (${from} in ${script.start}..${script.end})`);
    assert.match(wait.text, /^I\/O callback: .*started at L2\noperation started at [\d.]+ ms, callback after [\d.]+ ms/);
    const run = drawn.find((b) => b.hit.kind === 'wait' && b.hit.part === 'run' && b.hit.wait!.task.id === callback.id)!;
    assert.ok(run.x0 >= wait.x0, 'the callback runs after the read started');
    await clean(w);
  });

  it('presenter mode: large sentence, lanes without boxes, the timeline revealed step by step, kept in the page', async () => {
    const w = await pages.openExport(seqTrace);
    const { page } = w;
    await showTimeline(page);
    const sentenceSize = (): Promise<number> => page.locator('.ls-sentence').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const before = await sentenceSize();
    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.ok((await sentenceSize()) > before * 1.3, 'the sentence is larger');
    assert.equal(await page.locator('.ls-stack').evaluate((e) => getComputedStyle(e).borderTopColor), 'rgba(0, 0, 0, 0)', 'the lanes have no boxes');

    // step by step: at a step in sequential(), nothing after the cursor is drawn; at the last step, everything
    const seqCall = seq.asyncCalls.find((c) => c.name === 'sequential')!;
    const stepInSequential = seq.tasks[3].firstStep;
    await page.evaluate((step) => window.loopscope!.goTo(step, false), stepInSequential);
    const early = await boxes(page);
    const cursor = await page.locator('.ls-tl-cursor').evaluate((e) => e.getBoundingClientRect().left + 1);
    assert.ok(early.every((b) => b.x1 <= cursor + 2.5), 'nothing drawn after the current step');
    assert.ok(!early.some((b) => b.hit.kind === 'call' && b.hit.call!.name === 'parallel'), 'parallel() was not called yet');
    assert.ok(early.some((b) => b.hit.kind === 'call' && b.hit.call!.name === 'sequential' && b.hit.call!.start === seqCall.start));
    await page.evaluate(() => window.loopscope!.goTo(window.loopscope!.model!.stepCount - 1, false));
    const all = await boxes(page);
    assert.ok(all.some((b) => b.hit.kind === 'call' && b.hit.call!.name === 'parallel'), 'by the last step parallel() is drawn');
    assert.ok(all.length > early.length);

    await page.waitForFunction(() => /presenter=on/.test(location.hash));
    await page.reload();
    await page.waitForSelector('.ls-viewer:not([hidden])');
    assert.equal(await page.getByRole('button', { name: 'Presenter mode' }).getAttribute('aria-pressed'), 'true');
    assert.ok(await page.evaluate(() => window.loopscope!.inPresenterMode));
    await page.screenshot({ path: path.join(shots, 'presenter-02-light-1400x900.png') });
    await clean(w);
  });

  for (const [width, height] of [
    [1400, 900],
    [1000, 700],
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${width}x${height} ${colorScheme}: the step view's lanes stay above the fold with the Timeline shown (screenshots)`, async () => {
        for (const [name, trace] of [
          ['02', seqTrace],
          ['04', cpuTrace],
        ] as const) {
          const w = await pages.openExport(trace, { width, height, colorScheme });
          const { page } = w;
          await showTimeline(page);
          const lanes = await page.locator('.ls-queues').boundingBox();
          assert.ok(lanes && lanes.y + lanes.height <= height + 1, `queue lanes end at ${lanes && lanes.y + lanes.height} (viewport ${height})`);
          const tl = await page.locator('.ls-tl-canvas').boundingBox();
          assert.ok(tl && tl.width > 250 && tl.height > 120, `timeline drawn at ${JSON.stringify(tl)}`);
          await page.screenshot({ path: path.join(shots, `timeline-${name}-${colorScheme}-${width}x${height}.png`) });
          await page.getByRole('tab', { name: /Insights/ }).click();
          await page.screenshot({ path: path.join(shots, `insights-${name}-${colorScheme}-${width}x${height}.png`) });
          await clean(w);
        }
      });
    }
  }
});
