// Metamorphic fidelity: every fixture, corpus program and example, reformatted by Prettier (print width 20
// and 200, no semicolons) and minified by esbuild (whitespace; syntax for JavaScript), must still trace
// exactly like plain node runs that same variant. A layout-dependent instrumenter edit (a `return` followed
// by a newline, a statement glued to the previous one without `;`) shows up here as a mismatch.
// The multi-file projects (test/fixtures/projects/*) too: every module of the project rewritten in each layout
// (projectLayouts.ts). LOOPSCOPE_LAYOUT=cjs/timers runs only the matching programs (substring of `program [variant]`).

import assert from 'node:assert/strict';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { startPool } from '../fidelity/runFixture';
import { layoutPrograms, type LayoutProgram } from './programs';
import { runVariant, type VariantOutcome } from './runVariant';
import { LAYOUT_VARIANTS, ORIGINAL, type Variant } from './variants';
import { layoutProjects, runProjectVariant, type LayoutProject } from './projectLayouts';
import path from 'node:path';

interface Run {
  key: string;
  program: LayoutProgram | LayoutProject;
  variant: Variant;
}

const programs = layoutPrograms();
const allRuns: Run[] = programs.flatMap((program) =>
  [...(program.alsoOriginal ? [ORIGINAL] : []), ...LAYOUT_VARIANTS]
    .filter((variant) => variant.appliesTo(program.file))
    .map((variant) => ({ key: `${program.id} [${variant.name}]`, program, variant })),
);
const projects = layoutProjects(path.resolve(__dirname, '../fixtures'));
for (const project of projects) {
  for (const variant of LAYOUT_VARIANTS) allRuns.push({ key: `${project.id} [${variant.name}]`, program: project, variant });
}
const only = process.env.LOOPSCOPE_LAYOUT;
const runs = only ? allRuns.filter((r) => r.key.includes(only)) : allRuns;

describe('layouts: every program reformatted and minified, traced vs plain node', function () {
  // a test waits for its turn in the pool (two runs at a time) before its own run
  this.timeout(120_000);
  let outcomes: Map<string, Promise<VariantOutcome>>;
  const skipped: string[] = [];
  let started = 0;

  before(() => {
    ensureBuilt();
    started = Date.now();
    const byKey = new Map(runs.map((r) => [r.key, r]));
    outcomes = startPool([...byKey.keys()], 2, (key) => {
      const run = byKey.get(key)!;
      return 'modules' in run.program ? runProjectVariant(run.program, run.variant) : runVariant(run.program, run.variant);
    });
  });

  after(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const ranPrograms = new Set(runs.map((r) => r.program.id)).size;
    const variantNames = [ORIGINAL, ...LAYOUT_VARIANTS].map((v) => v.name).filter((name) => runs.some((r) => r.variant.name === name));
    console.log(`layouts: ${ranPrograms} programs x ${variantNames.length} variants (${variantNames.join(', ')}) = ${runs.length} runs in ${seconds} s, ${skipped.length} skipped`);
    for (const s of skipped) console.log(`  skipped ${s}`);
  });

  it('finds the fixtures, the corpus and the examples', () => {
    assert.ok(programs.filter((p) => p.id.startsWith('examples/')).length >= 5, 'examples missing');
    assert.ok(programs.length >= 45, `only ${programs.length} programs`);
    assert.ok(projects.length >= 4 && projects.every((p) => p.modules.length >= 2), `projects: ${JSON.stringify(projects.map((p) => [p.id, p.modules]))}`);
  });

  for (const run of runs) {
    it(run.key, async function () {
      const outcome = await outcomes.get(run.key)!;
      if (outcome.kind === 'skipped') {
        skipped.push(`${run.key}: ${outcome.reason}`);
        this.skip();
      }
      assert.deepEqual(outcome.problems, [], `${run.key}:\n${outcome.problems.join('\n')}`);
    });
  }
});
