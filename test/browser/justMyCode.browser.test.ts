// Just my code and selections in Chromium, on traces made now by the current tracer: a loopback fetch
// (a handful of the user's tasks among dozens of Node's own) stepped with the task keys, folded and shown;
// a selection of a small program, whose header says what also ran and whose source dims exactly the lines
// that did not run. Screenshots (light and dark) go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { internalTasks } from '../../src/shared/justMyCode';
import { alsoRanSummary } from '../../src/shared/selectionSummary';
import type { RawTrace } from '../../src/shared/rawTrace';
import { InternalTaskIndex } from '../../webview/internalTaskIndex';
import { BrowserPages, clean, counter, root, shots, texts, assertNoOverlap } from './browserPages';

const pages = new BrowserPages();

/** A program whose line 10 uses an import and a function declared elsewhere; lines 1, 3, 7, 8, 9 and 11 are not needed. */
const SELECTION_PROGRAM = [
  "const fs = require('node:fs');",
  "const path = require('node:path');",
  '',
  'function log(message) {',
  "  console.log('log:', message);",
  '}',
  'const unused = fs.existsSync(__filename);',
  "console.log('before');",
  '// the selection is the next line',
  "setTimeout(() => log(path.basename('/a/b.txt')), 0);",
  "console.log('after');",
].join('\n');
const SELECTED = { from: 10, to: 10 };


/** Every element matching `sel` shows all of its text (nothing cut off by its own box). */
async function assertNotClipped(page: Page, sel: string): Promise<void> {
  const clipped = await page.locator(sel).evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
  );
  assert.deepEqual(clipped, [], `${sel}: text cut off`);
}

