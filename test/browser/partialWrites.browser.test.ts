// A progress line in the panel's console (Chromium, exported page of a trace made now): writes without a
// newline continue one row, which grows step by step as node's terminal line did, and is the current row at
// each of its writes; stepping back shortens it again. Screenshots: test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';
import { BrowserPages, clean, shots, texts } from './browserPages';

const pages = new BrowserPages();

const PROGRAM = `process.stdout.write('building');
let n = 0;
const t = setInterval(() => {
  process.stdout.write('.');
  if (++n === 4) {
    clearInterval(t);
    console.log(' done');
    console.log('next line');
  }
}, 1);
`;

describe('webview in Chromium: a line left open by a write is continued by the next (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let dir = '';
  before(async () => {
    await pages.start();
    dir = mkdtempSync(path.join(os.tmpdir(), 'loopscope-partial-'));
    const file = path.join(dir, 'progress.js');
    writeFileSync(file, PROGRAM);
    raw = await traceFile({ file });
  });
  after(async () => {
    await pages.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the progress row grows write by write, current at each write (${scheme})`, async () => {
      const model = buildModel(raw);
      const dots = model.console.filter((c) => c.text === '.');
      assert.equal(dots.length, 4);
      const w = await pages.openExport(raw, { hash: `#step=${dots[1].step + 1}`, colorScheme: scheme });
      const { page } = w;
      const out = '.ls-out-stdout .ls-out-text';
      assert.deepEqual(await texts(page, out), ['building..']);
      assert.equal(await page.locator('.ls-out-stdout.is-current').count(), 1);
      await page.locator('.ls-console').screenshot({ path: path.join(shots, `console-progress-line-${scheme}.png`) });
      await page.keyboard.press('End');
      await page.waitForFunction(() => document.querySelectorAll('.ls-out-stdout').length === 2);
      assert.deepEqual(await texts(page, out), ['building.... done', 'next line']);
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.querySelectorAll('.ls-out-stdout').length === 0);
      await clean(w);
    });
  }
});
