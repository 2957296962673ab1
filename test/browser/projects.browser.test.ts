// A multi-file project in the panel (Chromium, exported page of a trace made now): at a step inside another
// module the stack frames, the console line and the queue chip name that module's file and line, and the
// source view shows that file with the running line highlighted. Screenshots go to test-results/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { BrowserPages, clean, root, shots, texts } from './browserPages';

const pages = new BrowserPages();

describe('webview in Chromium: a multi-file project (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  before(async () => {
    await pages.start();
    raw = await traceFile({ file: path.join(root, 'test/fixtures/projects/ts-cjs/main.ts') });
  });
  after(() => pages.stop());

  it('names the other file on frames, console lines and chips, and shows its source at the running line', async () => {
    const model = buildModel(raw);
    const tick = model.console.find((c) => c.text === 'tick in util');
    assert.ok(tick, 'the trace has the console line of util.ts');
    const w = await pages.openExport(raw, { hash: `#step=${tick.step + 1}` });
    const { page } = w;
    // the frame of tick (util.ts) is at util.ts line 3
    const frameLines = await texts(page, '.ls-frame:not(.is-exiting) .ls-frame-line');
    assert.ok(frameLines.includes('util.ts:3'), `frame lines: ${JSON.stringify(frameLines)}`);
    assert.equal(await page.locator('.ls-frame[data-file="util.ts"]').count() > 0, true);
    // the console line printed by util.ts says where it came from; the entry's lines say only their line
    const metas = await texts(page, '.ls-out .ls-out-meta');
    assert.ok(metas.some((m) => m.includes('util.ts:3')), `console metas: ${JSON.stringify(metas)}`);
    assert.ok(metas.some((m) => /\bL7\b/.test(m) && !m.includes('.ts')), 'an entry line names no file');
    // the source view follows the step into util.ts
    const current = await texts(page, '.ls-src.is-current .ls-src-code');
    assert.deepEqual(current.map((t) => t.trim()), ["console.log('tick in util');"]);
    assert.equal(await page.locator('.ls-source .ls-lane-title').textContent(), 'Source · util.ts');
    await page.screenshot({ path: path.join(shots, 'projects-step-in-other-file.png') });
    await clean(w);
    // just before the timer runs, it names util.ts, where it was queued: as a chip in the Timers lane once due,
    // or in In flight while it still counts down (which of the two depends on how long the script took)
    const before = await pages.openExport(raw, { hash: `#step=${model.tasks[1].firstStep}` });
    const chipMetas = await texts(before.page, '.ls-chip .ls-chip-meta');
    const inFlight = await texts(before.page, '.ls-inflight-item.is-timer .ls-inflight-line');
    if (inFlight.length === 0) {
      assert.ok(chipMetas.some((m) => m.includes('util.ts:2')), `chip metas: ${JSON.stringify(chipMetas)}`);
      assert.ok((await before.page.locator('.ls-chip[data-file="util.ts"]').count()) > 0);
    } else assert.deepEqual(inFlight, ['util.ts:2']);
    assert.equal(await before.page.locator('.ls-source .ls-lane-title').textContent(), 'Source');
    await before.page.screenshot({ path: path.join(shots, 'projects-chip-of-other-file.png') });
    await clean(before);
  });
});