describe('webview in Chromium: just my code and selections (traced now)', function () {
  this.timeout(120000);
  let fetchTrace: RawTrace;
  let selectionTrace: RawTrace;
  let tmp: string;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-selection-'));
    const program = path.join(tmp, 'selection.js');
    writeFileSync(program, SELECTION_PROGRAM + '\n');
    await pages.start();
    [fetchTrace, selectionTrace] = await Promise.all([
      traceFile({ file: path.join(root, 'test', 'fixtures', 'cjs', 'loopback-fetch.js') }),
      traceFile({ file: program, lines: SELECTED }),
    ]);
  });

  after(async () => {
    await pages.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('"next task" from step 0 skips Node\'s internal tasks; with the toggle on it visits the very next task', async () => {
    const model = buildModel(fetchTrace);
    const internal = internalTasks(model);
    assert.ok(internal.filter(Boolean).length > 10, 'the loopback fetch runs many internal tasks');
    const nextUser = model.tasks.find((t) => t.firstStep > 0 && !internal[t.id])!;
    const nextAny = model.tasks.find((t) => t.firstStep > 0)!;
    assert.ok(internal[nextAny.id] || nextAny === nextUser);

    const w = await pages.openExport(fetchTrace);
    const { page } = w;
    const toggle = page.locator('.ls-internal-toggle');
    assert.equal(await toggle.textContent(), "Node's internal tasks: folded");
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await page.locator('body').focus();
    await page.keyboard.press('t');
    assert.equal(await counter(page), `step ${nextUser.firstStep + 1} / ${model.stepCount}`);
    assert.equal(internal[model.taskAt(nextUser.firstStep)!], false);
    await page.click('.ls-prev-task');
    assert.equal(await counter(page), `step 1 / ${model.stepCount}`);

    // keyboard only: Tab to the toggle, Enter presses it
    await toggle.focus();
    await page.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await toggle.textContent(), "Node's internal tasks: shown");
    await page.locator('body').focus();
    await page.keyboard.press('t');
    assert.equal(await counter(page), `step ${nextAny.firstStep + 1} / ${model.stepCount}`);
    await page.click('.ls-next-task');
    assert.equal(await counter(page), `step ${model.tasks[nextAny.id + 1].firstStep + 1} / ${model.stepCount}`);
    // the exported page keeps the toggle in its hash, so a reload keeps it
    await page.waitForFunction(() => location.hash.endsWith('&internal=shown'));
    await page.reload();
    await page.waitForSelector('.ls-viewer:not([hidden])');
    assert.equal(await page.locator('.ls-internal-toggle').getAttribute('aria-pressed'), 'true');
    await clean(w);
  });

  it('an internal step: the fold note under the sentence, chips Node queued dimmed (screenshots, light and dark)', async () => {
    const model = buildModel(fetchTrace);
    const index = new InternalTaskIndex(model);
    // an internal step where the most queues have a chip Node queued at their head (always in view)
    let best = -1;
    let bestCount = 0;
    for (let s = 0; s < model.stepCount; s++) {
      if (!index.isInternalTask(model.taskAt(s))) continue;
      const n = (['nextTick', 'microtask', 'immediate', 'io'] as const).filter((q) => model.queueHeadAt(s, q, 1).some((it) => index.isInternalItem(it.id))).length;
      if (n > bestCount) [best, bestCount] = [s, n];
    }
    assert.ok(best >= 0 && bestCount >= 2, 'some internal step shows chips Node queued');
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await pages.openExport(fetchTrace, { colorScheme, hash: `#step=${best + 1}` });
      const { page } = w;
      assert.equal(await counter(page), `step ${best + 1} / ${model.stepCount}`);
      const note = page.locator('.ls-internal-note');
      assert.equal(await note.isVisible(), true);
      assert.match((await note.textContent())!, /^Node's own code: \d+ internal tasks? \((?:[\w/]+ \d+(?:, )?)+\)$/);
      // the note's counts against the tasks themselves: the run of consecutive internal tasks around this step
      const task = model.taskAt(best)!;
      const internal = internalTasks(model);
      let [first, last] = [task, task];
      while (first > 0 && internal[first - 1]) first--;
      while (last + 1 < model.tasks.length && internal[last + 1]) last++;
      const fold = model.tasks.slice(first, last + 1);
      const perQueue = new Map<string, number>();
      for (const t of fold) perQueue.set(t.queue, (perQueue.get(t.queue) ?? 0) + 1);
      const [, total, parts] = /^Node's own code: (\d+) internal tasks? \((.*)\)$/.exec((await note.textContent())!)!;
      assert.equal(Number(total), fold.length);
      const counts = parts.split(', ').map((p) => Number(p.split(' ').at(-1)));
      assert.deepEqual(counts.sort((a, b) => a - b), [...perQueue.values()].sort((a, b) => a - b));
      const dimmed = page.locator('.ls-chip.is-internal');
      // at least the head of each of those lanes (a lane shows as many chips as fit), and only Node's items
      assert.ok((await dimmed.count()) >= bestCount);
      for (const id of await dimmed.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!))) assert.ok(index.isInternalItem(id), id);
      assert.match((await dimmed.first().getAttribute('title'))!, /\nqueued by Node's own code$/);
      await assertNoOverlap(page, '.ls-sentence, .ls-internal-note');
      await assertNotClipped(page, '.ls-internal-note, .ls-internal-toggle');
      await assertNoOverlap(page, '.ls-toolbar .ls-group');
      await page.screenshot({ path: path.join(shots, `just-my-code-internal-step-${colorScheme}.png`) });
      await clean(w);
    }
  });

  it('a selection: the header says what also ran, each line reference reveals it, exactly the lines that did not run are dimmed', async () => {
    const selection = selectionTrace.meta.selection;
    assert.ok(selection, 'the tracer records what a selection ran');
    const ran = new Set<number>();
    for (const r of [selection.ran, ...selection.alsoRan]) for (let n = r.from; n <= r.to; n++) ran.add(n);
    const lineCount = SELECTION_PROGRAM.split('\n').length;
    const notRun = Array.from({ length: lineCount }, (_, i) => i + 1).filter((n) => !ran.has(n));
    // what this program should bring in: the require it uses and `log`, nothing else
    assert.deepEqual(notRun, [1, 3, 7, 8, 9, 11], `ran: ${JSON.stringify(selection)}`);

    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await pages.openExport(selectionTrace, { colorScheme });
      const { page } = w;
      const summary: string = alsoRanSummary(selection) ?? '';
      assert.equal(await page.locator('.ls-also-ran').textContent(), summary.replace(/`/g, ''));
      assert.equal(summary, 'also ran: the import on line 2, `log` on lines 4-6');
      assert.equal(await page.locator('.ls-file-lines').textContent(), ' line 10');
      assert.deepEqual(await texts(page, '.ls-also-ran .ls-line-link'), ['on line 2', 'on lines 4-6']);
      const dimmed = await page.locator('.ls-src.is-outside').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.line)));
      assert.deepEqual(dimmed, notRun);
      const lit = await page.locator('.ls-src:not(.is-outside)').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.line)));
      assert.deepEqual(lit, [...ran].sort((a, b) => a - b));
      assert.notEqual(await page.locator('.ls-src[data-line="3"]').evaluate((e) => getComputedStyle(e).opacity), '1');
      assert.equal(await page.locator('.ls-src[data-line="5"]').evaluate((e) => getComputedStyle(e).opacity), '1');
      await page.locator('.ls-line-link', { hasText: 'on lines 4-6' }).click(); // reveals the line (the page's own source view)
      await assertNotClipped(page, '.ls-also-ran');
      await assertNoOverlap(page, '.ls-header > *');
      // the top of the panel: header with the also-ran line, toolbar, sentence and the source
      const source = (await page.locator('.ls-source').boundingBox())!;
      await page.screenshot({ path: path.join(shots, `selection-header-${colorScheme}.png`), clip: { x: 0, y: 0, width: 1400, height: Math.min(900, source.y + 300) } });
      await clean(w);
    }
  });
});
