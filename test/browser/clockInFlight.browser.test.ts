// The clock and the In-flight region in Chromium, on a trace made now by the current tracer: every step says
// when it happened ("at N ms") and how long its task has run; a step after a busy loop says who ran and how
// long; In flight lists a pending timer with its countdown and an fs read on the thread pool, and each leaves
// when its callback is queued or its due time passes. Screenshots light and dark at 1400x900 and 1000x700.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { StepModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { traceProgram, type TracedProgram } from '../support/tracedProgram';
import { BrowserPages, clean, counter, shots, texts, assertNoOverlap } from './browserPages';

const pages = new BrowserPages();

const PROGRAM = [
  "const fs = require('node:fs');",
  'function busyWork(ms) {',
  '  const end = Date.now() + ms;',
  '  while (Date.now() < end) {}',
  '}',
  'setTimeout(function later() {',
  "  console.log('timer');",
  '}, 1000);',
  "fs.readFile(__filename, 'utf8', function onRead(err, text) {",
  "  console.log('read ' + text.length);",
  '});',
  'busyWork(60);',
  "console.log('sync done');",
].join('\n');

/** Every element matching `sel` shows all of its text (nothing cut off by its own box). */
async function assertNotClipped(page: Page, sel: string): Promise<void> {
  const clipped = await page.locator(sel).evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => `${e.className}: ${e.textContent}`),
  );
  assert.deepEqual(clipped, [], `${sel}: text cut off`);
}


const inFlightRows = (page: Page): Promise<string[]> => texts(page, '[aria-label="In flight"] .ls-inflight-item');

