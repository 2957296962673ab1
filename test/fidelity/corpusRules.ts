// How the shared corpus (../shared/corpus) is judged, by test/fidelity/corpus.test.ts and by the layouts suite
// alike: its files carry no annotations, so the exit reason comes from node's own run; x_* programs are
// timing-sensitive (only the multiset of printed lines is compared); a few c* programs have more than one
// order that Node itself prints, and are checked against that list of valid orders.

import type { ExitReason } from '../../src/shared/rawTrace';
import { parseFixtureAnnotations, type FixtureAnnotations } from './annotations';
import type { OracleRun } from './oracle';
import type { FidelityOptions } from './runFixture';
import { testNodeMajor } from '../support/testNode';

export const CORPUS_PROGRAM = /^[cx].*\.(js|mjs|ts)$/;

/** Lines a timing-sensitive program may legitimately print instead of each other (NONDETERMINISTIC.md). */
const INTERCHANGEABLE: Record<string, string[][]> = {
  'x_c29_timing_sensitive.ts': [['race winner fast', 'race winner slow']],
};

/**
 * Programs whose order plain node itself prints more than one way, with every order it can print:
 * - c22: the module's second `await` resumes from an immediate, and the 0 ms timer it set up races it: on
 *   Node >= 22 about 1 run in 6 has the timer first, on Node 20 only under load (a CI run with two CPU hogs
 *   beside it printed the timer first);
 * - c14, c15, c35: deterministic on an idle machine, but a process stalled for a few ms on a loaded 2-core
 *   machine (CI) lets a later timer's due time pass first: c14's 10 ms interval was created before the 1 ms
 *   timeout, c15's 5 ms timer after the 10 ms one, c35's 20 ms timeout overtakes the 1 ms interval's second
 *   run. Plain node was seen doing each under load (c14: the unit layer beside other test runs).
 */
const VALID_ORDERS: Record<string, { fromNodeMajor: number; orders: string[][] }> = {
  'c22_esm_tla.mjs': {
    fromNodeMajor: 0,
    orders: [
      ['before TLA', 'micro 1', 'after TLA 1', 'tick 1', 'tick 2', 'after TLA 2 (immediate)', 'timeout'],
      ['before TLA', 'micro 1', 'after TLA 1', 'tick 1', 'tick 2', 'timeout', 'after TLA 2 (immediate)'],
    ],
  },
  'c14_interval_and_timeouts.js': {
    fromNodeMajor: 0,
    orders: [
      ['timeout 1', 'interval 1', 'interval 2', 'interval 3', 'timeout 300 (after the interval is cleared)'],
      ['interval 1', 'timeout 1', 'interval 2', 'interval 3', 'timeout 300 (after the interval is cleared)'],
    ],
  },
  'c15_timeout_blocking.js': {
    fromNodeMajor: 0,
    orders: [
      ['sync done', 't5', 't10', 'micro after t10', 'immediate'],
      ['sync done', 't10', 'micro after t10', 't5', 'immediate'],
    ],
  },
  'c35_interval_clear_in_microtask.js': {
    fromNodeMajor: 0,
    orders: [
      ['interval 1', 'interval 2', 'cleared in microtask', 'timeout 20'],
      ['interval 1', 'timeout 20', 'interval 2', 'cleared in microtask'],
    ],
  },
};

/** The annotations a corpus program is checked with (the files carry none: defaults, or its valid orders). */
export function corpusAnnotations(name: string): FixtureAnnotations {
  const ann = parseFixtureAnnotations('');
  const valid = VALID_ORDERS[name];
  if (valid && testNodeMajor() >= valid.fromNodeMajor) return { ...ann, anyOrder: true, validOrders: valid.orders };
  return ann;
}

function reasonFor(source: string): (oracle: OracleRun) => ExitReason {
  return (oracle) => {
    if (/process\.exit\(/.test(source) && !oracle.stderr.includes('    at ')) return 'process-exit';
    if (oracle.code !== 0) return 'uncaught-error';
    return 'completed';
  };
}

/** `source` is the ORIGINAL program's text: a minifier keeps `process.exit(` but the rule reads the original. */
export function corpusFidelityOptions(name: string, source: string): FidelityOptions {
  return {
    reasonFromOracle: reasonFor(source),
    multisetOnly: name.startsWith('x_') ? { interchangeable: INTERCHANGEABLE[name] ?? [] } : undefined,
  };
}
