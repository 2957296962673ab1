// Traces one CPU workload with the default options and prints, as one JSON line, its own last console line
// (its timing) and the run's tracing figures (used by bench/run.mjs, section 2b).
import path from 'node:path';
import { traceFile } from '../src/core/runTraced';

async function main(): Promise<void> {
  const raw = await traceFile({ file: path.resolve(process.argv[2]), timeoutMs: 120_000 });
  const lines = raw.events.filter((e) => e[0] === 'console').map((e) => String(e[3]));
  const tracing = raw.meta.tracing;
  console.log(JSON.stringify({
    last: lines[lines.length - 1] ?? '',
    reason: raw.meta.exit.reason,
    events: raw.events.length,
    foldedCalls: tracing?.foldedCalls ?? 0,
    overheadMs: tracing?.overheadMs ?? null,
  }));
}
void main();
