// Hand-written raw traces that mirror what Node 20 does on small programs (the event order is Node's, as the
// corpus' true output shows), shared by the model, document and sentence tests.

import type { Probe, RawEvent, RawTrace, RunMeta } from '../../src/shared/rawTrace';

/** The meta of a run: a completed CommonJS run on Node 20 unless `over` says otherwise. */
export function runMeta(over: Partial<RunMeta> = {}): RunMeta {
  return {
    node: 'v20.20.2',
    module: 'cjs',
    file: '/tmp/fixture.js',
    exit: { code: 0, reason: 'completed' },
    timings: { transpile: 0, instrument: 0, run: 0, total: 0 },
    timeoutMs: 5000,
    maxEvents: 100000,
    ...over,
  };
}

export function rawTrace(
  events: RawEvent[],
  probes: Probe[] = [],
  module: 'cjs' | 'esm' = 'cjs',
  source = '',
  meta: Partial<RunMeta> = {},
): RawTrace {
  return { format: 'loopscope-raw-trace', version: 1, meta: runMeta({ module, ...meta }), source, probes, events };
}

/** corpus c01_basic_queues.js */
export const C01_SOURCE = [
  '// nextTick vs promise vs queueMicrotask vs timers (timer vs immediate avoided at top level)',
  "console.log('1 sync');",
  "setTimeout(() => console.log('6 timeout'), 0);",
  "Promise.resolve().then(() => console.log('4 promise'));",
  "queueMicrotask(() => console.log('5 queueMicrotask'));",
  "process.nextTick(() => console.log('3 nextTick'));",
  "console.log('2 sync end');",
  '',
].join('\n');

export const C01_PROBES: Probe[] = [
  { kind: 'schedule', name: 'setTimeout', line: 3, column: 1, snippet: "() => console.log('6 timeout')" },
  { kind: 'function', name: '(anonymous)', line: 3, column: 12 },
  { kind: 'schedule', name: 'then', line: 4, column: 19, snippet: "() => console.log('4 promise')" },
  { kind: 'function', name: '(anonymous)', line: 4, column: 24 },
  { kind: 'schedule', name: 'queueMicrotask', line: 5, column: 1, snippet: "() => console.log('5 queueMicrotask')" },
  { kind: 'function', name: '(anonymous)', line: 5, column: 16 },
  { kind: 'schedule', name: 'process.nextTick', line: 6, column: 1, snippet: "() => console.log('3 nextTick')" },
  { kind: 'function', name: '(anonymous)', line: 6, column: 18 },
];

function callback(t: number, id: string, line: number, probe: number, inv: number, text: string): RawEvent[] {
  return [
    ['run', t, id, line],
    ['enter', t + 0.01, probe, inv],
    ['console', t + 0.02, 'stdout', text, line],
    ['exit', t + 0.03, inv],
    ['done', t + 0.04, id],
  ];
}

export const C01_EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'],
  ['run', 0.1, 'script', 2],
  ['console', 0.3, 'stdout', '1 sync', 2],
  ['enqueue', 0.5, 't1', 'timer', 'Timeout', 3, 0, 1.5],
  ['enqueue', 0.6, 'p2', 'microtask', 'PromiseReaction', 4, 2, null],
  ['enqueue', 0.7, 'm3', 'microtask', 'Microtask', 5, 4, null],
  ['enqueue', 0.8, 'k4', 'nextTick', 'TickObject', 6, 6, null],
  ['console', 0.9, 'stdout', '2 sync end', 7],
  ['done', 1.0, 'script'],
  ...callback(1.1, 'k4', 6, 7, 1, '3 nextTick'),
  ...callback(1.2, 'p2', 4, 3, 2, '4 promise'),
  ...callback(1.3, 'm3', 5, 5, 3, '5 queueMicrotask'),
  ...callback(1.6, 't1', 3, 1, 4, '6 timeout'),
  ['end', 2, 'completed', 0],
];

export const c01 = (): RawTrace => rawTrace(C01_EVENTS, C01_PROBES, 'cjs', C01_SOURCE);

/** corpus c02_async_classic.js: an async function that awaits, resumed from the microtask queue. */
export const C02_PROBES: Probe[] = [
  { kind: 'function', name: 'async1', line: 2, column: 1 },
  { kind: 'await', name: 'async1', line: 2, column: 72 },
  { kind: 'function', name: 'async2', line: 3, column: 1 },
  { kind: 'schedule', name: 'setTimeout', line: 5, column: 1, snippet: "() => console.log('setTimeout')" },
  { kind: 'function', name: '(anonymous)', line: 5, column: 12 },
  { kind: 'schedule', name: 'new Promise', line: 7, column: 13, snippet: "resolve => { console.log('promise1'); re…" },
  { kind: 'function', name: '(anonymous)', line: 7, column: 13 },
  { kind: 'schedule', name: 'then', line: 7, column: 73, snippet: "() => console.log('promise2')" },
  { kind: 'function', name: '(anonymous)', line: 7, column: 78 },
];

export const C02_EVENTS: RawEvent[] = [
  ['start', 0, 'cjs'],
  ['run', 0.1, 'script', 4],
  ['console', 0.2, 'stdout', 'script start', 4],
  ['enqueue', 0.3, 't1', 'timer', 'Timeout', 5, 3, 1.3],
  ['enter', 0.4, 0, 1],
  ['console', 0.45, 'stdout', 'async1 start', 2],
  ['enter', 0.5, 2, 2],
  ['console', 0.55, 'stdout', 'async2', 3],
  ['exit', 0.6, 2],
  ['suspend', 0.62, 1],
  ['enqueue', 0.63, 'a2', 'microtask', 'PromiseReaction', 2, 1, null],
  ['enter', 0.7, 6, 3],
  ['console', 0.72, 'stdout', 'promise1', 7],
  ['exit', 0.74, 3],
  ['enqueue', 0.76, 'p3', 'microtask', 'PromiseReaction', 7, 7, null],
  ['console', 0.8, 'stdout', 'script end', 8],
  ['done', 0.9, 'script'],
  ['run', 1.0, 'a2', null],
  ['resume', 1.01, 1],
  ['console', 1.02, 'stdout', 'async1 end', 2],
  ['exit', 1.03, 1],
  ['done', 1.04, 'a2'],
  ['run', 1.1, 'p3', 7],
  ['enter', 1.11, 8, 4],
  ['console', 1.12, 'stdout', 'promise2', 7],
  ['exit', 1.13, 4],
  ['done', 1.14, 'p3'],
  ['run', 1.5, 't1', 5],
  ['enter', 1.51, 4, 5],
  ['console', 1.52, 'stdout', 'setTimeout', 5],
  ['exit', 1.53, 5],
  ['done', 1.54, 't1'],
  ['end', 2, 'completed', 0],
];

export const c02 = (): RawTrace => rawTrace(C02_EVENTS, C02_PROBES);

