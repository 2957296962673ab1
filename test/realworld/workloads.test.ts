// Real library code under the tracer: each program of test/realworld/workloads/ (acorn, magic-string, d3-array,
// semver, esbuild's JS API, all from the project's node_modules) runs plain and traced, with the event cap and
// timeout its `// @options` line raises; stdout, stderr and exit code must be node's. Only the entry file is
// instrumented: the libraries run as they are, but their callbacks, promises, timers and esbuild's child process
// all go through the tracer's hooks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations } from '../fidelity/annotations';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from '../fidelity/runFixture';
import { processesInFolder } from './processesInFolder';

const workloadsRoot = path.join(__dirname, 'workloads');
const WORKLOADS = ['acornParse.cjs', 'magicStringEdits.mjs', 'd3Statistics.mjs', 'semverRanges.cjs', 'esbuild/transformTs.cjs'];

describe('real-world workloads: traced vs plain node', function () {
  this.timeout(600_000);
  let results: Map<string, Promise<FidelityResult>>;

  before(() => {
    ensureBuilt();
    // runFidelity runs node then the traced child one after the other: 2 jobs = at most 2 programs at a time
    results = startPool(WORKLOADS, 2, (rel) => {
      const file = path.join(workloadsRoot, rel);
      return runFidelity(file, parseFixtureAnnotations(readFileSync(file, 'utf8')));
    });
  });

  for (const rel of WORKLOADS) {
    it(rel, async () => {
      const result = await results.get(rel)!;
      const events = result.raw?.events.length ?? 0;
      const lines = result.oracle?.stdout.split('\n').length ?? 0;
      console.log(`      ${rel}: ${events} events, ${lines} lines of output, traced run ${result.tracedMs} ms`);
      assert.deepEqual(result.problems, [], `${rel}:\n${result.problems.join('\n')}`);
      assert.ok(events > 100, `${rel}: only ${events} events: the tracer saw nothing of the library's work`);
    });
  }

  it('esbuild/transformTs.cjs leaves no process behind (esbuild service stopped)', async () => {
    await results.get('esbuild/transformTs.cjs')!;
    assert.deepEqual(processesInFolder(path.join(workloadsRoot, 'esbuild')), []);
  });
});
