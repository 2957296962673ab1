// The shared acceptance corpus (../shared/corpus beside the repo), when it exists: every program traced vs
// plain node, judged by the corpus rules (corpusRules.ts: exit reason from node's run, x_* as multisets,
// valid orders where node itself prints more than one).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusAnnotations, corpusFidelityOptions, CORPUS_PROGRAM } from './corpusRules';
import { ensureBuilt } from './ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from './runFixture';

const repoRoot = path.resolve(__dirname, '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');

const programs = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => CORPUS_PROGRAM.test(f)).sort() : [];

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
      return runFidelity(file, corpusAnnotations(name), corpusFidelityOptions(name, source));
    });
  });

  for (const name of programs) {
    it(name, async () => {
      const result = await results.get(name)!;
      assert.deepEqual(result.problems, [], `${name}:\n${result.problems.join('\n')}`);
    });
  }
});
