// The panel's source view, phase strip, lane titles and call stack in Chromium, on traces made now by the
// current tracer: the running line stays in the source view's visible area after stepping far, long lines
// scroll sideways, a reload (VS Code state restore, also into a page that was hidden while it loaded) shows
// the restored step's line; the strip is one row at 1000 px and lights the ES module body's job queue; lane
// titles are not upper-cased; a queued callback is one stack row; the source is in view without scrolling at
// 1400x900 and 1000x700. Screenshots (light and dark, both sizes) go to test-results/screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { pageShell } from '../../src/shared/panelHtml';
import type { RawTrace } from '../../src/shared/rawTrace';
import type { TraceModel } from '../../src/shared/modelTypes';
import { BrowserPages, clean, counter, shots, texts } from './browserPages';

const pages = new BrowserPages();

const LONG_TEXT = 'x'.repeat(260) + ' END';
/** A timer callback far down a 120-line file that calls a function at the top; one very long line. */
const PROGRAM = [
  '// a long file: the timer callback near the end calls greet at the top',
  'function greet(name) {',
  "  console.log('hi ' + name);",
  '  return name;',
  '}',
  ...Array.from({ length: 100 }, (_, i) => `const filler${i} = ${i};`),
  `const long = '${LONG_TEXT}';`,
  'setTimeout(function later() {',
  "  greet('t');",
  '  console.log(long.length);',
  '}, 1);',
  "console.log('sync done');",
].join('\n');
const LONG_LINE = PROGRAM.split('\n').findIndex((l) => l.includes(LONG_TEXT)) + 1;

/** An ES module whose body queues a tick and a promise reaction. */
const MODULE = ["process.nextTick(() => console.log('tick'));", "Promise.resolve().then(() => console.log('promise'));", "console.log('body');"].join('\n');

/** The first step whose running line is the farthest down the file. */
function farthestStep(model: TraceModel): number {
  let best = 0;
  for (let s = 0; s < model.stepCount; s++) if ((model.lineAt(s) ?? 0) > (model.lineAt(best) ?? 0)) best = s;
  return best;
}

/** The running source row's box lies inside the source scroller's visible (client) box. */
async function currentLineInView(page: Page): Promise<{ line: number; inView: boolean; detail: string }> {
  return page.evaluate(() => {
    const view = document.querySelector<HTMLElement>('.ls-source-view')!;
    const row = view.querySelector<HTMLElement>('.ls-src.is-current');
    if (!row) return { line: -1, inView: false, detail: 'no current row' };
    const v = view.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const top = v.top + view.clientTop;
    const bottom = top + view.clientHeight;
    return { line: Number(row.dataset.line), inView: r.top >= top - 0.5 && r.bottom <= bottom + 0.5, detail: `row ${r.top}-${r.bottom}, view ${top}-${bottom}, scrollTop ${view.scrollTop}` };
  });
}

