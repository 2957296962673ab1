// The shared acceptance corpus (../shared/corpus beside the repo), when it exists: every deterministic
// c* program traced vs plain node; x_* programs are timing-sensitive, so only the multiset of printed lines
// is compared (plus the queue discipline). The corpus files carry no annotations: the expected exit reason
// is read from node's own run.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations } from './annotations';
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

function reasonFor(source: string): (oracle: OracleRun) => ExitReason {
  return (oracle) => {
    if (/process\.exit\(/.test(source) && !oracle.stderr.includes('    at ')) return 'process-exit';
    if (oracle.code !== 0) return 'uncaught-error';
    return 'completed';
  };
}

const programs = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => PROGRAM.test(f)).sort() : [];

(programs.length > 0 ? describe : describe.skip)('fidelity: ../shared/corpus vs plain node', function () {
  this.timeout(60_000);
  let results: Map<string, Promise<FidelityResult>>;

  before(() => {
    ensureBuilt();
    results = startPool(programs, 2, (name) => {
      const file = path.join(corpusDir, name);
      const source = readFileSync(file, 'utf8');
      // corpus files have no annotations; this only fills in the defaults
      const ann = parseFixtureAnnotations('');
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
