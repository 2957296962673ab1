#!/usr/bin/env node
// `npm run bench`: prints the figures the issues name, as ratios measured in this one run on this machine.
// Not a test: nothing here fails on a slow machine; it prints what it measured.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'loopscope-bench-'));
const node = process.execPath;

/** Wall time of one run of a command, ms. */
function timeRun(label, cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${label} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/**
 * Runs each measurement once per round, round after round, and returns each one's results sorted. Taking
 * turns, rather than all runs of one then all of the other, keeps a machine that slows down or speeds up
 * mid-benchmark (a shared 2-core VM does) from skewing the ratios.
 */
function alternate(rounds, measurements) {
  const results = measurements.map(() => []);
  for (let i = 0; i < rounds; i++) measurements.forEach((m, k) => results[k].push(m()));
  return results;
}
const median = (sorted) => sorted[Math.floor(sorted.length / 2)];
const byNumber = (a, b) => a - b;

const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`Loopscope benchmark · node ${process.version} · ${os.cpus().length} cores · ${new Date().toISOString()}`);

// 1. A 10-line example, the whole `loopscope trace` process vs `node -e 0`.
const cliArgs = [path.join(root, 'bin/loopscope.js'), 'trace', 'bench/ten-lines.js'];
const [bareRuns, cliRuns, cliJsonRuns] = alternate(11, [
  () => timeRun('node -e 0', node, ['-e', '0']),
  () => timeRun('loopscope trace', node, cliArgs),
  () => timeRun('loopscope trace --json', node, [...cliArgs, '--json', '--out', path.join(tmp, 'ten.json')]),
]);
const bare = median(bareRuns.sort(byNumber));
const cli = median(cliRuns.sort(byNumber));
const cliJson = median(cliJsonRuns.sort(byNumber));
console.log(`\n[1] loopscope trace of a 10-line example: ${fmt(cli)} vs node -e 0: ${fmt(bare)} -> ${(cli / bare).toFixed(2)}x (target <= 3x), medians of 11 alternating runs`);
console.log(`    with --json --out: ${fmt(cliJson)} -> ${(cliJson / bare).toFixed(2)}x`);

// 2. The async-heavy workload traced (cap raised) vs its plain node run: the traced child's run time as
// traceFile measures it (spawn to exit), five alternating runs each, medians.
const traceScript = path.join(root, 'bench/trace-heavy.ts');
const traceHeavy = () => JSON.parse(execFileSync(node, ['--import=tsx', traceScript, 'bench/async-heavy.js'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());
const [plainRuns, tracedRuns] = alternate(5, [() => timeRun('plain node async-heavy', node, ['bench/async-heavy.js']), traceHeavy]);
const plain = median(plainRuns.sort(byNumber));
const figures = median(tracedRuns.sort((a, b) => a.runMs - b.runMs));
console.log(`\n[2] async-heavy (100k+ promises, 10k timers, 5k immediates, 5k ticks):`);
console.log(`    plain node: ${fmt(plain)}; traced child run: ${fmt(figures.runMs)} -> ${(figures.runMs / plain).toFixed(2)}x (target <= 3x), medians of 5 alternating runs`);
console.log(`    whole traceFile (transpile+instrument+run+read): ${fmt(figures.totalMs)}; ${figures.events} events, ${Math.round(figures.events / (figures.runMs / 1000)).toLocaleString('en')} events/s; exit ${figures.reason}`);
console.log(`    buildModel on those events: ${fmt(figures.modelMs)}, ${figures.steps} steps`);

// 2b. CPU-bound code (README "Hot code"): each workload times itself (its last line: wall ms and CPU ms), plain
// node vs traced with the default options; the ratio is of the medians of 5 alternating runs. Target <= 2x.
const cpuFigure = (text) => {
  const m = /ms ([\d.]+) cpu ([\d.]+)\s*$/.exec(text.trim());
  if (!m) throw new Error(`no timing line in ${JSON.stringify(text.slice(-200))}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) };
};
const tracedCpu = path.join(root, 'bench/trace-cpu.ts');
console.log(`\n[2b] CPU-bound workloads, traced with the defaults (call budget 10,000 per task, 2,000 per function) vs plain node (target <= 2x):`);
for (const workload of ['bench/cpu-loop.js', 'bench/cpu-fib.js', 'bench/cpu-fib-35.js', 'bench/cpu-json.js']) {
  const [plainCpu, traced] = alternate(5, [
    () => cpuFigure(execFileSync(node, [workload], { cwd: root, encoding: 'utf8' })),
    () => JSON.parse(execFileSync(node, ['--import=tsx', tracedCpu, workload], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()),
  ]);
  const wallOf = (runs) => median(runs.map((r) => r.wall).sort(byNumber));
  const cpuOf = (runs) => median(runs.map((r) => r.cpu).sort(byNumber));
  const t = traced.map((r) => cpuFigure(r.last));
  const [pw, tw, pc, tc] = [wallOf(plainCpu), wallOf(t), cpuOf(plainCpu), cpuOf(t)];
  const extra = traced[0];
  console.log(`    ${path.basename(workload).padEnd(13)} wall ${fmt(pw)} -> ${fmt(tw)}: ${(tw / pw).toFixed(2)}x · CPU ${fmt(pc)} -> ${fmt(tc)}: ${(tc / pc).toFixed(2)}x · ${extra.events} events, ${extra.foldedCalls.toLocaleString('en')} calls counted, estimated tracing ${extra.overheadMs} ms · exit ${extra.reason}`);
}

// 3-7. The model at 1M events, the webview at 100k steps, the differential fuzzer's soak (generated programs
// traced vs plain node, programs per minute), a 50-file project, and a worker thread traced, when they exist.
for (const [n, script] of [['3', 'bench/model.bench.mjs'], ['4', 'bench/webview.bench.mjs'], ['5', 'bench/fuzz.bench.mjs'], ['6', 'bench/project.bench.mjs'], ['7', 'bench/workers.bench.mjs']]) {
  if (!existsSync(path.join(root, script))) continue;
  console.log(`\n[${n}] ${script}`);
  const r = spawnSync(node, ['--import=tsx', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`    (${script} exited ${r.status})`);
}
rmSync(tmp, { recursive: true, force: true });
