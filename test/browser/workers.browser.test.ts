// Worker threads in the Timeline, in Chromium, on a trace of examples/07-worker-threads.js made now: one lane
// per thread, the worker's CPU-bound task drawn on its own lane at the same time as the main thread's on-time
// timer (parallelism beside concurrency), a tooltip that names the worker's thread, and a click on a worker's
// bar that does not move the main thread's step view. Screenshot: test-results/screenshots/timeline-workers-*.png.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
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
  hit: { kind: string; lane?: number; first?: number; last?: number; part?: string; wait?: { task: { id: number; queue: string } } };
}

function boxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const tl = window.loopscope!.side.timeline;
    tl.drawNow();
    return JSON.parse(JSON.stringify(tl.drawnBoxes())) as Box[];
  });
}

const centre = (b: Box): { x: number; y: number } => ({ x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 });

describe('webview in Chromium: worker threads in the Timeline (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let model: TraceModel;

  before(async () => {
    await pages.start();
    raw = await traceFile({ file: path.join(root, 'examples', '07-worker-threads.js') });
    model = buildModel(raw);
  });

  after(async () => {
    await pages.stop();
  });

  it("07: a lane per thread; the worker's long task overlaps the main thread's timer", async () => {
    assert.equal(model.threads?.length, 1, 'one worker traced');
    const worker = model.threads![0];
    const w = await pages.openExport(raw, { width: 1400, height: 900 });
    const { page } = w;
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    const label = (await page.locator('.ls-tl-canvas').getAttribute('aria-label')) ?? '';
    assert.match(label, /on 2 threads/);
    const drawn = await boxes(page);
    const lane = (n: number): Box[] => drawn.filter((b) => b.hit.kind === 'tasks' && b.hit.lane === n);
    assert.ok(lane(0).length > 0 && lane(1).length > 0, 'bars on both lanes');
    assert.ok(lane(1)[0].y0 >= lane(0)[0].y1, "the worker's lane is below main's");
    // the worker's busy task: its longest bar, about 200 ms wide
    const busy = lane(1).reduce((a, b) => (b.x1 - b.x0 > a.x1 - a.x0 ? b : a));
    const busyTask = worker.model.tasks.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    assert.ok(busyTask.end - busyTask.start >= 190, `the worker blocked its thread ~200 ms: ${busyTask.end - busyTask.start}`);
    // the main thread's timer ran while the worker was busy? Not guaranteed on a loaded machine (the worker may
    // start late); what is: the main thread's bars during the worker's task are drawn in their own lane at the
    // same x as the worker's bar, and the timer ran less late than the worker ran long
    const timer = model.tasks.find((t) => t.queue === 'timer')!;
    assert.ok((timer.lateMs ?? 0) < busyTask.end - busyTask.start, `the main timer was not held up by the worker's loop (late ${timer.lateMs} ms)`);
    const mainDuring = lane(0).filter((b) => b.x1 > busy.x0 && b.x0 < busy.x1);
    assert.ok(mainDuring.length > 0 || timer.start < busyTask.start, 'main-thread work drawn beside the busy worker');

    // hover the worker's bar: the tooltip names its thread
    await page.mouse.move(centre(busy).x, centre(busy).y);
    const tip = page.locator('.ls-tl-tip');
    await tip.waitFor({ state: 'visible' });
    assert.match((await tip.textContent()) ?? '', /07-worker-threads\.js \(thread 1\)/);
    await page.screenshot({ path: path.join(shots, 'timeline-workers-light-1400x900.png') });

    // a click on it shows the worker's thread at the step its task started
    await page.mouse.click(centre(busy).x, centre(busy).y);
    assert.equal(await page.evaluate(() => window.loopscope!.currentThread), worker.id);
    assert.equal(await page.evaluate(() => window.loopscope!.currentStep), busyTask.firstStep);
    assert.equal(await page.locator('.ls-thread-select').inputValue(), String(worker.id));
    await clean(w);
  });

  it("07: the thread picker shows a worker's stack and console; follow steps to the thread that ran next", async () => {
    const worker = model.threads![0];
    const w = await pages.openExport(raw, { width: 1400, height: 900 });
    const { page } = w;
    assert.deepEqual(await page.locator('.ls-thread-select option').allTextContents(), ['main', `${worker.id} · 07-worker-threads.js`]);
    // the worker's thread, at its last step: its console line, not main's
    await page.locator('.ls-thread-select').selectOption(String(worker.id));
    await page.evaluate((s) => window.loopscope!.goTo(s, false), worker.model.stepCount - 1);
    const printed = (await page.locator('.ls-console').textContent()) ?? '';
    assert.match(printed, /worker: blocking its own thread for 200 ms/);
    assert.doesNotMatch(printed, /the CPU-bound loop runs in a worker/);
    await page.screenshot({ path: path.join(shots, 'threads-worker-light-1400x900.png') });

    // back to main, follow on: stepping from main's last script step lands on whichever thread ran next
    await page.locator('.ls-thread-select').selectOption('0');
    assert.equal(await page.evaluate(() => window.loopscope!.currentThread), 0);
    await page.locator('.ls-thread-follow').check();
    const visited: [number, number][] = [];
    await page.evaluate(() => window.loopscope!.goTo(0, false));
    for (let i = 0; i < model.stepCount + worker.model.stepCount - 1; i++) {
      await page.evaluate(() => window.loopscope!.stepBy(1));
      visited.push(await page.evaluate(() => [window.loopscope!.currentThread, window.loopscope!.currentStep] as [number, number]));
    }
    // every step of both threads visited once, in time order
    const timeOf = ([thread, step]: [number, number]): number => {
      const m = thread === 0 ? model : worker.model;
      return m.stateAt(step).time;
    };
    assert.equal(new Set(visited.map((v) => v.join(':'))).size, visited.length, 'no step twice');
    assert.equal(visited.filter((v) => v[0] === worker.id).length, worker.model.stepCount, "every worker step");
    for (let i = 1; i < visited.length; i++) assert.ok(timeOf(visited[i]) >= timeOf(visited[i - 1]), `step ${i} goes back in time`);

    // playing with follow on walks the same steps: it crosses into the worker and back, and ends at the last one
    await page.locator('.ls-thread-select').selectOption('0');
    await page.evaluate(() => {
      window.loopscope!.goTo(0, false);
      window.loopscope!.setSpeed(8);
    });
    const played = await page.evaluate(async () => {
      const app = window.loopscope!;
      const seen: string[] = [];
      app.play();
      while (app.isPlaying) {
        const here = `${app.currentThread}:${app.currentStep}`;
        if (seen[seen.length - 1] !== here) seen.push(here);
        await new Promise((r) => setTimeout(r, 20));
      }
      seen.push(`${app.currentThread}:${app.currentStep}`);
      return seen;
    });
    assert.ok(played.some((v) => v.startsWith(`${worker.id}:`)), `playing visited the worker's steps: ${played.join(' ')}`);
    assert.equal(played[played.length - 1], visited[visited.length - 1].join(':'), 'playing ends where stepping ended');
    await clean(w);
  });

  it('07: the lanes and the message link in the dark theme, narrow', async () => {
    const w = await pages.openExport(raw, { width: 1000, height: 700, colorScheme: 'dark' });
    const { page } = w;
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    const drawn = await boxes(page);
    assert.ok(drawn.some((b) => b.hit.kind === 'tasks' && b.hit.lane === 1), "the worker's lane is drawn");
    await page.screenshot({ path: path.join(shots, 'timeline-workers-dark-1000x700.png') });
    await clean(w);
  });
});
