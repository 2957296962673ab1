// Every fixture again with a call budget of 0: every call of the user's functions counted, none recorded (the
// folded path of src/runtime/foldedCalls.ts everywhere), still checked against plain node like the fixtures
// themselves: output, exit, the annotated queues and lines, queue discipline. Hot code past the budget takes
// this path; here every program does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations } from './annotations';
import { listFixtures } from './fixtureList';
import { ensureBuilt } from './ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from './runFixture';

const fixturesRoot = path.resolve(__dirname, '../fixtures');
const fixtures = listFixtures(fixturesRoot);

describe('fidelity: test/fixtures with every call counted, not recorded (call budget 0)', function () {
  this.timeout(60_000);
  let results: Map<string, Promise<FidelityResult>>;

  before(() => {
    ensureBuilt();
    results = startPool(fixtures, 2, (rel) => {
      const file = path.join(fixturesRoot, rel);
      const ann = parseFixtureAnnotations(readFileSync(file, 'utf8'));
      return runFidelity(file, { ...ann, options: { ...ann.options, callBudget: 0 } });
    });
  });

  for (const rel of fixtures) {
    it(rel, async () => {
      const result = await results.get(rel)!;
      assert.deepEqual(result.problems, [], `${rel}:\n${result.problems.join('\n')}`);
      assert.equal(result.raw?.events.some((e) => e[0] === 'enter'), false, 'no call recorded');
    });
  }
});
