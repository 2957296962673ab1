// A timer is shown once, in Chromium on a trace made now: while it counts down it is in In flight and not in
// the Timers lane; once due it is a (late-coloured) chip in the Timers lane and no longer in In flight.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { StepModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { traceProgram, type TracedProgram } from '../support/tracedProgram';
import { BrowserPages, clean, counter, shots, texts } from './browserPages';

const pages = new BrowserPages();

const PROGRAM = [
  'function busyWork(ms) {',
  '  const end = Date.now() + ms;',
  '  while (Date.now() < end) {}',
  '}',
  'setTimeout(function soon() {',
  "  console.log('soon');",
  '}, 5);',
  'setTimeout(function later() {',
  "  console.log('later');",
  '}, 1500);',
  'busyWork(80);',
  "console.log('sync done');",
].join('\n');

const inFlightTimers = (page: Page): Promise<string[]> => texts(page, '[aria-label="In flight"] .ls-inflight-item.is-timer');
const laneIds = (page: Page): Promise<(string | null)[]> =>
  page.locator('.ls-queue-timer .ls-chip:not(.is-exiting):not(.is-more)').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

describe('webview in Chromium: a timer is in In flight or in the Timers lane, never both (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let model: StepModel;
  let program: TracedProgram | undefined;
  /** Steps: the second timer is queued (both count down); busyWork returns (the first is due and late). */
  let bothSet: number;
  let popBusy: number;

  before(async () => {
    await pages.start();
    program = await traceProgram('timer-once.js', PROGRAM);
    ({ raw, model } = program);
    const find = program.firstStep;
    bothSet = find((i) => model.queueLengthsAt(i).timer === 2);
    popBusy = find((i) => { const s = model.stateAt(i).subject; return s.kind === 'pop' && s.frame.name === 'busyWork'; });
    assert.ok(bothSet > 0 && popBusy > bothSet, `steps ${bothSet} ${popBusy}`);
    const [soon, later] = model.queueAt(popBusy, 'timer');
    // plain facts of the run: the first is due 5 ms after it was set, busyWork spun 80 ms; the second is 1.5 s away
    assert.ok(soon.due! < model.timeAt(popBusy) && later.due! > model.timeAt(popBusy) + 1000, `${soon.due} ${later.due} ${model.timeAt(popBusy)}`);
    assert.ok(model.timeAt(bothSet) < soon.due!, 'both count down when the second is set');
  });

  after(async () => {
    await pages.stop();
    program?.dispose();
  });

  it('counting down: In flight only; due: the Timers lane only, late', async () => {
    const [soon, later] = model.queueAt(popBusy, 'timer');
    const w = await pages.openExport(raw, { hash: `#step=${bothSet + 1}` });
    const { page } = w;
    assert.equal(await counter(page), `step ${bothSet + 1} / ${model.stepCount}`);
    const counting = await inFlightTimers(page);
    assert.equal(counting.length, 2, JSON.stringify(counting));
    assert.match(counting[0], /^timerfunction soon\(\)/);
    assert.match(counting[1], /^timerfunction later\(\)/);
    assert.deepEqual(await laneIds(page), [], 'no timer in the lane while both count down');
    assert.equal(await page.locator('.ls-queue-timer .ls-queue-count').textContent(), '0');
    await clean(w);

    const w2 = await pages.openExport(raw, { hash: `#step=${popBusy + 1}`, width: 1000, height: 700 });
    const page2 = w2.page;
    assert.deepEqual(await laneIds(page2), [soon.id], 'the due timer waits in the lane');
    assert.equal(await page2.locator('.ls-queue-timer .ls-queue-count').textContent(), '1');
    assert.equal(await page2.locator(`.ls-queue-timer .ls-chip[data-id="${soon.id}"]`).getAttribute('class').then((c) => /\bis-late\b/.test(c ?? '')), true);
    const still = await inFlightTimers(page2);
    assert.equal(still.length, 1, JSON.stringify(still));
    assert.match(still[0], /^timerfunction later\(\)/, 'only the one counting down is in flight');
    assert.ok(!(await laneIds(page2)).includes(later.id));
    await page2.screenshot({ path: path.join(shots, 'timer-once-1000x700-light.png') });
    await clean(w2);
  });
});
