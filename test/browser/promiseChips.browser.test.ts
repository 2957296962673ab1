// Microtask chips that say what their promise settled with, and Promise.all members' chips that name their
// group, in Chromium on a trace made now: the chip's second line ("→ 2", "✗ Error: boom"), its tooltip and its
// screen-reader label; the members' chips share a bracket and say "Promise.all #1 · 2 of 3". Screenshots light,
// dark and high contrast at 1000x700.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, type StepModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { BrowserPages, assertNoOverlap, clean, shots } from './browserPages';

const pages = new BrowserPages();

const PROGRAM = [
  'const slow = new Promise((resolve) => setTimeout(() => resolve(1), 5));',
  'Promise.all([slow, Promise.resolve(2), 3]).then((all) => console.log(all.join()));',
  "Promise.reject(new Error('boom')).catch((e) => console.log(e.message));",
  "Promise.resolve('ok').then((v) => console.log(v));",
  "console.log('sync done');",
].join('\n');

interface Chip {
  label: string;
  meta: string;
  title: string;
  aria: string | null;
  grouped: boolean;
}

const microtaskChips = (page: Page): Promise<Chip[]> =>
  page.locator('.ls-queue-microtask .ls-chip:not(.is-exiting):not(.is-more)').evaluateAll((els) =>
    els.map((e) => ({
      label: e.querySelector('.ls-chip-label')?.textContent ?? '',
      meta: e.querySelector('.ls-chip-meta')?.textContent ?? '',
      title: (e as HTMLElement).title,
      aria: e.getAttribute('aria-label'),
      grouped: e.classList.contains('is-grouped'),
    })),
  );

describe('webview in Chromium: promise chips say what their promise settled with, and their Promise.all group (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let model: StepModel;
  let tmp: string;
  /** The step the script ends: the microtask lane holds the reactions queued by then. */
  let scriptEnds: number;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-promise-chips-'));
    const file = path.join(tmp, 'promise-chips.js');
    writeFileSync(file, PROGRAM + '\n');
    await pages.start();
    raw = await traceFile({ file });
    model = buildModel(raw);
    scriptEnds = model.tasks[0].lastStep;
    assert.equal(model.kindAt(scriptEnds), 'task-end');
  });

  after(async () => {
    await pages.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the chips: values on the second line, the members named by their group, tooltips and labels in words', async () => {
    const w = await pages.openExport(raw, { hash: `#step=${scriptEnds + 1}` });
    const { page } = w;
    // Node's own member reactions are shown with the user's callbacks (not folded away in the lanes)
    const chips = await microtaskChips(page);
    const byLabel = new Map(chips.map((c) => [c.label, c]));
    const two = byLabel.get('Promise.all #1 · 2/3');
    const three = byLabel.get('Promise.all #1 · 3/3');
    assert.ok(two && three, JSON.stringify(chips));
    assert.match(two.meta, /^→ 2 · L2$/);
    assert.match(three.meta, /^→ 3 · L2$/);
    assert.ok(two.grouped && three.grouped, 'the members share a bracket');
    assert.match(two.title, /member 2 of 3 of Promise\.all #1 \(L2\)/);
    assert.match(two.title, /its promise settled with 2/);
    const boom = chips.find((c) => c.meta.startsWith('✗'));
    assert.ok(boom, JSON.stringify(chips));
    assert.equal(boom.meta, '✗ Error: boom · L3');
    assert.match(boom.aria ?? '', /rejected with Error: boom/);
    assert.ok(!boom.grouped);
    // the fourth (then of 'ok') waits behind the lane's "+1 more"
    assert.equal(await page.locator('.ls-queue-microtask .ls-queue-count').textContent(), '4');
    await clean(w);
  });

  for (const theme of ['light', 'dark', 'high-contrast'] as const) {
    it(`screenshot 1000x700 ${theme}: the chips fit without overlap`, async () => {
      const w = await pages.openExport(raw, {
        hash: `#step=${scriptEnds + 1}`,
        width: 1000,
        height: 700,
        colorScheme: theme === 'dark' ? 'dark' : 'light',
        contrast: theme === 'high-contrast' ? 'more' : 'no-preference',
      });
      const { page } = w;
      await page.screenshot({ path: path.join(shots, `promise-chips-1000x700-${theme}.png`) });
      await assertNoOverlap(page, '.ls-queue-microtask .ls-chip:not(.is-exiting)');
      await clean(w);
    });
  }
});
