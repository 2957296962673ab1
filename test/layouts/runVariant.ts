// One program in one layout: produce the variant, write it into a copy of the program's folder, and run it
// plain and traced (runFidelity). Line annotations are dropped unless the variant is the original (lines
// move); the rest of the annotations (reason, module, options, orders, oracle timeout, time limit) stand.

import { nodeModuleFormat } from '../fidelity/oracle';
import { runFidelity } from '../fidelity/runFixture';
import { problemsIgnoringElapsedFigures } from './elapsedFigures';
import type { LayoutProgram } from './programs';
import { makeVariantFolder } from './variantFolder';
import { ORIGINAL, type Variant, type VariantOutput } from './variants';

export type VariantOutcome = { kind: 'ran'; problems: string[] } | { kind: 'skipped'; reason: string };

export async function runVariant(program: LayoutProgram, variant: Variant): Promise<VariantOutcome> {
  const module = nodeModuleFormat(program.file, program.annotations);
  let produced: VariantOutput;
  try {
    produced = await variant.produce({ file: program.file, source: program.source, module });
  } catch (e) {
    // the formatter or minifier rejects this program: nothing to compare
    return { kind: 'skipped', reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] };
  }
  const folder = await makeVariantFolder(program.file, produced.fileName, produced.code);
  try {
    const annotations = variant === ORIGINAL ? program.annotations : { ...program.annotations, lines: [] };
    const result = await runFidelity(folder.file, annotations, program.options);
    return { kind: 'ran', problems: program.elapsedFigures ? problemsIgnoringElapsedFigures(result) : result.problems };
  } finally {
    await folder.remove();
  }
}
