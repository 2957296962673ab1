// The built webview in headless Chromium: an exported page (renderExportHtml, opened from file://) of the
// kitchen-sink program traced now by the current tracer (test/support/kitchenSink.ts), stepped with buttons,
// keys and the scrubber, every lane read back from the real DOM, hostile output shown as
// text, the VS Code variant with a stub acquireVsCodeApi that records what the webview posts, and
// screenshots in light, dark and high contrast written to test-results/screenshots/.
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { pageShell } from '../../src/shared/panelHtml';
import { execFileSync } from 'node:child_process';
import { traceFile } from '../../src/core/runTraced';
import type { RawTrace } from '../../src/shared/rawTrace';
import { kitchenSinkTrace, lineOf } from '../support/kitchenSink';
import { BrowserPages, clean, counter, root, shots, texts, type OpenOptions, type Watched, assertNoOverlap } from './browserPages';

/** The kitchen-sink trace made in before(); its step numbers (29 steps) are checked against describeStep's list by hand. */
let kitchenSink: RawTrace;
const fixture = (): RawTrace => structuredClone(kitchenSink);
/** The id the tracer gave the first item queued in `queue` (read from the raw events, not the viewer). */
function queuedId(raw: RawTrace, queue: string): string {
  const e = raw.events.find((ev) => ev[0] === 'enqueue' && ev[3] === queue);
  assert.ok(e, `the trace queues a ${queue} item`);
  return String(e[2]);
}

const pages = new BrowserPages();
const open = (html: string, opts: OpenOptions = {}): Promise<Watched> => pages.open(html, opts);
const openExport = (raw: RawTrace, opts: OpenOptions = {}): Promise<Watched> => pages.openExport(raw, opts);


