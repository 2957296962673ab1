// The examples print measured durations ("ran after 204 ms", "in ~450 ms"): those figures differ between any
// two runs, traced or not. As test/cli/examples.test.ts does, the stdout comparison of an example ignores the
// digits before " ms" and nothing else; every other check of runFidelity stands.

import type { FidelityResult } from '../fidelity/runFixture';
import { tracedOutput } from '../fidelity/compare';
import { outputLines } from '../fidelity/oracle';
import type { RawTrace } from '../../src/shared/rawTrace';

const withoutFigures = (lines: string[]): string[] => lines.map((l) => l.replace(/\d+ ms/g, 'N ms'));

/** compare.ts words an exact stdout mismatch this way (sameLines('stdout', ...)). */
const EXACT_STDOUT_PROBLEM = 'stdout differs at line ';

/** runFidelity's problems, with its exact stdout comparison replaced by one that ignores elapsed figures. */
export function problemsIgnoringElapsedFigures(result: FidelityResult): string[] {
  if (!result.raw || !result.oracle) return result.problems;
  const others = result.problems.filter((p) => !p.startsWith(EXACT_STDOUT_PROBLEM));
  const node = withoutFigures(outputLines(result.oracle.stdout));
  if (result.raw.threads !== undefined) return [...others, ...threadsProblems(result.raw, node)];
  const traced = withoutFigures(tracedOutput(result.raw).stdout);
  const same = traced.length === node.length && traced.every((line, i) => line === node[i]);
  if (same) return others;
  return [...others, `stdout differs (elapsed figures aside):\n  traced: ${JSON.stringify(traced)}\n  node: ${JSON.stringify(node)}`];
}

/**
 * Worker threads (examples/07-worker-threads.js): plain node interleaves the threads' lines as it happens to.
 * Together they are node's lines, and each thread's lines come in node's order.
 */
function threadsProblems(raw: RawTrace, node: string[]): string[] {
  const threads = [raw.events, ...(raw.threads ?? []).map((t) => t.events)].map((events) => withoutFigures(tracedOutput({ ...raw, events }).stdout));
  const all = threads.flat();
  if (JSON.stringify([...all].sort()) !== JSON.stringify([...node].sort())) {
    return [`stdout lines differ from node's (threads together):\n  traced: ${JSON.stringify(all)}\n  node: ${JSON.stringify(node)}`];
  }
  const problems: string[] = [];
  for (const own of threads) {
    const inNodeOrder = node.filter((l) => own.includes(l));
    if (JSON.stringify(inNodeOrder) !== JSON.stringify(own)) problems.push(`a thread's lines are not in node's order:\n  traced: ${JSON.stringify(own)}\n  node: ${JSON.stringify(inNodeOrder)}`);
  }
  return problems;
}
