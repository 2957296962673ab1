#!/usr/bin/env node
// Model benchmark: builds synthetic traces of 100k, 500k and 1M events (each with a burst of events/10 items
// queued at once, then drained), and measures buildModel, a sequential stateAt sweep, 10k random stateAt
// (stack + the first 50 items of each queue), 1k random stateAt reading every queue in full, the streamed --json document with queues capped at 100 items, and the memory the
// model keeps (heap + typed-array buffers, after GC), to show both grow linearly with events.
//   node bench/model.bench.mjs [sizes...]        e.g. node bench/model.bench.mjs 100000 1000000
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (typeof globalThis.gc !== 'function') {
  // re-run with what the bench needs: GC control for honest memory figures, tsx to load the TypeScript model
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { buildModel } = await import('../src/shared/model/index.ts');
const { traceDocumentChunks } = await import('../src/shared/traceDocument.ts');
const { QUEUE_NAMES } = await import('../src/shared/rawTrace.ts');

const probes = [
  { kind: 'function', name: 'work', line: 2, column: 1 },
  { kind: 'schedule', name: 'queueMicrotask', line: 3, column: 3, snippet: '() => work()' },
  { kind: 'schedule', name: 'process.nextTick', line: 4, column: 3, snippet: '() => work()' },
  { kind: 'schedule', name: 'setTimeout', line: 5, column: 3, snippet: '() => work()' },
  { kind: 'schedule', name: 'then', line: 6, column: 3, snippet: 'x => x + 1' },
];

/** A trace of exactly `n` events that obeys Node's queue order; a burst of n/10 microtasks at 60%. */
function syntheticTrace(n) {
  const events = [['start', 0, 'cjs'], ['run', 0, 'script', 1]];
  const ticks = [];
  const micro = [];
  const timers = [];
  let t = 0;
  let id = 0;
  let inv = 1;
  let running = 'script';
  let burstDone = false;
  const room = () => n - events.length - 2;
  const runNext = () => {
    const from = ticks.length ? ticks : micro.length ? micro : timers;
    const next = from.shift();
    if (next === undefined) return false;
    events.push(['run', (t += 0.01), next, 3]);
    running = next;
    return true;
  };
  while (room() > 8) {
    if (!burstDone && events.length > n * 0.6) {
      const b = Math.min(Math.floor(n / 10), Math.floor((room() - 4) / 3));
      for (let k = 0; k < b; k++) {
        const item = `b${k}`;
        events.push(['enqueue', (t += 0.001), item, 'microtask', 'PromiseReaction', 6, 4, null]);
        micro.push(item);
      }
      burstDone = true;
    }
    // a task: call a function that logs and queues one more callback (sometimes), then end the task
    events.push(['enter', (t += 0.01), 0, inv], ['console', (t += 0.01), 'stdout', `line ${events.length}`, 3]);
    if (id < n / 25 && !burstDone) {
      const kind = id % 3;
      const item = `q${id++}`;
      if (kind === 0) (events.push(['enqueue', (t += 0.01), item, 'microtask', 'Microtask', 3, 1, null]), micro.push(item));
      else if (kind === 1) (events.push(['enqueue', (t += 0.01), item, 'nextTick', 'TickObject', 4, 2, null]), ticks.push(item));
      else (events.push(['enqueue', (t += 0.01), item, 'timer', 'Timeout', 5, 3, t + 1]), timers.push(item));
    }
    events.push(['exit', (t += 0.01), inv++], ['done', (t += 0.01), running]);
    running = null;
    if (!runNext()) {
      const item = `q${id++}`;
      events.push(['enqueue', (t += 0.01), item, 'immediate', 'Immediate', 5, null, null], ['run', (t += 0.01), item, 5]);
      running = item;
    }
    // drain the burst quickly: bare runs
    while (micro.length > 1000 && room() > 8 && !ticks.length) {
      events.push(['done', (t += 0.001), running], ['run', (t += 0.001), micro.shift(), 6]);
      running = events[events.length - 1][2];
    }
  }
  events.push(['end', (t += 1), 'completed', 0]);
  return {
    format: 'loopscope-raw-trace',
    version: 1,
    meta: {
      node: process.version, module: 'cjs', file: '/bench.js', exit: { code: 0, reason: 'completed' },
      timings: { transpile: 0, instrument: 0, run: 0, total: 0 }, timeoutMs: 5000, maxEvents: n,
    },
    source: '',
    probes,
    events,
  };
}

const memory = () => {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1048576;
};
/** [wall ms, result, CPU ms]: CPU time too, because other processes may share the 2 cores. */
const time = (f) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = f();
  const c = process.cpuUsage(c0);
  return [performance.now() - t0, r, (c.user + c.system) / 1000];
};
/** Exact bytes of the model's typed columns (ops, per-step scalars, checkpoints). */
const columnBytes = (data) =>
  [data.kinds, data.tasks, data.lines, data.times, data.subjects, data.phases, data.draining, data.opStart, data.opCode, data.opPos, data.opRef,
   data.checkpoints.steps, data.checkpoints.offsets, data.checkpoints.lens, data.checkpoints.pool].reduce((a, x) => a + x.byteLength, 0);

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
const rows = [];
for (const n of sizes.length ? sizes : [100_000, 500_000, 1_000_000]) {
  const m0 = memory();
  let raw = syntheticTrace(n);
  const m1 = memory();
  const [buildMs, model, buildCpu] = time(() => buildModel(raw));
  const m2 = memory();
  let maxQueued = 0;
  const [sweepMs, , sweepCpu] = time(() => {
    for (let i = 0; i < model.stepCount; i++) {
      const s = model.stateAt(i);
      if (s.stack.length < 0) throw new Error('unreachable');
      const lengths = model.queueLengthsAt(i);
      maxQueued = Math.max(maxQueued, lengths.microtask);
    }
  });
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let itemsRead = 0;
  const [randomMs] = time(() => {
    for (let k = 0; k < 10_000; k++) {
      const step = Math.floor(rnd() * model.stepCount);
      const s = model.stateAt(step);
      itemsRead += s.stack.length;
      for (const q of QUEUE_NAMES) itemsRead += model.queueHeadAt(step, q, 50).length;
    }
  });
  let fullItems = 0;
  const [randomFullMs] = time(() => {
    for (let k = 0; k < 1_000; k++) {
      const s = model.stateAt(Math.floor(rnd() * model.stepCount));
      for (const q of QUEUE_NAMES) fullItems += s.queues[q].length;
    }
  });
  let bytes = 0;
  const [docMs] = time(() => {
    for (const chunk of traceDocumentChunks(model, { maxQueueItems: 100 })) bytes += chunk.length;
  });
  raw = null; // what the model itself keeps (it shares strings with the trace; those stay counted in the trace)
  const m3 = memory();
  rows.push({
    events: n,
    steps: model.stepCount,
    'max queued': maxQueued,
    'build ms (cpu)': `${Math.round(buildMs)} (${Math.round(buildCpu)})`,
    'sweep ms (cpu)': `${Math.round(sweepMs)} (${Math.round(sweepCpu)})`,
    '10k random ms (heads)': Math.round(randomMs),
    '1k random ms (all items)': Math.round(randomFullMs),
    'items read (1k)': fullItems,
    'json ms (cap 100)': Math.round(docMs),
    'json MB': +(bytes / 1048576).toFixed(1),
    'trace MB': +(m1 - m0).toFixed(1),
    'model MB (with trace)': +(m2 - m1).toFixed(1),
    'columns MB': +(columnBytes(model.data) / 1048576).toFixed(1),
    'checkpoint refs': model.data.checkpoints.pool.length,
    ops: model.data.opCode.length,
    'model MB alone': +(m3 - m0).toFixed(1),
    'model B/event': Math.round(((m3 - m0) * 1048576) / n),
  });
  console.error(`done ${n}`);
}
console.table(rows);
