// The order picker of an exported `--runs N` page (Chromium, runs traced now): the header offers every console
// order the runs printed, and picking one shows a run that printed it, whose console is that order.
import assert from 'node:assert/strict';
import path from 'node:path';
import { traceOfVariant, traceRuns } from '../../src/core/runs/traceRuns';
import type { RawTrace } from '../../src/shared/rawTrace';
import { FIRST_RUN_ORDER, LATER_RUNS_ORDER, writeOrderVariesProgram } from '../support/orderVaries';
import { BrowserPages, clean, shots, texts } from './browserPages';

const pages = new BrowserPages();

describe('webview in Chromium: the order picker of a --runs page (traced now)', function () {
  this.timeout(120000);
  let orders: RawTrace[];
  before(async () => {
    await pages.start();
    const traced = await traceRuns({ file: writeOrderVariesProgram(), runs: 3 });
    orders = traced.traces.map((_, i) => traceOfVariant(traced, i));
  });
  after(() => pages.stop());

  it('offers both orders and shows the run of the one picked', async () => {
    assert.equal(orders.length, 2, 'the program prints two orders in three runs');
    for (const scheme of ['light', 'dark'] as const) {
      const w = await pages.openExport(orders[0], { colorScheme: scheme, hash: '#step=1' }, orders);
      const { page } = w;
      const pick = page.getByRole('combobox', { name: /Console order of the runs/ });
      assert.deepEqual(await texts(page, '.ls-order-pick option'), ['order 1 of 2 · 2 of 3 runs', 'order 2 of 2 · 1 of 3 runs']);
      assert.equal(await pick.inputValue(), '0');
      const consoleTexts = async (): Promise<string[]> => (await texts(page, '.ls-out .ls-out-text')).map((t) => t.trim());
      // the whole console of the run shows at its last step
      await page.keyboard.press('End');
      assert.deepEqual(await consoleTexts(), LATER_RUNS_ORDER);
      await page.screenshot({ path: path.join(shots, `order-picker-${scheme}.png`) });
      await pick.selectOption('1');
      await page.waitForFunction(() => (document.querySelector('.ls-order-pick') as HTMLSelectElement | null)?.value === '1');
      await page.keyboard.press('End');
      assert.deepEqual(await consoleTexts(), FIRST_RUN_ORDER, 'the run shown printed the order picked');
      assert.equal(await page.locator('.ls-order-pick').getAttribute('title').then((t) => /this run printed order 2, as 1 of them did/.test(t ?? '')), true);
      await pick.selectOption('0');
      await page.waitForFunction(() => (document.querySelector('.ls-order-pick') as HTMLSelectElement | null)?.value === '0');
      await page.keyboard.press('End');
      assert.deepEqual(await consoleTexts(), LATER_RUNS_ORDER, 'and back to the order shown first');
      await clean(w);
    }
  });

  it('a page of one run has no picker', async () => {
    const w = await pages.openExport(orders[0]);
    assert.equal(await w.page.locator('.ls-order-pick').count(), 0);
    assert.equal(await w.page.locator('.ls-meta-order').textContent(), 'order 1 of 2 · 2 of 3 runs');
    await clean(w);
  });
});
