// Webview bench: a synthetic ~100k-step RawTrace (thousands of console lines, queues thousands deep) in an
// exported page, opened in headless Chromium. Prints the load time (page open -> first step drawn; target
// < 1 s) and the per-step render time (stateAt + joins + style/layout, forced synchronously; target < 16 ms)
// for sequential steps and for far scrubbing jumps: median and p95.
// Then the Timeline on a trace of ~100k tasks (BENCH_TIMELINE_N iterations, 2 tasks each): its first draw,
// one redraw, a wheel-zoom frame and a drag-pan frame (event -> canvas drawn), and a step with the timeline
// shown (the cursor move); median and p95.
// Run: node --import=tsx bench/webview.bench.mjs   (also run by `npm run bench`)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildWebview } from '../test/browser/buildWebview.ts';
import { renderExportHtml } from '../src/cli/htmlExport.ts';

/** N iterations of: call f, queue a microtask and a timer, sometimes print; then drain both queues. */
function syntheticTrace(n) {
  const probes = [
    { kind: 'function', name: 'work', line: 2, column: 1 },
    { kind: 'schedule', name: 'then', line: 4, column: 3, snippet: '() => step(i)' },
    { kind: 'schedule', name: 'setTimeout', line: 5, column: 3, snippet: '() => tick(i)' },
    { kind: 'function', name: 'step', line: 8, column: 1 },
    { kind: 'function', name: 'tick', line: 11, column: 1 },
  ];
  const source = [
    'for (let i = 0; i < N; i++) work(i);',
    'function work(i) {',
    "  if (i % 5 === 0) console.log('work', i);",
    '  Promise.resolve().then(() => step(i));',
    '  setTimeout(() => tick(i), i % 50);',
    '}',
    '',
    'function step(i) {',
    "  if (i % 4 === 0) console.log('step', i);",
    '}',
    'function tick(i) {}',
  ].join('\n');
  const ev = [['start', 0, 'cjs'], ['run', 0, 'script', 1]];
  let t = 0;
  let inv = 0;
  for (let i = 0; i < n; i++) {
    const f = ++inv;
    ev.push(['enter', (t += 0.001), 0, f]);
    if (i % 5 === 0) ev.push(['console', t, 'stdout', `work ${i}`, 3]);
    ev.push(['enqueue', t, `m${i}`, 'microtask', 'PromiseReaction', 4, 1, null]);
    ev.push(['enqueue', t, `t${i}`, 'timer', 'Timeout', 5, 2, 1 + (i % 50)]);
    ev.push(['exit', t, f]);
  }
  ev.push(['done', t, 'script']);
  for (let i = 0; i < n; i++) {
    const f = ++inv;
    ev.push(['run', (t += 0.001), `m${i}`, 4], ['enter', t, 3, f]);
    if (i % 4 === 0) ev.push(['console', t, 'stdout', `step ${i}`, 9]);
    ev.push(['exit', t, f], ['done', t, `m${i}`]);
  }
  // timers run in due order, ties in insertion order
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (a % 50) - (b % 50) || a - b);
  for (const i of order) {
    const f = ++inv;
    ev.push(['run', Math.max((t += 0.001), 1 + (i % 50)), `t${i}`, 5], ['enter', t, 4, f], ['exit', t, f], ['done', t, `t${i}`]);
  }
  ev.push(['end', t, 'completed', 0]);
  return {
    format: 'loopscope-raw-trace',
    version: 1,
    meta: {
      node: process.version, module: 'cjs', file: '/bench/synthetic.js', exit: { code: 0, reason: 'completed' },
      timings: { transpile: 0, instrument: 0, run: t, total: t }, timeoutMs: 5000, maxEvents: 1e6,
    },
    source, probes, events: ev,
  };
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

const dir = await buildWebview(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
const assets = { js: readFileSync(path.join(dir, 'main.js'), 'utf8'), css: readFileSync(path.join(dir, 'styles.css'), 'utf8') };
const n = Number(process.env.BENCH_N ?? 8000);
const raw = syntheticTrace(n);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-webview-bench-'));
const file = path.join(tmp, 'bench.html');
writeFileSync(file, renderExportHtml(raw, assets));
const sizeMb = readFileSync(file).length / 1e6;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.log('    page error:', e.message));
  const loads = [];
  let stepCount = 0;
  let consoleLines = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = Date.now();
    await page.goto(`file://${file}`);
    await page.waitForSelector('.ls-viewer:not([hidden])', { timeout: 60000 });
    loads.push(Date.now() - t0);
    ({ stepCount, consoleLines } = await page.evaluate(() => ({ stepCount: window.loopscope.model.stepCount, consoleLines: window.loopscope.model.console.length })));
  }
  const measure = (targets) =>
    page.evaluate((targets) => {
      const app = window.loopscope;
      const times = [];
      for (const s of targets) {
        const t = performance.now();
        app.goTo(s, true);
        document.body.getBoundingClientRect(); // include style + layout
        void document.body.offsetHeight;
        times.push(performance.now() - t);
      }
      return { times, domNodes: document.getElementsByTagName('*').length };
    }, targets);
  if (process.env.BENCH_DIAG) {
    const d = await page.evaluate(() => {
      const app = window.loopscope; const m = app.model; const out = {};
      const mid = Math.floor(m.stepCount / 2);
      let t = performance.now();
      for (let s = mid; s < mid + 300; s++) { const st = m.stateAt(s); void st.stack.length; for (const q of Object.values(st.queues)) void q.length; }
      out.stateAtSeq = (performance.now() - t) / 300;
      t = performance.now();
      for (let k = 0; k < 200; k++) { const st = m.stateAt((k * 7919) % m.stepCount); void st.stack.length; for (const q of Object.values(st.queues)) void q.length; }
      out.stateAtFar = (performance.now() - t) / 200;
      return out;
    });
    console.log('    diag', d);
  }
  const mid = Math.floor(stepCount / 2);
  const seq = await measure(Array.from({ length: 300 }, (_, i) => mid - 150 + i));
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const far = await measure(Array.from({ length: 200 }, () => Math.floor(rnd() * stepCount)));
  console.log(`    synthetic trace: ${raw.events.length.toLocaleString('en')} events, ${stepCount.toLocaleString('en')} steps, ${consoleLines.toLocaleString('en')} console lines, queues up to ${n.toLocaleString('en')} deep; page ${sizeMb.toFixed(1)} MB`);
  console.log(`    load (open page -> first step drawn): median ${fmt(quantile(loads, 0.5))} of ${loads.join(', ')} ms (target < 1 s)`);
  console.log(`    step forward x300: median ${fmt(quantile(seq.times, 0.5))}, p95 ${fmt(quantile(seq.times, 0.95))}, max ${fmt(Math.max(...seq.times))} (target < 16 ms)`);
  console.log(`    far jumps (scrub) x200: median ${fmt(quantile(far.times, 0.5))}, p95 ${fmt(quantile(far.times, 0.95))}, max ${fmt(Math.max(...far.times))} (target < 16 ms)`);
  console.log(`    DOM elements after the runs: ${far.domNodes}`);
  await timelineBench();
} finally {
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}

