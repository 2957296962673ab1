#!/usr/bin/env node
// Fuzz soak: generated programs (test/fuzz) traced vs plain node for LOOPSCOPE_FUZZ_SOAK_SECONDS (default 60)
// or LOOPSCOPE_FUZZ_SOAK_PROGRAMS programs, two at a time, from seed LOOPSCOPE_FUZZ_SOAK_FROM (default: a
// fresh one, printed). Prints programs per minute and every failing program whole. Not a test: it exits 0.
//   node --import=tsx bench/fuzz.bench.mjs
import { randomInt } from 'node:crypto';

const { buildCase, checkCase, describeCase } = await import('../test/fuzz/checkProgram.ts');
const { ensureBuilt } = await import('../test/fidelity/ensureBuilt.ts');

const seconds = Number(process.env.LOOPSCOPE_FUZZ_SOAK_SECONDS ?? 60);
const maxPrograms = Number(process.env.LOOPSCOPE_FUZZ_SOAK_PROGRAMS ?? Infinity);
const from = Number(process.env.LOOPSCOPE_FUZZ_SOAK_FROM ?? randomInt(1_000_000, 2 ** 30));
ensureBuilt();
console.log(`fuzz soak: seeds from ${from}, ${Number.isFinite(maxPrograms) ? `${maxPrograms} programs` : `${seconds} s`}, 2 at a time`);

const started = Date.now();
const counts = { ok: 0, racy: 0, flaky: 0, failed: 0 };
let next = from;
const more = () => Date.now() - started < seconds * 1000 && next - from < maxPrograms;
async function worker() {
  while (more()) {
    const result = await checkCase(await buildCase(next++));
    counts[result.status]++;
    if (result.status === 'failed' || result.status === 'flaky') console.log(`\n${describeCase(result)}\n`);
  }
}
await Promise.all([worker(), worker()]);
const minutes = (Date.now() - started) / 60000;
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`fuzz soak: ${total} programs in ${(minutes * 60).toFixed(0)} s -> ${(total / minutes).toFixed(0)} programs/min; ok ${counts.ok}, failed ${counts.failed}, flaky ${counts.flaky}, racy (skipped) ${counts.racy}`);
