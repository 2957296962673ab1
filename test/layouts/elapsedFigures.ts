// The examples print measured durations ("ran after 204 ms", "in ~450 ms"): those figures differ between any
// two runs, traced or not. As test/cli/examples.test.ts does, the stdout comparison of an example ignores the
// digits before " ms" and nothing else; every other check of runFidelity stands.

import type { FidelityResult } from '../fidelity/runFixture';
import { tracedOutput } from '../fidelity/compare';
import { outputLines } from '../fidelity/oracle';

const withoutFigures = (lines: string[]): string[] => lines.map((l) => l.replace(/\d+ ms/g, 'N ms'));

/** compare.ts words an exact stdout mismatch this way (sameLines('stdout', ...)). */
const EXACT_STDOUT_PROBLEM = 'stdout differs at line ';

/** runFidelity's problems, with its exact stdout comparison replaced by one that ignores elapsed figures. */
export function problemsIgnoringElapsedFigures(result: FidelityResult): string[] {
  if (!result.raw || !result.oracle) return result.problems;
  const others = result.problems.filter((p) => !p.startsWith(EXACT_STDOUT_PROBLEM));
  const traced = withoutFigures(tracedOutput(result.raw).stdout);
  const node = withoutFigures(outputLines(result.oracle.stdout));
  const same = traced.length === node.length && traced.every((line, i) => line === node[i]);
  if (same) return others;
  return [...others, `stdout differs (elapsed figures aside):\n  traced: ${JSON.stringify(traced)}\n  node: ${JSON.stringify(node)}`];
}
