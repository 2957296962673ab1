// UI test in a real VS Code workbench (code-server) driven through Debian's headless Chromium (playwright-core):
// open a .ts file, select lines, right-click > "Loopscope: Visualize Selection", read the panel's DOM inside
// the webview iframes, step forward, and check that the editor highlight follows the panel.
// Usage: node test/e2e/ui.e2e.mjs <baseUrl> <workspaceFolder> <screenshotDir>
// Prints `N passed, N failed` last; exit code 1 on any failure.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { transform } from 'esbuild';

const [baseUrl, folder, shots] = process.argv.slice(2);
if (!baseUrl || !folder || !shots) {
  console.error('usage: ui.e2e.mjs <baseUrl> <workspaceFolder> <screenshotDir>');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });
const t0 = Date.now();
const lap = (m) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const FILE = 'queueDemo.ts';
const SELECTION = { from: 6, to: 17 };
const PANEL_TITLE = `Loopscope: ${FILE}:${SELECTION.from}-${SELECTION.to}`;

/** The oracle: what plain `node` prints for the selected lines (types stripped by esbuild, nothing else changed). */
async function plainNodeOutput() {
  const text = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').slice(SELECTION.from - 1, SELECTION.to).join('\n');
  const { code } = await transform(text, { loader: 'ts', target: 'esnext' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopscope-oracle-'));
  try {
    fs.writeFileSync(path.join(dir, 'oracle.cjs'), code);
    return execFileSync('node', [path.join(dir, 'oracle.cjs')], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'chromium-profile-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));

let passed = 0;
let failed = 0;
async function test(name, fn) {
  try {
    await fn();
    passed++;
    lap(`ok - ${name}`);
  } catch (e) {
    failed++;
    lap(`FAIL - ${name}: ${e.stack || e}`);
    await page.screenshot({ path: path.join(shots, `ui-failure-${passed + failed}.png`) }).catch(() => {});
  }
}

async function quickInput(key, text, rowText) {
  await page.keyboard.press(key);
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(text);
  if (!rowText) {
    await page.keyboard.press('Enter');
    return;
  }
  // the row itself, clicked: on a loaded machine Enter can still pick the row that was first before the
  // list filtered (another recent file), and the test then waits for a tab that never opens
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  await row.waitFor();
  await row.click();
}

const editor = () => page.locator('.editor-instance .monaco-editor').first();
/** The panel's document: <iframe class="webview ready"> (served by code-server) -> <iframe id="active-frame"> (ours). */
const panelFrame = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** What the panel shows right now, read from its DOM. */
async function readPanel() {
  const f = panelFrame();
  return f.locator('.ls-viewer').evaluate((viewer) => {
    const texts = (sel, root = viewer) => [...root.querySelectorAll(sel)].map((e) => e.textContent.trim());
    const queues = {};
    for (const lane of viewer.querySelectorAll('.ls-queue[data-queue]')) {
      queues[lane.dataset.queue] = texts('.ls-chip:not(.is-exiting) .ls-chip-label', lane);
    }
    const current = viewer.querySelector('.ls-src.is-current');
    return {
      counter: viewer.querySelector('.ls-counter')?.textContent ?? '',
      stack: texts('.ls-stack .ls-frame:not(.is-exiting) .ls-frame-name'),
      queues,
      console: texts('.ls-console-view .ls-out-text'),
      sourceLine: current ? Number(current.dataset.line) : null,
      sentence: viewer.querySelector('.ls-sentence')?.textContent ?? '',
    };
  });
}

/** The line of the editor carrying Loopscope's whole-line decoration (matched by its theme colour's CSS class). */
async function editorHighlightLine() {
  return editor().evaluate((ed) => {
    const overlays = [...ed.querySelectorAll('.view-overlays > div')];
    const numbers = [...ed.querySelectorAll('.margin-view-overlays > div')];
    for (const o of overlays) {
      // Loopscope's decoration is the only whole-line overlay with an inline background from a decoration type
      const deco = [...o.children].find((c) => /\bced-/.test(c.className) && getComputedStyle(c).backgroundColor !== 'rgba(0, 0, 0, 0)');
      if (!deco) continue;
      const row = numbers.find((n) => n.style.top === o.style.top);
      const text = row?.querySelector('.line-numbers')?.textContent?.trim();
      if (text) return Number(text);
    }
    return null;
  });
}

try {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await test('workbench loads with the test workspace', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).waitFor({ timeout: 60000 });
  });

  await test(`open ${FILE} and select lines ${SELECTION.from}-${SELECTION.to}`, async () => {
    await quickInput('Control+P', FILE, FILE);
    await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor({ timeout: 30000 });
    await editor().locator('.view-lines', { hasText: 'function queueDemo' }).waitFor({ timeout: 30000 });
    await page.locator('.statusbar-item', { hasText: 'TypeScript' }).first().waitFor({ timeout: 30000 });
    await quickInput('Control+G', String(SELECTION.from));
    await page.keyboard.press('Home');
    await page.keyboard.press('Home'); // twice: the first goes to the first non-blank character
    for (let i = SELECTION.from; i < SELECTION.to; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    // the status bar counts the selected characters: all of lines from..to, nothing more
    const selected = fs.readFileSync(path.join(folder, FILE), 'utf8').split('\n').slice(SELECTION.from - 1, SELECTION.to).join('\n').length;
    await page.locator('.statusbar-item', { hasText: `Ln ${SELECTION.to}, Col` }).filter({ hasText: `(${selected} selected)` }).first()
      .waitFor({ timeout: 10000 }).catch(async () => {
        const status = await page.locator('.statusbar-item').allTextContents();
        throw new Error(`selection not shown in the status bar: ${status.join(' | ')}`);
      });
  });

  let first;
  await test('right-click > "Loopscope: Visualize Selection" opens the panel with the trace of the selection', async () => {
    const line = editor().locator('.view-line', { hasText: 'Promise.resolve().then' });
    await line.click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Loopscope: Visualize Selection' }).first();
    await item.waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(shots, 'ui-1-context-menu.png') });
    await item.click();
    await page.locator('.tab', { hasText: PANEL_TITLE }).waitFor({ timeout: 60000 });
    await panelFrame().locator('.ls-viewer').waitFor({ state: 'visible', timeout: 30000 });
    await panelFrame().locator('.ls-counter', { hasText: /^step 1 \/ \d+$/ }).waitFor({ timeout: 30000 });
    first = await readPanel();
    lap(`panel: ${JSON.stringify(first)}`);
    const steps = Number(/\/ (\d+)/.exec(first.counter)[1]);
    assert.ok(steps > 10, `only ${steps} steps for a selection that uses every queue`);
    await page.screenshot({ path: path.join(shots, 'ui-2-panel-step-1.png') });
  });

  await test('stepping forward changes the call stack and queues, and the editor highlight follows', async () => {
    assert.ok(first, 'the panel did not open');
    const forward = panelFrame().locator('.ls-btn.ls-forward');
    const seen = { stacks: new Set(), queues: new Set(), highlights: new Set(), console: [] };
    let state = first;
    let sawQueued = false;
    let sawNested = false;
    for (let i = 0; i < 60; i++) {
      const before = state.counter;
      if (!(await forward.isEnabled())) break; // the last step
      await forward.click();
      await panelFrame().locator('.ls-counter', { hasText: `step ${i + 2} /` }).waitFor({ timeout: 10000 });
      state = await readPanel();
      assert.notEqual(state.counter, before);
      seen.stacks.add(state.stack.join(' > '));
      seen.queues.add(JSON.stringify(state.queues));
      if (Object.values(state.queues).some((q) => q.length > 0)) sawQueued = true;
      if (state.stack.length >= 2) sawNested = true;
      // the editor decoration is the panel's running line (posted as editor/highlight)
      if (state.sourceLine !== null) {
        const deadline = Date.now() + 5000;
        let line = await editorHighlightLine();
        while (line !== state.sourceLine && Date.now() < deadline) {
          await page.waitForTimeout(50);
          line = await editorHighlightLine();
        }
        assert.equal(line, state.sourceLine, `editor highlight at step ${i + 2}`);
        assert.ok(line >= SELECTION.from && line <= SELECTION.to, `highlight outside the selection: ${line}`);
        seen.highlights.add(line);
      }
      if (i === 5) await page.screenshot({ path: path.join(shots, 'ui-3-panel-step-7.png') });
      if (sawQueued && sawNested && seen.highlights.size >= 3 && i >= 8) break;
    }
    lap(`stacks seen: ${[...seen.stacks].join(' | ')}`);
    lap(`highlighted lines: ${[...seen.highlights].join(', ')}`);
    assert.ok(sawQueued, 'no queue ever held a callback');
    assert.ok(sawNested, 'the call stack never had two frames');
    assert.ok(seen.stacks.size >= 3, 'the call stack did not change while stepping');
    assert.ok(seen.queues.size >= 2, 'the queues did not change while stepping');
    assert.ok(seen.highlights.size >= 3, 'the editor highlight did not move');
    await page.screenshot({ path: path.join(shots, 'ui-4-panel-stepped.png') });
  });

  await test('clicking a line in the panel shows and selects it in the editor (editor/reveal)', async () => {
    const target = 12; // Promise.resolve().then(...)
    const before = (await page.locator('.statusbar-item').allTextContents()).join(' | ');
    assert.doesNotMatch(before, new RegExp(`Ln ${target},`), 'the cursor is already on the target line');
    await panelFrame().locator(`.ls-source-view .ls-src[data-line="${target}"]`).click();
    await page.locator('.statusbar-item', { hasText: `Ln ${target},` }).first().waitFor({ timeout: 10000 });
    const selected = await page.locator('.statusbar-item', { hasText: `Ln ${target},` }).first().textContent();
    assert.match(selected, /selected/, `the line is not selected: ${selected}`);
  });

  await test('at the last step the console shows what plain node prints, in order', async () => {
    const lastButton = panelFrame().locator('.ls-btn.ls-last');
    if (await lastButton.isEnabled()) await lastButton.click();
    await page.waitForTimeout(500);
    const last = await readPanel();
    const [, at, of] = /step (\d+) \/ (\d+)/.exec(last.counter);
    assert.equal(at, of, 'not at the last step');
    assert.deepEqual(last.console, await plainNodeOutput());
    await page.screenshot({ path: path.join(shots, 'ui-5-panel-last-step.png') });
  });
  await test('after a window reload the panel comes back at the same step', async () => {
    const before = await readPanel();
    await page.waitForTimeout(600); // the host keeps the step after a short debounce
    // "Developer: Reload Window", as a user would: the workbench saves its editor layout before it reloads
    // (a bare page.reload() sometimes beats that save, and then no editor is restored at all)
    const reloaded = page.waitForEvent('load', { timeout: 60000 });
    await quickInput('F1', 'Developer: Reload Window', 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.tab', { hasText: PANEL_TITLE }).first().click({ timeout: 60000 });
    await panelFrame().locator('.ls-counter', { hasText: before.counter }).waitFor({ timeout: 30000 });
    const after = await readPanel();
    assert.deepEqual(after.console, before.console);
    await page.screenshot({ path: path.join(shots, 'ui-6-after-reload.png') });
  });
  await test('two files: Visualize Selection of a function that uses an import steps into the other file, and the editor highlight follows it there', async () => {
    const FILE2 = 'greet.ts';
    const from = 8;
    const to = 14;
    // open it in the first editor group (the panel's group was focused last), where the editor() locator looks
    await page.keyboard.press('Control+1');
    await quickInput('Control+P', FILE2, FILE2);
    await editor().locator('.view-lines', { hasText: 'function greetLater' }).waitFor({ timeout: 30000 });
    await quickInput('Control+G', String(from));
    await page.keyboard.press('Home');
    await page.keyboard.press('Home');
    for (let i = from; i < to; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await page.locator('.statusbar-item', { hasText: `Ln ${to}, Col` }).first().waitFor({ timeout: 10000 });
    // from the command palette (the context menu is the first test's route; a click there can land while the
    // menu is still being placed, and then nothing runs)
    await quickInput('F1', 'Loopscope: Visualize Selection', 'Loopscope: Visualize Selection');
    await page.locator('.tab', { hasText: `Loopscope: ${FILE2}:${from}-${to}` }).waitFor({ timeout: 60000 });
    await panelFrame().locator('.ls-counter', { hasText: /^step 1 \/ \d+$/ }).waitFor({ timeout: 30000 });
    const forward = panelFrame().locator('.ls-btn.ls-forward');
    let inOther = null;
    for (let i = 0; i < 60 && !inOther; i++) {
      if (!(await forward.isEnabled())) break;
      await forward.click();
      await panelFrame().locator('.ls-counter', { hasText: `step ${i + 2} /` }).waitFor({ timeout: 10000 });
      const state = await readPanel();
      if (state.stack.some((f) => f.startsWith('shout'))) inOther = state;
    }
    assert.ok(inOther, 'the steps never entered shout (format.ts)');
    // the stack names the other file; the editor shows format.ts with the panel's line highlighted
    const frameFile = await panelFrame().locator('.ls-stack .ls-frame:not(.is-exiting) .ls-frame-line').allTextContents();
    assert.ok(frameFile.some((t) => /format\.ts:\d/.test(t)), `no frame names format.ts: ${frameFile.join(' | ')}`);
    await page.locator('.tabs-container .tab', { hasText: 'format.ts' }).first().waitFor({ timeout: 10000 });
    const deadline = Date.now() + 8000;
    let line = null;
    while (Date.now() < deadline) {
      const shown = await editor().locator('.view-lines').textContent();
      line = /toUpperCase/.test(shown ?? '') ? await editorHighlightLine() : null;
      if (line !== null && line === inOther.sourceLine) break;
      await page.waitForTimeout(100);
    }
    lap(`in format.ts: panel line ${inOther.sourceLine}, editor highlight ${line}`);
    assert.ok(inOther.sourceLine >= 2 && inOther.sourceLine <= 4, `the panel's line is not in shout: ${inOther.sourceLine}`);
    assert.equal(line, inOther.sourceLine, 'the editor highlight did not follow into format.ts');
    await page.screenshot({ path: path.join(shots, 'ui-8-step-into-other-file.png') });
    const lastButton = panelFrame().locator('.ls-btn.ls-last');
    if (await lastButton.isEnabled()) await lastButton.click();
    await panelFrame().locator('.ls-console-view .ls-out-text', { hasText: 'HELLO WORLD!' }).waitFor({ timeout: 10000 });
    const printed = (await readPanel()).console;
    assert.deepEqual(printed, ['HELLO WORLD!'], 'only the selection and what it uses ran');
  });

  await test('a long run shows a progress notification whose Cancel stops it and leaves no process behind', async () => {
    await quickInput('Control+P', 'forever.js', 'forever.js');
    await page.locator('.tabs-container .tab.active', { hasText: 'forever.js' }).waitFor({ timeout: 30000 });
    await quickInput('F1', 'Loopscope: Visualize File', 'Loopscope: Visualize File');
    const toast = page.locator('.notification-toast', { hasText: 'Loopscope: running forever.js' });
    await toast.waitFor({ timeout: 8000 }); // appears after 500 ms; run-code-server.sh sets loopscope.timeoutMs to 20 s
    await page.screenshot({ path: path.join(shots, 'ui-7-progress-notification.png') });
    const running = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(path.join(folder, 'forever.js')));
    assert.ok(running().length > 0, 'no traced process while the notification is shown');
    const cancelledAt = Date.now();
    await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await toast.waitFor({ state: 'detached', timeout: 5000 });
    while (running().length > 0 && Date.now() - cancelledAt < 5000) await page.waitForTimeout(100);
    assert.deepEqual(running(), [], 'the traced process outlived Cancel');
  });
} finally {
  if (pageErrors.length) console.log('page errors:', pageErrors);
  await ctx.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
