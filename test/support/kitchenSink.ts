// The kitchen-sink program of the viewer tests (test/browser/fixtures/kitchen-sink.js: frames, await, every
// queue, stderr, multi-line and hostile output) traced NOW by the current tracer, once per test process, so
// a tracer change shows in the viewer tests instead of hiding behind a recorded trace. Also the independent
// facts the tests check the viewer against: line numbers read from the program's own text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import type { RawTrace } from '../../src/shared/rawTrace';
import { ensureBuilt } from '../fidelity/ensureBuilt';

export const KITCHEN_SINK = path.resolve(__dirname, '..', 'browser', 'fixtures', 'kitchen-sink.js');

let traced: Promise<RawTrace> | undefined;

/** A fresh copy of the kitchen-sink trace (callers may mutate it); the tracer runs once per process. */
export async function kitchenSinkTrace(): Promise<RawTrace> {
  traced ??= (async () => {
    ensureBuilt();
    const raw = await traceFile({ file: KITCHEN_SINK });
    // the step numbers the tests use assume Node's order: the immediate (first loop turn) before the timer
    const runs = raw.events.filter((e) => e[0] === 'run').map((e) => raw.events.find((q) => q[0] === 'enqueue' && q[2] === e[2])?.[3] ?? 'script');
    assert.deepEqual(runs, ['script', 'microtask', 'immediate', 'timer'], 'kitchen-sink.js ran its tasks in this order');
    return raw;
  })();
  return structuredClone(await traced);
}

/** The 1-based line of the program's text that contains `snippet` (exactly one such line). */
export function lineOf(snippet: string, file = KITCHEN_SINK): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(snippet) ? [i + 1] : []));
  assert.equal(hits.length, 1, `exactly one line of ${path.basename(file)} contains ${JSON.stringify(snippet)}: ${hits.join(', ')}`);
  return hits[0];
}
