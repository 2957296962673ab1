// Every deterministic puzzle of ../shared/corpus (when present), instrumented with the stub runtime, must print
// exactly what plain node prints for it. Timing-dependent `x_*` files are skipped (NONDETERMINISTIC.md); a
// puzzle whose timers a loaded machine can reorder must print one of its valid orders (corpusRules.ts).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusAnnotations } from '../fidelity/corpusRules';
import { cleanupScratch, compareWithPlainNode } from './helpers/instrumentHarness';

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
      const { anyOrder, validOrders } = corpusAnnotations(name);
      if (anyOrder) {
        // two runs (plain and instrumented) may each print any valid order: each must be one of them
        for (const [who, out] of [['plain', run.plain.stdout], ['instrumented', run.instrumented.stdout]] as const) {
          const lines = out.trimEnd().split('\n');
          assert.ok(validOrders.some((o) => JSON.stringify(o) === JSON.stringify(lines)), `${who} stdout is a valid order:\n${out}`);
        }
      } else assert.equal(run.instrumented.stdout, run.plain.stdout, 'stdout');
      assert.deepEqual(run.instrumented.errors, run.plain.errors, `errors\n${run.instrumented.stderr}`);
      assert.equal(run.instrumented.status, run.plain.status, 'exit code');
      assert.ok(run.stats.counts.e > 0 || run.stats.counts.c > 0, 'the runtime was called');
    });
  }
});
