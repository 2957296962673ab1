// Delta-debugging minimizer for a failing fuzz seed: removes statements (largest first) while the program
// still fails the same way, then prints the smallest program found.
//   node --import tsx test/fuzz/minimize.ts SEED [--fixture NAME]
// --fixture writes it to test/fixtures/fuzz/NAME.js (the fidelity suite then runs it too).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { buildCase, checkCase, describeCase, type CaseResult } from './checkProgram';
import { describeLayout } from './layout';
import { generateProgram } from './generate';
import { eachPiece, type Block, type Code, type Program, type Stmt } from './program';

/** What kind of failure a problem list shows: a candidate must keep at least one of the same kinds. */
export function failureKinds(problems: string[]): Set<string> {
  return new Set(
    problems.map((p) => {
      if (p.startsWith('stdout')) return 'stdout';
      if (p.startsWith('stderr') || p.startsWith('traced stderr')) return 'stderr';
      if (p.startsWith('exit')) return 'exit';
      if (p.startsWith('queue discipline')) return 'discipline';
      if (/ printed by a .* task/.test(p)) return 'queue';
      return p.split(/[ :]/)[0];
    }),
  );
}

/** Every block of the tree, outermost first. */
function blocksOf(code: Code | Stmt): Block[] {
  const found: Block[] = [];
  eachPiece(code, (piece) => {
    if (piece.kind === 'block') found.push(piece);
  });
  return found;
}

export async function minimize(seed: number, log: (line: string) => void = () => undefined): Promise<CaseResult | undefined> {
  const program: Program = generateProgram(seed);
  let best = await checkCase(await buildCase(seed, program));
  if (best.status !== 'failed') return undefined;
  const kinds = failureKinds(best.problems);
  const stillFails = (r: CaseResult): boolean => r.status === 'failed' && [...failureKinds(r.problems)].some((k) => kinds.has(k));
  // the tree is edited in place: a removal that loses the failure is put back
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of blocksOf(program.body)) {
      for (let i = 0; i < b.stmts.length; i++) {
        const s = b.stmts[i];
        if (s.pinned) continue;
        b.stmts.splice(i, 1);
        const r = await checkCase(await buildCase(seed, program), false);
        if (stillFails(r)) {
          best = r;
          changed = true;
          log(`removed a statement: ${best.fuzzCase.source.length} chars left`);
          i--;
        } else {
          b.stmts.splice(i, 0, s);
        }
      }
    }
  }
  // the final program must fail on a confirmed run too
  const confirmed = await checkCase(await buildCase(seed, program));
  return confirmed.status === 'failed' ? confirmed : best;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seed = Number(args[0]);
  if (!Number.isInteger(seed)) throw new Error('usage: node --import tsx test/fuzz/minimize.ts SEED [--fixture NAME]');
  const fixtureAt = args.indexOf('--fixture');
  ensureBuilt();
  const result = await minimize(seed, (line) => console.error(line));
  if (!result) {
    console.log(`seed ${seed} does not fail (or plain node is not deterministic on it)`);
    return;
  }
  console.log(describeCase(result));
  if (fixtureAt >= 0) {
    const name = args[fixtureAt + 1];
    const file = path.resolve(__dirname, '../fixtures/fuzz', `${name}.js`);
    const header = [
      `// Found by the fuzzer (test/fuzz), seed ${seed}, minimized; layout ${describeLayout(result.fuzzCase.layout)}.`,
      ...result.problems.slice(0, 3).flatMap((p) => p.split('\n').slice(0, 1)).map((p) => `// ${p}`),
    ];
    writeFileSync(file, `${header.join('\n')}\n${result.fuzzCase.source}`);
    console.log(`written: ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
