// Differential fuzzing: generated async programs (generate.ts) in random layouts (layout.ts), traced and
// compared with plain node. A failing program is printed whole (seed, layout, source, problems); rerun it
// with LOOPSCOPE_FUZZ_SEED=N, minimize it with `node --import tsx test/fuzz/minimize.ts N`.
// LOOPSCOPE_FUZZ_PROGRAMS sets how many programs (default 1000).

import assert from 'node:assert/strict';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { startPool } from '../fidelity/runFixture';
import { buildCase, checkCase, describeCase, type CaseResult } from './checkProgram';
import { ciSeeds, namedSeeds, programCount } from './seeds';

const CHUNK = 50;
/** Above this share of skipped (racy in plain node) programs the generator's race rules need work. */
const MAX_RACY_SHARE = 0.05;

const named = namedSeeds();
const { seeds, fresh } = named ? { seeds: named, fresh: undefined } : ciSeeds(programCount());
const chunks: number[][] = [];
for (let i = 0; i < seeds.length; i += CHUNK) chunks.push(seeds.slice(i, i + CHUNK));

describe('fuzz: generated programs traced vs plain node', function () {
  this.timeout(600_000);
  let results: Map<string, Promise<CaseResult>>;
  const settled: CaseResult[] = [];
  const started = Date.now();

  before(() => {
    ensureBuilt();
    if (fresh !== undefined) console.log(`      fuzz: fresh seed ${fresh} (rerun: LOOPSCOPE_FUZZ_SEED=${fresh})`);
    results = startPool(seeds.map(String), 2, async (seed) => checkCase(await buildCase(Number(seed))));
  });

  for (const chunk of chunks) {
    it(`seeds ${chunk[0]}${chunk.length > 1 ? `..${chunk[chunk.length - 1]}` : ''} (${chunk.length} programs)`, async () => {
      const chunkResults = await Promise.all(chunk.map((s) => results.get(String(s))!));
      settled.push(...chunkResults);
      // a failure seen once and not again on a second traced run: printed, not failed (see README in this folder)
      for (const r of chunkResults.filter((r) => r.status === 'flaky')) console.log(`      fuzz: flaky (passed on retry)\n${describeCase(r)}`);
      const failed = chunkResults.filter((r) => r.status === 'failed');
      assert.equal(failed.length, 0, `${failed.length} of ${chunk.length} programs differ from plain node:\n\n${failed.map(describeCase).join('\n\n')}`);
    });
  }

  it('skips few programs as racy in plain node', () => {
    const racy = settled.filter((r) => r.status === 'racy');
    const minutes = (Date.now() - started) / 60000;
    console.log(`      fuzz: ${settled.length} programs, ${racy.length} racy (skipped), ${(settled.length / minutes).toFixed(0)} programs/min`);
    assert.ok(racy.length <= Math.max(1, settled.length * MAX_RACY_SHARE), `racy seeds: ${racy.map((r) => r.fuzzCase.seed).join(', ')}`);
  });
});
