// The cost of tracing a worker thread (README "Worker threads"): bench/worker-cpu.js (a worker computing
// fib(30)) plain vs traced, medians of 5 alternating runs. Figures: the worker's own compute time (the traced
// worker records its calls up to the call budget and counts the rest), the wall time from `new Worker` to its
// answer (adds the worker's start-up with the tracer), and the whole process.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const workload = 'bench/worker-cpu.js';
const figures = (line) => {
  const m = /worker ([\d.]+) wall ([\d.]+)/.exec(line);
  if (!m) throw new Error(`no timing line: ${line}`);
  return { worker: Number(m[1]), wall: Number(m[2]) };
};
const plainRun = () => {
  const t0 = performance.now();
  const out = execFileSync(node, [workload], { cwd: root, encoding: 'utf8' });
  return { ...figures(out.trim().split('\n').pop()), process: performance.now() - t0 };
};
const tracedRun = () => {
  const t0 = performance.now();
  const r = spawnSync(node, [path.join(root, 'bin/loopscope.js'), 'trace', workload, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const doc = JSON.parse(r.stdout);
  const main = doc.console.filter((c) => c.thread === 0);
  return { ...figures(main[main.length - 1].text), process: performance.now() - t0, threads: doc.threads.length };
};
const plain = [];
const traced = [];
for (let i = 0; i < 5; i++) {
  plain.push(plainRun());
  traced.push(tracedRun());
}
const med = (runs, key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;
for (const [key, what] of [['worker', "the worker's fib(30)"], ['wall', 'new Worker -> its answer'], ['process', 'whole process (traced: the loopscope trace command)']]) {
  const p = med(plain, key);
  const t = med(traced, key);
  console.log(`    ${what.padEnd(52)} plain ${fmt(p)} -> traced ${fmt(t)}: ${(t / p).toFixed(2)}x`);
}
console.log(`    threads traced: ${traced[0].threads} (main + the worker); medians of 5 alternating runs`);
