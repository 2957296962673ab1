// Real-world code, not just puzzles: every .js/.cjs/.mjs file of the project's own node_modules (thousands of
// files from hundreds of authors, minified bundles included) through transpileSource + instrumentSource as
// Loopscope runs a user's plain JS. instrumentSource must never throw, its output must parse again with acorn
// in the same mode, and it must be the same program plus the injected calls (sameProgram.ts). Files acorn cannot
// parse in the format Node gives them (Flow, JSX, ESM syntax in a CommonJS package) are counted, not judged.

import assert from 'node:assert/strict';
import path from 'node:path';
import { parse } from 'acorn';
import { listJsFiles, scanInWorkers, type FailedCheck, type ScanSummary } from './nodeModulesScan';
import { firstProgramDifference } from './sameProgram';

const nodeModules = path.resolve(__dirname, '../../node_modules');
/** Bigger files (a few generated bundles) would double the run time for little news. */
const MAX_BYTES = 2 * 1024 * 1024;
const MAX_LISTED = 30;

function describeFailure(f: FailedCheck): string {
  const rel = path.relative(nodeModules, f.file);
  const excerpt = f.excerpt === '' ? '' : `\n      ${JSON.stringify(f.excerpt)}`;
  return `  ${rel} (${f.module}) ${f.stage}: ${f.message}${f.position === '' ? '' : ` at ${f.position}`}${excerpt}`;
}

function report(s: ScanSummary): string {
  return [
    `${s.instrumented} files instrumented (${s.cjs} cjs, ${s.esm} esm) from ${s.packages} packages in ${s.seconds.toFixed(1)} s (${s.workers} worker threads)`,
    `${s.failures.length} failed`,
    `skipped: ${s.unparseable.length} not parseable as JS in the format Node gives them (not the instrumenter's fault), ${s.tooLarge.length} above ${MAX_BYTES / 1024 / 1024} MB`,
    ...s.unparseable.map((f) => `  not parseable: ${path.relative(nodeModules, f)}`),
    ...s.tooLarge.map((f) => `  too large: ${path.relative(nodeModules, f)}`),
  ].join('\n');
}

describe('real-world code: instrumenting every file of node_modules', function () {
  this.timeout(600_000);

  it('the same-program check looks through the injected calls and sees a changed program', () => {
    const tree = (code: string) => parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
    const R = '__ls_1';
    const user = 'function g(x) { if (x) return "c"; setTimeout(() => 1) }';
    const faithful = `function g(x) {const ${R}f=${R}.e(0);try{ if (x) {${R}.l=1;return "c";} ${R}.l=1;setTimeout(${R}.c(1,() =>{return 1})) }finally{${R}.x(${R}f);}}`;
    assert.equal(firstProgramDifference(tree(user), tree(faithful), R), null);
    const cutReturn = faithful.replace('return "c"', 'return\n"c"');
    assert.match(firstProgramDifference(tree(user), tree(cutReturn), R)?.what ?? 'no difference found', /1 statements became 2/);
    // a fast copy (src/core/instrument/fastCopy.ts) is looked through once it is the body as written
    const leaf = 'function h(x) { for (;;) x++; return x + 1 }';
    const guard = `if(--${R}.n<0)${R}.g();`;
    const fast = `function h(x) {if(${R}.h){${R}.k[0]++;${R}.k[1]++;{ for (;;) {${guard}x++;} return x + 1 }return;}const ${R}f=${R}.e(0);try{ ${R}.l=1;for (;;) {${guard}${R}.l=1;x++;} ${R}.l=1;return x + 1 }finally{${R}.x(${R}f);}}`;
    assert.equal(firstProgramDifference(tree(leaf), tree(fast), R), null);
    const wrongCopy = fast.replace('x++;} return x + 1 }return', 'x++;} return x + 2 }return');
    assert.match(firstProgramDifference(tree(leaf), tree(wrongCopy), R)?.what ?? 'no difference found', /literal 1 became 2/);
    const directive = '"use strict"; f()';
    assert.notEqual(firstProgramDifference(tree(directive), tree(`${R}.l=1;"use strict"; ${R}.l=1;f()`), R), null);
  });

  it('never throws, always parses again, changes nothing but the injected calls', async () => {
    const files = listJsFiles(nodeModules);
    const summary = await scanInWorkers({ files, maxBytes: MAX_BYTES }, 2);
    console.log(report(summary).replace(/^/gm, '      '));
    assert.ok(summary.instrumented >= 1000 && summary.packages >= 100, `only ${summary.instrumented} files from ${summary.packages} packages: is node_modules installed?`);
    const listed = summary.failures.slice(0, MAX_LISTED).map(describeFailure);
    if (summary.failures.length > MAX_LISTED) listed.push(`  … and ${summary.failures.length - MAX_LISTED} more`);
    assert.equal(summary.failures.length, 0, `${summary.failures.length} of ${summary.instrumented + summary.failures.length} files failed:\n${listed.join('\n')}`);
  });
});
