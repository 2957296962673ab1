// Every deterministic puzzle of ../shared/corpus (when present), instrumented with the stub runtime, must print
// exactly what plain node prints for it. Timing-dependent `x_*` files are skipped (NONDETERMINISTIC.md).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cleanupScratch, compareWithPlainNode } from './helpers/instrumentHarness';
import { corpusAnnotations } from '../fidelity/corpusRules';

const corpusDir = resolve(__dirname, '../../../shared/corpus');
const puzzles = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((name) => /^c\d+.*\.(js|mjs|cjs|ts)$/.test(name)).sort()
  : [];

describe('instrumentSource on the event-loop corpus (plain node oracle, stub runtime)', function () {
  this.timeout(60_000);
  after(cleanupScratch);

  if (puzzles.length === 0) it.skip('corpus not found beside the repo');
  for (const name of puzzles) {
    it(name, async () => {
      const run = await compareWithPlainNode(readFileSync(join(corpusDir, name), 'utf8'), name);
      const valid = corpusAnnotations(name).validOrders;
      if (valid && valid.length > 0) {
        // a program Node itself prints more than one way (corpusRules.ts): any of its orders, on either side
        const lines = (out: string): string => JSON.stringify(out.trimEnd().split('\n'));
        const orders = valid.map((o) => JSON.stringify(o));
        assert.ok(orders.includes(lines(run.instrumented.stdout)), `stdout not an order node prints:\n${run.instrumented.stdout}`);
      } else assert.equal(run.instrumented.stdout, run.plain.stdout, 'stdout');
      assert.deepEqual(run.instrumented.errors, run.plain.errors, `errors\n${run.instrumented.stderr}`);
      assert.equal(run.instrumented.status, run.plain.status, 'exit code');
      assert.ok(run.stats.counts.e > 0 || run.stats.counts.c > 0, 'the runtime was called');
    });
  }
});
