// Traces one program with the event cap raised and prints its figures as one JSON line (used by bench/run.mjs).
import path from 'node:path';
import { traceFile } from '../src/core/runTraced';
import { buildModel } from '../src/shared/model';

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2]);
  const t0 = performance.now();
  const raw = await traceFile({ file, maxEvents: 5_000_000, timeoutMs: 120_000 });
  const totalMs = performance.now() - t0;
  const t1 = performance.now();
  const model = buildModel(raw);
  const modelMs = performance.now() - t1;
  const figures = { runMs: raw.meta.timings.run, totalMs, events: raw.events.length, reason: raw.meta.exit.reason, modelMs, steps: model.stepCount };
  console.log(JSON.stringify(figures));
}
void main();
