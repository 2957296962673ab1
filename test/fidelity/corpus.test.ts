// The shared acceptance corpus (../shared/corpus beside the repo), when it exists: every deterministic
// c* program traced vs plain node; x_* programs are timing-sensitive, so only the multiset of printed lines
// is compared (plus the queue discipline). The corpus files carry no annotations: the expected exit reason
// is read from node's own run.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations, type FixtureAnnotations } from './annotations';
import { testNodeMajor } from '../support/testNode';
import type { OracleRun } from './oracle';
import { ensureBuilt } from './ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from './runFixture';
import type { ExitReason } from '../../src/shared/rawTrace';

const repoRoot = path.resolve(__dirname, '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const PROGRAM = /^[cx].*\.(js|mjs|ts)$/;

/** Lines a timing-sensitive program may legitimately print instead of each other (NONDETERMINISTIC.md). */
const INTERCHANGEABLE: Record<string, string[][]> = {
  'x_c29_timing_sensitive.ts': [['race winner fast', 'race winner slow']],
};

/**
 * Programs whose order the Node version running them prints both ways (seen in plain node, not only traced):
 * tested for a valid order there. c22: on Node >= 22 the module's second `await` resumes from an immediate,
 * and the 0 ms timer it set up races it (about 1 run in 6 has the timer first).
 */
const VALID_ORDERS: Record<string, { fromNodeMajor: number; orders: string[][] }> = {
  'c22_esm_tla.mjs': {
    fromNodeMajor: 22,
    orders: [
      ['before TLA', 'micro 1', 'after TLA 1', 'tick 1', 'tick 2', 'after TLA 2 (immediate)', 'timeout'],
      ['before TLA', 'micro 1', 'after TLA 1', 'tick 1', 'tick 2', 'timeout', 'after TLA 2 (immediate)'],
    ],
  },
};

function annotationsFor(name: string): FixtureAnnotations {
  // corpus files have no annotations: this only fills in the defaults
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

const programs = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => PROGRAM.test(f)).sort() : [];

describe('fidelity: ../shared/corpus vs plain node', function () {
  // a missing corpus is counted as skipped in the summary line, never a silent pass
  if (programs.length === 0) it.skip(`../shared/corpus not found at ${corpusDir}: the corpus was not run`);
  this.timeout(60_000);
  let results: Map<string, Promise<FidelityResult>>;

  before(() => {
    ensureBuilt();
    results = startPool(programs, 2, (name) => {
      const file = path.join(corpusDir, name);
      const source = readFileSync(file, 'utf8');
      const ann = annotationsFor(name);
      const timing = name.startsWith('x_');
      return runFidelity(file, ann, {
        reasonFromOracle: reasonFor(source),
        multisetOnly: timing ? { interchangeable: INTERCHANGEABLE[name] ?? [] } : undefined,
      });
    });
  });

  for (const name of programs) {
    it(name, async () => {
      const result = await results.get(name)!;
      assert.deepEqual(result.problems, [], `${name}:\n${result.problems.join('\n')}`);
    });
  }
});
