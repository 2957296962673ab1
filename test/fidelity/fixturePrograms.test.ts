// (Named fixturePrograms, not fixtures: test/run-all.mjs skips any test path containing "fixtures".)
// Every program in test/fixtures/ traced vs plain node (the oracle): same stdout, stderr and exit code,
// each annotated line printed from the queue the fixture says, queue lengths as annotated, and no
// queue-discipline violation in the raw trace.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations } from './annotations';
import { listFixtures } from './fixtureList';
import { ensureBuilt } from './ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from './runFixture';

const fixturesRoot = path.resolve(__dirname, '../fixtures');
const fixtures = listFixtures(fixturesRoot);
const only = process.env.LOOPSCOPE_FIXTURE; // e.g. LOOPSCOPE_FIXTURE=cjs/timers to run a subset
const selected = only ? fixtures.filter((f) => f.includes(only)) : fixtures;

describe('fidelity: test/fixtures vs plain node', function () {
  this.timeout(60_000);
  let results: Map<string, Promise<FidelityResult>>;

  before(() => {
    ensureBuilt();
    results = startPool(selected, 2, (rel) => {
      const file = path.join(fixturesRoot, rel);
      return runFidelity(file, parseFixtureAnnotations(readFileSync(file, 'utf8')));
    });
  });

  it('has at least 40 fixture programs', () => {
    assert.ok(fixtures.length >= 40, `only ${fixtures.length} fixtures`);
  });

  for (const rel of selected) {
    it(rel, async () => {
      const result = await results.get(rel)!;
      assert.deepEqual(result.problems, [], `${rel}:\n${result.problems.join('\n')}`);
    });
  }
});