describe('webview in Chromium', function () {
  this.timeout(60000);

  before(async () => {
    [kitchenSink] = await Promise.all([kitchenSinkTrace(), pages.start()]);
  });
  after(() => pages.stop());

  it('opens an exported page offline and shows the header and first step', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    assert.equal(await counter(page), 'step 1 / 29');
    const header = await page.locator('.ls-header').textContent();
    assert.match(header!, /kitchen-sink\.js/);
    assert.ok(header!.includes(`Node ${process.version}`), header!);
    assert.match(header!, /CommonJS/);
    assert.match(header!, /completed/);
    assert.match((await page.locator('.ls-sentence').textContent())!, /main script starts/);
    await clean(w);
  });

  it('steps with buttons and keys; every lane shows the state of that step', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    for (let i = 0; i < 5; i++) await page.click('.ls-forward');
    assert.equal(await counter(page), 'step 6 / 29');
    assert.deepEqual(await texts(page, '.ls-frame-name'), ['main script', 'main', 'greet']);
    // like a debugger: each frame is at the line it is running, read from the program's text (each frame
    // below the top is at its call of the frame above)
    const frameLines = await page.locator('.ls-frame').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.line));
    assert.deepEqual(frameLines, [lineOf('main();'), lineOf("greet('a')"), lineOf("console.log('<img")].map(String));
    // the timer (due in 1 s) counts down in In flight, not in the Timers lane: a timer is shown once
    assert.deepEqual(await texts(page, '.ls-queue-timer .ls-chip'), []);
    assert.match((await texts(page, '.ls-inflight-item.is-timer .ls-inflight-what'))[0], /^function later\(\)/);
    assert.deepEqual(await texts(page, '.ls-inflight-item.is-timer .ls-inflight-line'), [`L${lineOf('setTimeout(')}`]);
    assert.deepEqual(await texts(page, '.ls-queue-immediate .ls-chip-label'), ['setImmediate(() => …)']);
    assert.deepEqual(await texts(page, '.ls-out-text'), ['<img src=x onerror=alert(1)>']);
    assert.equal(await page.locator('.ls-src.is-current').getAttribute('data-line'), String(lineOf("console.log('<img")));
    assert.deepEqual(await texts(page, '.ls-phase.is-current'), ['main script']);
    await assertNoOverlap(page, '.ls-frame');
    await assertNoOverlap(page, '.ls-lane');

    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight'); // step 7: greet returned
    await page.keyboard.press('ArrowRight'); // step 8: main awaits
    await page.keyboard.press('ArrowRight'); // step 9: main's continuation queued
    assert.equal(await counter(page), 'step 9 / 29');
    assert.deepEqual(await texts(page, '.ls-queue-microtask .ls-chip-label'), ['resume main']);
    await page.keyboard.press('t'); // next task: the microtask drain
    assert.equal(await counter(page), 'step 12 / 29');
    assert.deepEqual(await texts(page, '.ls-drain.is-current'), ['microtask queue']);
    assert.deepEqual(await texts(page, '.ls-frame-name'), ['resume main']);
    await page.keyboard.press('t'); // the immediate, check phase
    assert.deepEqual(await texts(page, '.ls-phase.is-current'), ['check (immediates)']);
    assert.deepEqual(await texts(page, '.ls-queue-immediate .ls-chip'), []);
    await page.keyboard.press('c'); // its console line, two text lines
    assert.equal(await counter(page), 'step 19 / 29');
    assert.deepEqual((await texts(page, '.ls-out.is-current .ls-out-text')), ['immediate <b>not bold</b>', 'second line']);
    await page.keyboard.press('End');
    assert.equal(await counter(page), 'step 29 / 29');
    assert.match((await page.locator('.ls-sentence').textContent())!, /run ended/);
    assert.equal(await page.locator('.ls-forward').isDisabled(), true);
    await page.keyboard.press('Home');
    assert.equal(await counter(page), 'step 1 / 29');
    await clean(w);
  });

  it('scrubs to far steps and plays/pauses with Space', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    await page.locator('.ls-scrubber').evaluate((el: HTMLInputElement) => {
      el.value = '23';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForFunction(() => document.querySelector('.ls-counter')?.textContent === 'step 24 / 29');
    assert.deepEqual(await texts(page, '.ls-frame-name'), ["function later() { greet('t'); }", 'greet']); // the callback once: its own frame is the task row
    assert.deepEqual(await texts(page, '.ls-phase.is-current'), ['timers']);
    await page.selectOption('.ls-speed', '8');
    await page.locator('body').focus();
    await page.keyboard.press(' ');
    await page.waitForFunction(() => document.querySelector('.ls-counter')?.textContent === 'step 29 / 29', null, { timeout: 5000 });
    assert.equal(await page.locator('.ls-play').getAttribute('aria-label'), 'Play (Space)');
    await clean(w);
  });

  it('shows hostile console output, labels and source as text; nothing from the trace runs', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    await page.keyboard.press('End');
    const out = await texts(page, '.ls-out-text');
    assert.ok(out.includes('<img src=x onerror=alert(1)>'));
    assert.ok(out.includes('</script><b>bold</b>'));
    assert.equal(await page.locator('#loopscope-root img, #loopscope-root b, #loopscope-root script').count(), 0);
    assert.match((await page.locator(`.ls-src[data-line="${lineOf('console.error(')}"]`).textContent())!, /<\/script><b>bold<\/b>/);
    await clean(w);
  });

  it('a callback visibly travels from its queue to the call stack when its task starts', async () => {
    // Playwright's fake clock, paused: the flight advances only by runFor, so a loaded machine cannot make
    // the row arrive before it is measured
    const w = await openExport(fixture(), { motion: true, fakeClock: true, hash: '#step=16' });
    const { page } = w;
    const chip = (await page.locator('.ls-queue-immediate .ls-chip').boundingBox())!;
    await page.selectOption('.ls-speed', '0.25'); // long transitions
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight'); // step 17: the immediate starts
    // a token flies in the layer above the lanes (lanes.browser.test.ts checks it covers no text); the row it
    // becomes is already in its place at the bottom of the stack, hidden until it lands
    const token = page.locator('.ls-flight-layer .ls-flight');
    await token.waitFor();
    // where the flight starts: its first keyframe (a box read now could be any frame of it on a loaded machine)
    const start = await token.evaluate((el) => {
      const first = (el.getAnimations()[0].effect as KeyframeEffect).getKeyframes()[0] as unknown as { left: string; top: string };
      return { x: parseFloat(first.left), y: parseFloat(first.top) };
    });
    const row = page.locator(`.ls-frame[data-key="t:${queuedId(kitchenSink, 'immediate')}"]`);
    assert.ok(await row.evaluate((el) => el.classList.contains('is-landing')), 'the row waits for the token');
    await page.screenshot({ path: path.join(shots, 'export-task-start-in-flight.png') });
    await token.waitFor({ state: 'detached' });
    const end = (await row.boundingBox())!;
    const stack = (await page.locator('.ls-stack-track').boundingBox())!;
    assert.ok(Math.abs(start.x - chip.x) < 60 && Math.abs(start.y - chip.y) < 60, `the flight starts at the chip: ${JSON.stringify({ start, chip })}`);
    assert.ok(!(await row.evaluate((el) => el.classList.contains('is-landing'))), 'landed: the row is shown');
    assert.ok(Math.abs(end.y + end.height - (stack.y + stack.height)) < 3, 'row ends at the bottom of the stack');
    await clean(w);
  });

  it('clicking a console line jumps to its step', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    await page.keyboard.press('End');
    await page.locator('.ls-out', { hasText: 'sync done' }).click();
    assert.equal(await counter(page), 'step 10 / 29');
    assert.equal(await page.locator('.ls-src.is-current').getAttribute('data-line'), String(lineOf("console.log('sync done')")));
    await clean(w);
  });

  it('keyboard only: Tab reaches the controls, Enter activates, focus is visible', async () => {
    const w = await openExport(fixture());
    const { page } = w;
    await page.keyboard.press('Tab'); // first and back are disabled at step 1: focus lands on play
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Play (Space)');
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle), 'none');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Next step (→)');
    await page.keyboard.press('Enter');
    assert.equal(await counter(page), 'step 2 / 29');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Step');
    await page.keyboard.press('ArrowRight'); // on the scrubber, arrows step once (not twice)
    assert.equal(await counter(page), 'step 3 / 29');
    await clean(w);
  });

  it('a REAL trace (traceFile on examples/01-classic-order.js): the console lane ends with what plain node prints', async () => {
    const example = path.join(root, 'examples', '01-classic-order.js');
    const raw = await traceFile({ file: example });
    const oracle = execFileSync(process.execPath, [example], { encoding: 'utf8' }).trimEnd().split('\n');
    const w = await openExport(raw);
    const { page } = w;
    await page.keyboard.press('End');
    assert.deepEqual(await texts(page, '.ls-out-text'), oracle);
    assert.match((await page.locator('.ls-header').textContent())!, new RegExp(`01-classic-order\\.js.*Node ${process.version.replace(/\./g, '\\.')}`));
    // replay from the start with the task jumps: the tasks run nextTick -> microtask -> timer, like Node
    await page.keyboard.press('Home');
    const phases: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('t');
      phases.push((await page.locator('.ls-frame.is-task').getAttribute('data-queue'))!);
    }
    assert.deepEqual(phases, ['nextTick', 'microtask', 'timer']);
    await page.keyboard.press('End');
    await page.screenshot({ path: path.join(shots, 'real-classic-order-end.png') });
    await clean(w);
  });

  describe('inside VS Code (stub acquireVsCodeApi)', () => {
    /** The panel page with a stub API that records posted messages and setState calls. */
    function vscodePage(initialState: unknown): string {
      const nonce = 'stubnonce';
      const stub = `window.__posted = []; window.__states = []; window.__initial = ${JSON.stringify(initialState)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), setState: (s) => window.__states.push(s), getState: () => window.__initial });`;
      return pageShell({
        csp: `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`,
        styles: `<style nonce="${nonce}">${pages.assets.css}</style>`,
        scripts: `<script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${pages.assets.js.replace(/<\/script/gi, '<\\/script')}</script>`,
      });
    }
    const posted = (page: Page): Promise<{ type: string; [k: string]: unknown }[]> => page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);

    it('handshakes, loads, reveals lines, highlights, persists the step', async () => {
      const w = await open(vscodePage(undefined));
      const { page } = w;
      await page.waitForFunction(() => (window as unknown as { __posted: unknown[] }).__posted.length > 0);
      assert.deepEqual(await posted(page), [{ type: 'webview/ready' }]);
      assert.match((await page.locator('.ls-status').textContent())!, /Waiting for a trace/);

      await page.evaluate(() => window.postMessage({ type: 'trace/running', file: '/w/kitchen-sink.js' }, '*'));
      await page.waitForSelector('.ls-status[data-kind="running"]');
      await page.screenshot({ path: path.join(shots, 'vscode-running.png') });

      const raw = fixture();
      await page.evaluate((r) => window.postMessage({ type: 'trace/load', raw: r, step: 4 }, '*'), raw);
      await page.waitForSelector('.ls-viewer:not([hidden])');
      assert.equal(await counter(page), 'step 5 / 29');
      await page.locator('.ls-frame.is-top').click();
      // the step is saved after a debounce: wait for that message, not for a time that a loaded machine may need more of
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'state/step'));
      const msgs = await posted(page);
      // step 5: greet was just called, so the top frame is greet's declaration
      const greetLine = lineOf('function greet(');
      assert.deepEqual(msgs.filter((m) => m.type === 'editor/reveal'), [{ type: 'editor/reveal', line: greetLine }]);
      assert.deepEqual(msgs.filter((m) => m.type === 'editor/highlight').at(-1), { type: 'editor/highlight', line: greetLine });
      assert.deepEqual(msgs.filter((m) => m.type === 'state/step').at(-1), { type: 'state/step', step: 4 });
      const states = await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states);
      assert.deepEqual(states.at(-1), { step: 4, speed: 1, file: raw.meta.file });

      // a malformed message is ignored
      // (resolved by a listener added after the app's, so the app has seen the message when it resolves)
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            // (inline, not a named const: the test loader would wrap a named one in a helper the page lacks)
            window.addEventListener('message', (e: MessageEvent) => (e.data?.raw?.format === 'nope' ? resolve() : undefined));
            window.postMessage({ type: 'trace/load', raw: { format: 'nope' } }, '*');
          }),
      );
      assert.equal(await counter(page), 'step 5 / 29');

      await page.evaluate(() => window.postMessage({ type: 'trace/error', message: 'SyntaxError: Unexpected token (3:7)', file: '/w/bad.js', line: 3, column: 7 }, '*'));
      await page.waitForSelector('.ls-status[data-kind="error"]');
      await page.screenshot({ path: path.join(shots, 'vscode-error.png') });
      await page.locator('.ls-status-location').click();
      assert.deepEqual((await posted(page)).at(-1), { type: 'editor/reveal', line: 3 });
      await clean(w);
    });

    it('restores the saved step when the panel is revived', async () => {
      const raw = fixture();
      const w = await open(vscodePage({ step: 17, speed: 2, file: raw.meta.file }));
      await w.page.evaluate((r) => window.postMessage({ type: 'trace/load', raw: r }, '*'), raw);
      await w.page.waitForSelector('.ls-viewer:not([hidden])');
      assert.equal(await counter(w.page), 'step 18 / 29');
      assert.equal(await w.page.locator('.ls-speed').inputValue(), '2');
      await clean(w);
    });

    it('restores the "Node\'s internal tasks" toggle from the saved state, and saves it', async () => {
      const raw = fixture();
      const w = await open(vscodePage({ step: 3, file: raw.meta.file, showInternal: true }));
      await w.page.evaluate((r) => window.postMessage({ type: 'trace/load', raw: r }, '*'), raw);
      await w.page.waitForSelector('.ls-viewer:not([hidden])');
      const toggle = w.page.locator('.ls-internal-toggle');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
      assert.equal(await toggle.textContent(), "Node's internal tasks: shown");
      await w.page.locator('.ls-forward').click();
      await w.page.waitForFunction(() => (window as unknown as { __states: { step: number }[] }).__states.at(-1)?.step === 4);
      const states = await w.page.evaluate(() => (window as unknown as { __states: unknown[] }).__states);
      assert.deepEqual(states.at(-1), { step: 4, speed: 1, file: raw.meta.file, showInternal: true });
      await clean(w);
    });
  });

  describe('screenshots', () => {
    const cases: { name: string; colorScheme: 'light' | 'dark'; contrast?: 'more'; width?: number; height?: number; step: number }[] = [
      { name: 'export-light', colorScheme: 'light', step: 6 },
      { name: 'export-dark', colorScheme: 'dark', step: 12 },
      { name: 'export-high-contrast', colorScheme: 'dark', contrast: 'more', step: 24 },
      { name: 'export-narrow-light', colorScheme: 'light', width: 620, height: 1100, step: 17 },
    ];
    for (const c of cases) {
      it(`${c.name}.png`, async () => {
        const w = await openExport(fixture(), { ...c, hash: `#step=${c.step}` });
        assert.equal(await counter(w.page), `step ${c.step} / 29`);
        await w.page.screenshot({ path: path.join(shots, `${c.name}.png`) });
        // nothing sticks out of the viewport sideways (no clipped lanes)
        const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
        await clean(w);
      });
    }
  });
});