async function goToStep(page: Page, step: number): Promise<void> {
  await page.locator('.ls-scrubber').evaluate((el: HTMLInputElement, s: number) => {
    el.value = String(s);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);
}

/** The VS Code panel page with a stub API whose getState returns `initialState`; `hidden`: the body starts hidden. */
function vscodePage(initialState: unknown, hidden = false): string {
  const nonce = 'stubnonce';
  const stub = `window.__posted = []; window.__states = []; window.__initial = ${JSON.stringify(initialState)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), setState: (s) => window.__states.push(s), getState: () => window.__initial });`;
  return pageShell({
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
    styles: `<style nonce="${nonce}">${pages.assets.css}${hidden ? ' body.ls-test-hidden { display: none; }' : ''}</style>`,
    scripts: `<script nonce="${nonce}">${stub}${hidden ? " document.addEventListener('DOMContentLoaded', () => document.body.classList.add('ls-test-hidden'));" : ''}</script><script nonce="${nonce}">${pages.assets.js.replace(/<\/script/gi, '<\\/script')}</script>`,
  });
}

describe('webview in Chromium: source view, phase strip, titles and stack (traced now)', function () {
  this.timeout(120000);
  let raw: RawTrace;
  let moduleRaw: RawTrace;
  let model: TraceModel;
  let tmp: string;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-polish-'));
    writeFileSync(path.join(tmp, 'long.js'), PROGRAM + '\n');
    writeFileSync(path.join(tmp, 'body.mjs'), MODULE + '\n');
    await pages.start();
    [raw, moduleRaw] = await Promise.all([traceFile({ file: path.join(tmp, 'long.js') }), traceFile({ file: path.join(tmp, 'body.mjs') })]);
    model = buildModel(raw);
  });

  after(async () => {
    await pages.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the running line stays in the visible area of the source view when a step goes far down and back', async () => {
    const far = farthestStep(model);
    const farLine = model.lineAt(far)!;
    assert.ok(farLine > 100, `the trace reaches the end of the file (line ${farLine})`);
    for (const [width, height] of [[1400, 900], [1000, 700]]) {
      const w = await pages.openExport(raw, { width, height });
      const { page } = w;
      await goToStep(page, far);
      await page.waitForFunction((n) => document.querySelector('.ls-counter')?.textContent?.startsWith(`step ${n} /`), far + 1);
      let seen = await currentLineInView(page);
      assert.equal(seen.line, farLine);
      assert.ok(seen.inView, `line ${farLine} in view at ${width}x${height}: ${seen.detail}`);
      // into greet at the top of the file (the timer callback calls it), one step at a time
      const greetStep = model.tasks.find((t) => t.queue === 'timer')!.firstStep + 2;
      await goToStep(page, greetStep);
      await page.waitForFunction((n) => document.querySelector('.ls-counter')?.textContent?.startsWith(`step ${n} /`), greetStep + 1);
      seen = await currentLineInView(page);
      assert.equal(seen.line, model.lineAt(greetStep));
      assert.ok(seen.line < 6 && seen.inView, `line ${seen.line} in view: ${seen.detail}`);
      await clean(w);
    }
  });

  it('a long line scrolls sideways: the source scroller is wider inside than its box, and the line is not cut', async () => {
    const w = await pages.openExport(raw, { width: 1000, height: 700 });
    const { page } = w;
    await page.evaluate((line) => {
      const view = document.querySelector<HTMLElement>('.ls-source-view')!;
      view.scrollTop = (line - 3) * 20;
    }, LONG_LINE);
    await page.waitForSelector(`.ls-src[data-line="${LONG_LINE}"]`);
    const m = await page.evaluate((line) => {
      const view = document.querySelector<HTMLElement>('.ls-source-view')!;
      const code = view.querySelector<HTMLElement>(`.ls-src[data-line="${line}"] .ls-src-code`)!;
      const widthBefore = { scroll: view.scrollWidth, client: view.clientWidth };
      view.scrollLeft = view.scrollWidth;
      // where the line's last character is drawn, after scrolling all the way right
      const range = document.createRange();
      const text = code.firstChild!;
      range.setStart(text, text.textContent!.length - 1);
      range.setEnd(text, text.textContent!.length);
      const end = range.getBoundingClientRect();
      const box = view.getBoundingClientRect();
      return { ...widthBefore, scrollLeft: view.scrollLeft, endRight: end.right, boxRight: box.left + view.clientLeft + view.clientWidth, codeClipped: code.scrollWidth > code.clientWidth + 1 };
    }, LONG_LINE);
    assert.ok(m.scroll > m.client + 100, `scrollWidth ${m.scroll} > clientWidth ${m.client}`);
    assert.ok(m.scrollLeft > 0, 'the source scrolls sideways');
    assert.equal(m.codeClipped, false, 'the code span is not cut');
    assert.ok(m.endRight <= m.boxRight + 0.5, `the line's end is reachable: ${m.endRight} <= ${m.boxRight}`);
    // the line numbers stay at the left edge while the code scrolls
    const gutter = await page.locator(`.ls-src[data-line="${LONG_LINE}"] .ls-src-gutter`).boundingBox();
    const view = await page.locator('.ls-source-view').boundingBox();
    assert.ok(gutter && view && Math.abs(gutter.x - view.x) < 2, `gutter at ${gutter?.x}, view at ${view?.x}`);
    await clean(w);
  });

  it("after a reload (VS Code state restore) the source shows the restored step's line, also when the page loaded hidden", async () => {
    const far = farthestStep(model);
    for (const hidden of [false, true]) {
      const w = await pages.open(vscodePage({ step: far, speed: 1, file: raw.meta.file }, hidden), { width: 1000, height: 700 });
      const { page } = w;
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
      await page.evaluate((r) => window.postMessage({ type: 'trace/load', raw: r }, '*'), raw);
      await page.waitForFunction(() => document.querySelector('.ls-viewer')?.hasAttribute('hidden') === false);
      if (hidden) {
        await page.waitForTimeout(100);
        await page.evaluate(() => document.body.classList.remove('ls-test-hidden'));
        await page.waitForTimeout(100); // the resize observers run in the next frame
      }
      assert.equal(await counter(page), `step ${far + 1} / ${model.stepCount}`);
      const seen = await currentLineInView(page);
      assert.equal(seen.line, model.lineAt(far));
      assert.ok(seen.inView, `restored line in view (${hidden ? 'loaded hidden' : 'visible'}): ${seen.detail}`);
      // and the editor is told the same line
      const posted = await page.evaluate(() => (window as unknown as { __posted: { type: string; line?: number | null }[] }).__posted);
      assert.deepEqual(posted.filter((m) => m.type === 'editor/highlight').at(-1), { type: 'editor/highlight', line: model.lineAt(far) });
      await clean(w);
    }
  });

  it('the phase strip is one row at 1000 px, never leaves the loop glyph alone, and lights nothing after the run', async () => {
    const w = await pages.openExport(raw, { width: 1000, height: 700 });
    const { page } = w;
    // also inside VS Code, whose webview body has 20 px of padding left and right
    for (const padding of ['0', '0 20px']) {
      await page.evaluate((p) => (document.body.style.padding = p), padding);
      const boxes = await page.locator('.ls-loop-glyph, .ls-phase, .ls-drains-title, .ls-drain').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      const centres = boxes.map((b) => b.top + b.height / 2);
      assert.ok(Math.max(...centres) - Math.min(...centres) < 4, `one row (body padding ${padding}): centres ${centres.join(', ')}`);
      const strip = (await page.locator('.ls-phase-indicator').boundingBox())!;
      assert.ok(strip.height < 2 * boxes[1].height, `strip ${strip.height}px high`);
    }
    // narrower, the drains wrap, but the glyph stays on the row of the phases
    await page.setViewportSize({ width: 620, height: 900 });
    const glyph = (await page.locator('.ls-loop-glyph').boundingBox())!;
    const first = (await page.locator('.ls-phase-main').boundingBox())!;
    assert.ok(Math.abs(glyph.y + glyph.height / 2 - (first.y + first.height / 2)) < 4, 'the glyph sits with the first phase');
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.locator('body').focus();
    await page.keyboard.press('End');
    assert.equal(await counter(page), `step ${model.stepCount} / ${model.stepCount}`);
    assert.deepEqual(await texts(page, '.ls-phase-indicator .is-current'), []);
    await clean(w);
  });

  it("an ES module's body lights main script and the microtask queue it runs as a job of", async () => {
    const m = buildModel(moduleRaw);
    assert.equal(m.meta.module, 'esm');
    const w = await pages.openExport(moduleRaw, { hash: '#step=2' });
    const { page } = w;
    assert.match((await page.locator('.ls-sentence').textContent())!, /./);
    assert.deepEqual(await texts(page, '.ls-phase-indicator .is-current'), ['main script', 'microtask queue']);
    assert.match((await page.locator('.ls-phase-indicator').getAttribute('aria-label'))!, /main script, running as a job of the microtask queue/);
    // after the body, the drains are lit as Node drains them, one at a time
    const firstJob = m.tasks.find((t) => t.queue !== 'script')!;
    await goToStep(page, firstJob.firstStep);
    await page.waitForFunction((n) => document.querySelector('.ls-counter')?.textContent?.startsWith(`step ${n} /`), firstJob.firstStep + 1);
    assert.deepEqual(await texts(page, '.ls-drain.is-current'), [firstJob.queue === 'microtask' ? 'microtask queue' : 'nextTick queue']);
    await clean(w);
  });

  it('lane titles keep their case; a queued callback is one stack row; console notes use the queue words', async () => {
    const w = await pages.openExport(raw, { width: 1400, height: 900 });
    const { page } = w;
    const transforms = await page.locator('.ls-lane-title').evaluateAll((els) => els.map((e) => getComputedStyle(e).textTransform));
    assert.ok(transforms.length >= 9 && transforms.every((t) => t === 'none'), transforms.join(','));
    const title = await page.locator('.ls-queue-nextTick .ls-lane-title').evaluate((e) => (e as HTMLElement).innerText);
    assert.match(title, /^nextTick\n/);
    // inside greet, called by the timer's callback: the callback's row, then greet; never `later` twice
    const timer = model.tasks.find((t) => t.queue === 'timer')!;
    const inGreet = Array.from({ length: timer.lastStep - timer.firstStep + 1 }, (_, i) => timer.firstStep + i).find((s) => model.stateAt(s).stack.length === 2)!;
    await goToStep(page, inGreet);
    await page.waitForFunction((n) => document.querySelector('.ls-counter')?.textContent?.startsWith(`step ${n} /`), inGreet + 1);
    const names = await texts(page, '.ls-frame-name');
    assert.deepEqual(names, [timer.label, 'greet']);
    assert.equal(await page.locator('.ls-frame.is-task .ls-frame-detail').textContent(), 'timer');
    // the console note of what greet printed in the timer: function, task's queue word, line
    await page.keyboard.press('End');
    const notes = await texts(page, '.ls-out-meta');
    assert.ok(notes.includes('greet · timer · L3'), notes.join(' | '));
    assert.ok(notes.includes('script · L' + PROGRAM.split('\n').length), notes.join(' | '));
    await clean(w);
  });

  it('the source is in view without scrolling the page at 1400x900 and 1000x700 (screenshots, light and dark)', async () => {
    const far = farthestStep(model);
    for (const [width, height] of [[1400, 900], [1000, 700]]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const w = await pages.openExport(raw, { width, height, colorScheme, hash: `#step=${far + 1}` });
        const { page } = w;
        const source = (await page.locator('.ls-source').boundingBox())!;
        assert.ok(source.y >= 0 && source.y + source.height <= height, `source ${source.y}..${source.y + source.height} inside ${height}`);
        assert.ok(source.height >= 200, `source ${source.height}px high`);
        const scroll = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
        assert.ok(scroll <= 0, `the page scrolls by ${scroll}px`);
        await page.screenshot({ path: path.join(shots, `panel-source-${width}x${height}-${colorScheme}.png`) });
        // nothing can scroll the header off the top: not the wheel, not a focused console row
        await page.mouse.move(width / 2, 20);
        await page.mouse.wheel(0, 400);
        await page.locator('.ls-out').first().focus();
        const header = (await page.locator('.ls-file').boundingBox())!;
        assert.equal(await page.evaluate(() => scrollY), 0);
        assert.ok(header.y >= 0, `header at ${header.y}`);
        const seen = await currentLineInView(page);
        assert.ok(seen.inView, seen.detail);
        // the machine's lanes do not spill over the console or out of the window
        const lanes = (await page.locator('.ls-queue-close').boundingBox())!;
        assert.ok(lanes.y + lanes.height <= height, 'the last queue lane is inside the window');
        await clean(w);
      }
    }
  });
});
