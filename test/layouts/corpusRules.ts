// How the shared corpus (../shared/corpus) is judged, as test/fidelity/corpus.test.ts judges it: its files
// carry no annotations, so the exit reason comes from node's own run, and x_* programs are timing-sensitive
// (only the multiset of printed lines is compared). Kept in step with corpus.test.ts by hand: that file
// exports nothing a second suite could import without registering its own tests.

import type { ExitReason } from '../../src/shared/rawTrace';
import type { OracleRun } from '../fidelity/oracle';
import type { FidelityOptions } from '../fidelity/runFixture';

/** Lines a timing-sensitive program may legitimately print instead of each other (NONDETERMINISTIC.md). */
const INTERCHANGEABLE: Record<string, string[][]> = {
  'x_c29_timing_sensitive.ts': [['race winner fast', 'race winner slow']],
};

export const CORPUS_PROGRAM = /^[cx].*\.(js|mjs|ts)$/;

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