describe('webview in Chromium: the clock and In flight (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let model: StepModel;
  let program: TracedProgram | undefined;
  /** Steps: busyWork returns; the read's callback is queued; the timer's task starts. */
  let popBusy: number;
  let readQueued: number;
  let timerRuns: number;

  before(async () => {
    await pages.start();
    program = await traceProgram('in-flight.js', PROGRAM);
    ({ raw, model } = program);
    const find = program.firstStep;
    popBusy = find((i) => { const s = model.stateAt(i).subject; return s.kind === 'pop' && s.frame.name === 'busyWork'; });
    readQueued = find((i) => { const s = model.stateAt(i).subject; return s.kind === 'enqueue' && s.queue === 'io'; });
    timerRuns = find((i) => { const s = model.stateAt(i).subject; return s.kind === 'task-start' && model.tasks[s.task].queue === 'timer'; });
    // the read's callback is queued only once the script is over; the timer is due 1 s after it was set
    assert.ok(popBusy > 0 && readQueued > popBusy && timerRuns > popBusy, `steps ${popBusy} ${readQueued} ${timerRuns}`);
    assert.ok(model.timeAt(popBusy) < model.queueAt(popBusy, 'timer')[0].due!, 'the timer is still in flight after busyWork');
  });

  after(async () => {
    await pages.stop();
    program?.dispose();
  });

  it('every step says when it happened; the step after the busy loop says busyWork ran and for how long', async () => {
    const w = await pages.openExport(raw, { hash: `#step=${popBusy + 1}` });
    const { page } = w;
    assert.equal(await counter(page), `step ${popBusy + 1} / ${model.stepCount}`);
    const time = model.timeAt(popBusy);
    const clock = await page.locator('.ls-clock').textContent();
    assert.match(clock ?? '', new RegExp(`^at ${time.toFixed(1).replace('.', '\\.')} mstask \\+[\\d,.]+ ms$`));
    const sentence = (await page.locator('.ls-sentence').textContent()) ?? '';
    assert.match(sentence, /^busyWork returned \(before it, busyWork ran [\d,]+ ms without a break\)$/);
    const ms = Number(/ran ([\d,]+) ms/.exec(sentence)![1].replace(/,/g, ''));
    assert.ok(ms >= 59, `busyWork ran ${ms} ms (it spins 60)`);
    // the code spans of the sentence are code elements
    assert.deepEqual(await texts(page, '.ls-sentence code'), ['busyWork', 'busyWork']);

    // the next step: a different time, and no stretch
    await page.keyboard.press('ArrowRight');
    assert.doesNotMatch((await page.locator('.ls-sentence').textContent()) ?? '', /without a break/);
    assert.match((await page.locator('.ls-clock-time').textContent()) ?? '', /^at [\d.]+ ms$/);
    await page.keyboard.press('Home');
    assert.match((await page.locator('.ls-clock-task').textContent()) ?? '', /^task \+0 ms$/);
    await clean(w);
  });

  it('In flight lists the timer with its countdown and the fs read; each leaves when its callback is queued or it is due', async () => {
    const w = await pages.openExport(raw, { hash: `#step=${popBusy + 1}` });
    const { page } = w;
    const region = page.getByRole('region', { name: 'In flight' });
    assert.equal(await region.count(), 1);
    const rows = await inFlightRows(page);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    const timerDue = model.queueAt(popBusy, 'timer')[0].due!;
    const firesIn = Math.round(timerDue - model.timeAt(popBusy));
    assert.match(rows[0], new RegExp(`^timerfunction later\\(\\).*L6fires in ${firesIn.toLocaleString('en-US')} msdue at ${timerDue.toFixed(1).replace('.', '\\.')} ms$`));
    assert.match(rows[1], /^fsthread poolL9pending [\d,.]+ mssince [\d.]+ ms$/);
    assert.equal(await page.locator('.ls-inflight-count').textContent(), '2');

    // step to the read's callback being queued: the fs read leaves In flight, the I/O lane has it
    await page.keyboard.press('ArrowLeft');
    for (let s = popBusy - 1; s < readQueued - 1; s++) await page.keyboard.press('ArrowRight');
    assert.equal(await counter(page), `step ${readQueued} / ${model.stepCount}`);
    assert.ok((await inFlightRows(page)).some((r) => r.startsWith('fs')), 'still in flight one step before');
    await page.keyboard.press('ArrowRight');
    const after = await inFlightRows(page);
    assert.ok(!after.some((r) => r.startsWith('fs')), `the read left In flight: ${JSON.stringify(after)}`);
    assert.equal(await page.locator('.ls-queue-io .ls-chip').count(), 1, 'its callback waits in the I/O lane');

    await clean(w);

    // the timer's task: no longer in flight
    const w2 = await pages.openExport(raw, { hash: `#step=${timerRuns + 1}` });
    const page2 = w2.page;
    assert.equal(await counter(page2), `step ${timerRuns + 1} / ${model.stepCount}`);
    assert.ok(!(await inFlightRows(page2)).some((r) => r.startsWith('timer')), 'the timer left In flight');
    await clean(w2);
  });

  it('with motion, the read flies from In flight into the I/O lane when its callback is queued', async () => {
    const w = await pages.openExport(raw, { motion: true, hash: `#step=${readQueued}` });
    const { page } = w;
    assert.ok((await inFlightRows(page)).some((r) => r.startsWith('fs')));
    const from = await page.locator('.ls-inflight-item.is-operation').boundingBox();
    await page.keyboard.press('ArrowRight');
    // a copy of the row, on its way; the row itself has left the list
    const ghost = page.locator('.ls-inflight-ghost');
    assert.equal(await ghost.count(), 1);
    assert.equal(await ghost.getAttribute('aria-hidden'), 'true');
    assert.ok(!(await inFlightRows(page)).some((r) => r.startsWith('fs')));
    const chip = await page.locator('.ls-queue-io .ls-chip').boundingBox();
    assert.ok(from && chip && chip.x > from.x, 'the I/O lane is to the right of In flight');
    // and gone once it arrived (no fixed wait: whenever the animation ends)
    await page.waitForFunction(() => document.querySelectorAll('.ls-inflight-ghost').length === 0, undefined, { timeout: 10000 });
    await clean(w);
  });

  for (const motion of [true, false]) {
    it(`a run in progress (${motion ? 'with' : 'reduced'} motion): the time ticks, the indicator is indeterminate, a cancel hint`, async () => {
      const w = await pages.openExport(raw, { colorScheme: motion ? 'light' : 'dark', width: 1000, height: 700, motion });
      const { page } = w;
      // the app the page exposes for tests (webview/main.ts), told what the VS Code host says when a run starts
      await page.evaluate(() => (window as unknown as { loopscope: { handle(m: unknown): void } }).loopscope.handle({ type: 'trace/running', file: '/home/me/project/slow-server.js' }));
      await page.waitForSelector('.ls-status[data-kind="running"]');
      assert.equal(await page.locator('.ls-viewer').isHidden(), true);
      const first = await page.locator('.ls-status-elapsed').textContent();
      assert.match(first ?? '', /^Running for \d+\.\d s$/);
      // the time moves on (no fixed wait: whenever the next tick comes)
      await page.waitForFunction((t) => document.querySelector('.ls-status-elapsed')?.textContent !== t, first, { timeout: 10000 });
      const bar = page.getByRole('progressbar', { name: 'Tracing in progress' });
      assert.equal(await bar.getAttribute('aria-valuenow'), null);
      const bg = await page.locator('.ls-progress-bar').evaluate((e) => getComputedStyle(e).backgroundImage);
      const width = await page.locator('.ls-progress-bar').evaluate((e) => e.getBoundingClientRect().width / e.parentElement!.getBoundingClientRect().width);
      // moving: a short bar sliding; still: a striped track, never a plain full bar
      assert.ok(motion ? width < 0.5 : /repeating-linear-gradient/.test(bg), `bar ${width} ${bg}`);
      assert.match((await page.locator('.ls-status').textContent()) ?? '', /To stop it: Cancel/);
      await assertNotClipped(page, '.ls-status p, .ls-status h2');
      await page.screenshot({ path: path.join(shots, `status-running-${motion ? 'motion-light' : 'reduced-dark'}.png`) });
      await clean(w);
    });
  }

  for (const [width, height] of [[1400, 900], [1000, 700]] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`screenshot ${width}x${height} ${colorScheme}: clock, stretch and In flight fit without overlap or clipping`, async () => {
        const w = await pages.openExport(raw, { colorScheme, width, height, hash: `#step=${popBusy + 1}` });
        const { page } = w;
        await page.screenshot({ path: path.join(shots, `clock-in-flight-${width}x${height}-${colorScheme}.png`) });
        await assertNotClipped(page, '.ls-clock-time, .ls-clock-task, .ls-inflight-kind, .ls-inflight-line, .ls-inflight-when, .ls-inflight-detail');
        await assertNoOverlap(page, '.ls-inflight-item');
        await assertNoOverlap(page, '.ls-stack, .ls-inflight, .ls-queues, .ls-source, .ls-console, .ls-sentence-box');
        await assertNoOverlap(page, '.ls-clock, .ls-sentence');
        await clean(w);
      });
    }
  }
});