/** The Timeline tab on a ~100k-task trace (webview/render/timeline.ts). */
async function timelineBench() {
  const tn = Number(process.env.BENCH_TIMELINE_N ?? 50000);
  const tfile = path.join(tmp, 'timeline.html');
  writeFileSync(tfile, renderExportHtml(syntheticTrace(tn), assets));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.log('    page error:', e.message));
  await page.goto(`file://${tfile}`);
  await page.waitForSelector('.ls-viewer:not([hidden])', { timeout: 120000 });
  const r = await page.evaluate(() => {
    const app = window.loopscope;
    const tl = app.side.timeline;
    const out = { tasks: app.model.tasks.length, steps: app.model.stepCount };
    let t = performance.now();
    app.side.show('timeline'); // builds the lanes' sort, sizes the canvas and draws
    document.body.getBoundingClientRect();
    out.first = performance.now() - t;
    out.redraw = [];
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      tl.drawNow();
      out.redraw.push(performance.now() - t);
    }
    const stage = document.querySelector('.ls-tl-stage');
    const box = stage.getBoundingClientRect();
    out.zoom = [];
    for (let i = 0; i < 60; i++) {
      // zoom in 30 frames, then out again, around points across the lane
      const clientX = box.left + 60 + ((i * 37) % Math.max(1, box.width - 80));
      t = performance.now();
      stage.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 30 ? -120 : 120, clientX, clientY: box.top + 40, bubbles: true, cancelable: true, view: window }));
      tl.drawNow();
      document.body.getBoundingClientRect();
      out.zoom.push(performance.now() - t);
    }
    // zoomed 4x in the middle, then dragged across: each move is one frame
    for (let i = 0; i < 6; i++) stage.dispatchEvent(new WheelEvent('wheel', { deltaY: -120, clientX: box.left + box.width / 2, clientY: box.top + 40, bubbles: true, cancelable: true, view: window }));
    tl.drawNow();
    out.pan = [];
    let x = box.left + box.width / 2;
    stage.dispatchEvent(new MouseEvent('mousedown', { clientX: x, clientY: box.top + 40, bubbles: true, cancelable: true, view: window, button: 0 }));
    for (let i = 0; i < 60; i++) {
      x += i < 30 ? -8 : 8;
      t = performance.now();
      window.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + 40, bubbles: true, cancelable: true, view: window, buttons: 1 }));
      tl.drawNow();
      document.body.getBoundingClientRect();
      out.pan.push(performance.now() - t);
    }
    window.dispatchEvent(new MouseEvent('mouseup', { clientX: x, clientY: box.top + 40, bubbles: true, view: window }));
    out.domainAfterPan = tl.domain();
    out.steps300 = [];
    const mid = Math.floor(app.model.stepCount / 2);
    for (let s = mid; s < mid + 300; s++) {
      t = performance.now();
      app.goTo(s, true);
      document.body.getBoundingClientRect();
      out.steps300.push(performance.now() - t);
    }
    out.canvasBars = tl.drawnBoxes().length;
    out.domNodes = document.getElementsByTagName('*').length;
    return out;
  });
  const q = (xs) => `median ${fmt(quantile(xs, 0.5))}, p95 ${fmt(quantile(xs, 0.95))}, max ${fmt(Math.max(...xs))}`;
  console.log(`    timeline: ${r.tasks.toLocaleString('en')} tasks, ${r.steps.toLocaleString('en')} steps`);
  console.log(`    timeline first draw (tab shown): ${fmt(r.first)}; redraw x20: ${q(r.redraw)} (target < 16 ms)`);
  console.log(`    timeline wheel-zoom frame x60: ${q(r.zoom)}; drag-pan frame x60: ${q(r.pan)} (target < 16 ms)`);
  console.log(`    step forward x300 with the timeline shown: ${q(r.steps300)}; boxes drawn ${r.canvasBars}, DOM elements ${r.domNodes}`);
  await page.close();
}
