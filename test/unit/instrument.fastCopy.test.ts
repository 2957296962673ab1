// The fast copies of function bodies (src/core/instrument/fastCopy.ts): which functions get one, what it holds
// (the body as written, loop guards, no line markers), and that an error thrown in one is reported where the
// user wrote it (plain node's stack as the oracle, the composed source map read back).
import assert from 'node:assert/strict';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { cleanupScratch, compareWithPlainNode, instrumentSnippet } from './helpers/instrumentHarness';

/** The instrumented code without its inline source map comment. */
function body(code: string): string {
  return code.slice(0, code.indexOf('//# sourceMappingURL='));
}

/** Whether function probe `probe` got a fast copy (its counter is bumped only there). */
function hasCopy(code: string, probe: number): boolean {
  return code.includes(`__ls_1.k[${probe + 1}]++;`);
}

/** The `at fn (file:line:column)` frames of a stack in stderr, for one function name. */
function framesOf(stderr: string, fn: string): string[] {
  return stderr.split('\n').filter((l) => l.trim().startsWith(`at ${fn} `)).map((l) => l.trim().replace(/^.*[/\\]/, ''));
}

describe('instrumentSource: fast copies of function bodies', function () {
  this.timeout(30_000);
  after(cleanupScratch);

  it('a leaf function gets its body as written, on one line, in front of the instrumented one, loop guards kept', async () => {
    const src = "function sum(n) {\n  let s = 0 // no semicolons\n  for (let i = 0; i < n; i++) s += i\n  /* a\n  comment */ return s +\n    ' ok'\n}\nsum(3);\n";
    const { result } = await instrumentSnippet(src, '/tmp/leaf.js');
    const code = body(result.code);
    const guard = 'if(--__ls_1.n<0)__ls_1.g();';
    const copy = `if(__ls_1.h){__ls_1.k[0]++;__ls_1.k[1]++;{ let s = 0; for (let i = 0; i < n; i++){${guard} s += i;} return s + ' ok';}return;}`;
    assert.ok(code.startsWith(`function sum(n) {${copy}const __ls_1f=__ls_1.e(0);try{\n`), code);
    // the lines after the copy stay where they were
    assert.equal(code.split('\n').length, src.split('\n').length);
  });

  it('no copy for a body whose strings or templates hold a line break (they cannot be joined)', async () => {
    const src = 'function t(n) {\n  return `a\n${n}`;\n}\nfunction s(n) {\n  return "a\\\n" + n;\n}\nfunction ok(n) {\n  return `a${n}`;\n}\n';
    const { result } = await instrumentSnippet(src, '/tmp/breaks.js');
    assert.deepEqual([0, 1, 2].map((p) => hasCopy(result.code, p)), [false, false, true]);
  });

  it('strings keep their spaces and tabs, also after a directive (plain node oracle)', async () => {
    const src = "function f() {\n  'use strict'\n  return ['a\tb  c', `d\t  e`, /f\t  g/.source]   // spaced\n}\nconsole.log(JSON.stringify(f()));\n";
    const run = await compareWithPlainNode(src, 'spaces.js', { fast: true });
    assert.equal(run.instrumented.stdout, run.plain.stdout, run.instrumented.stderr);
    assert.equal(run.stats.counts.fast, 1);
  });

  it('ASI: statements the copy joins on one line keep their meaning (plain node oracle)', async () => {
    const src = [
      'function f(a) {',
      '  let x = a',
      '  x',
      '  ++x',
      '  const y = [x]',
      '  ;[x] = [x + 1]',
      '  if (a) x += 1',
      '  else x -= 1',
      '  do x++; while (x < 10)',
      '  return',
      '  x',
      '}',
      'function g(a) {',
      '  const r = /\\/\\/ not a comment/.test(a) // a comment',
      '  return r + `${a}/*`',
      '}',
      "console.log(f(1), f(0), g('//'), g('x'));",
    ].join('\n') + '\n';
    const run = await compareWithPlainNode(src, 'asi.js', { fast: true });
    assert.equal(run.instrumented.stdout, run.plain.stdout, run.instrumented.stderr);
    assert.ok(run.stats.counts.fast >= 4, `fast calls: ${run.stats.counts.fast}`);
  });

  it('no copy for functions holding functions or classes, awaits, yields, schedule sites, thenables or console calls', async () => {
    const src = [
      'function outer() { return () => 1; }', // 0 outer, 1 the arrow (a leaf: it gets one)
      'function hasClass() { return class {}; }', // 2
      'async function a() { return 1; }', // 3
      'function* g() { yield 1; }', // 4
      'function timer() { setTimeout(outer, 1); }', // 5 (+ schedule probe 6)
      'function resolved(x) { return Promise.resolve(x); }', // 7 (+ thenable 8)
      'function logs(x) { console.log(x); }', // 9
      'function chained(p) { return p.then(outer); }', // 10 (+ schedule 11)
      'function plain(x) { return Math.max(x, 1); }', // 12
    ].join('\n');
    const { result } = await instrumentSnippet(src, '/tmp/eligible.js');
    const fns = result.probes.map((p, i) => [p, i] as const).filter(([p]) => p.kind === 'function');
    // the arrow in outer (a leaf) and plain; no other
    assert.deepEqual(
      fns.filter(([, i]) => hasCopy(result.code, i)).map(([p]) => p.name),
      [result.probes[1].name, 'plain'],
    );
  });

  it('an error thrown in a fast copy points where the user wrote it (source map)', async () => {
    const src = "function check(n) {\n  if (n < 0)\n    throw new RangeError('negative');\n  return n;\n}\ncheck(-1);\n";
    const { result } = await instrumentSnippet(src, '/tmp/throws.js');
    const code = result.code;
    const at = code.indexOf('throw new RangeError'); // the first one is the copy's: it comes first
    assert.ok(at < code.indexOf('__ls_1.e('), 'the copy stands before the instrumented body');
    const lines = code.slice(0, at).split('\n');
    const map = new TraceMap(result.map as never);
    const pos = originalPositionFor(map, { line: lines.length, column: lines[lines.length - 1].length + 'throw '.length });
    assert.deepEqual([pos.line, pos.column], [3, 10]);
  });

  it('an uncaught error from a fast copy has plain node\'s stack positions (--enable-source-maps)', async () => {
    const src = [
      'function check(n) {',
      '  if (n > 2)',
      "    throw new Error('too big: ' + n);",
      '  return n;',
      '}',
      'const twice = (n) =>',
      '  check(n) * 2;',
      'for (let i = 0; i < 5; i++) twice(i);',
    ].join('\n') + '\n';
    const run = await compareWithPlainNode(src, 'stack.js', { fast: true, nodeArgs: ['--enable-source-maps'] });
    assert.deepEqual(run.instrumented.errors, run.plain.errors);
    assert.equal(run.stats.counts.e, 0, 'no instrumented body ran');
    assert.ok(run.stats.counts.fast >= 7, `fast calls: ${run.stats.counts.fast}`);
    for (const fn of ['check', 'twice']) {
      const plain = framesOf(run.plain.stderr, fn);
      assert.equal(plain.length, 1, run.plain.stderr);
      assert.deepEqual(framesOf(run.instrumented.stderr, fn), plain, run.instrumented.stderr);
    }
  });
});
