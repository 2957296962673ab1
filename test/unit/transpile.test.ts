// transpileSource: esbuild with the loader of the file's extension, the module format untouched, selections that
// keep the file's line numbers, and human errors at original positions.
import assert from 'node:assert/strict';
import type { TransformOptions, TransformResult } from 'esbuild';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { LoopscopeInputError } from '../../src/core/errors';
import { blankOutsideLines, loaderForFile, transpileSource } from '../../src/core/transpile';

describe('transpileSource', () => {
  it('picks the loader from the extension', () => {
    const table = Object.fromEntries(
      ['a.ts', 'a.mts', 'a.cts', 'a.tsx', 'a.jsx', 'a.js', 'a.mjs', 'a.cjs', 'A.TS', 'noext'].map((f) => [f, loaderForFile(f)]),
    );
    assert.deepEqual(table, {
      'a.ts': 'ts', 'a.mts': 'ts', 'a.cts': 'ts', 'a.tsx': 'tsx', 'a.jsx': 'jsx',
      'a.js': 'js', 'a.mjs': 'js', 'a.cjs': 'js', 'A.TS': 'ts', noext: 'js',
    });
  });

  it('strips types but keeps the module format (ESM stays ESM, CJS stays CJS)', async () => {
    const esm = await transpileSource("import { x } from './x';\nexport const y: number = x;\n", '/tmp/a.ts', { module: 'esm' });
    assert.match(esm.code, /^import \{ x \} from "\.\/x";\nexport const y = x;\n$/);
    const cjs = await transpileSource("const fs = require('fs');\nmodule.exports = fs as unknown;\n", '/tmp/b.ts', { module: 'cjs' });
    assert.match(cjs.code, /require\("fs"\)/);
    assert.doesNotMatch(cjs.code, /\bimport\b|\bexport\b/);
  });

  it('compiles JSX in .tsx/.jsx, and rejects it in .js', async () => {
    const tsx = await transpileSource('const el = <div id="a" />;\n', '/tmp/c.tsx', { module: 'cjs' });
    assert.match(tsx.code, /React\.createElement\("div"/);
    await assert.rejects(transpileSource('const el = <div />;\n', '/tmp/c.js', { module: 'cjs' }), LoopscopeInputError);
  });

  it('returns a map from the transpiled code to the original file', async () => {
    const src = 'interface A { a: number }\n\ntype B = A;\nconst value: B = { a: 1 };\nconsole.log(value);\n';
    const { code, map } = await transpileSource(src, '/tmp/map.ts', { module: 'cjs' });
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.startsWith('console.log')) + 1;
    const pos = originalPositionFor(new TraceMap(map), { line, column: 0 });
    assert.deepEqual([pos.source, pos.line, pos.column], ['/tmp/map.ts', 5, 0]);
  });

  it('passes plain JavaScript through verbatim without starting esbuild; esbuild only words its syntax errors', async () => {
    const calls: string[] = [];
    const spy = async (input: string, options: TransformOptions): Promise<TransformResult> => {
      calls.push(String(options.loader));
      return (await import('esbuild')).transform(input, options);
    };
    const src = "'use strict';\nconst s = 'x'; // kept as written\nsetTimeout(() => {}, 0);\n";
    const plain = await transpileSource(src, '/tmp/plain.js', { module: 'cjs', esbuild: spy });
    assert.equal(plain.code, src);
    assert.deepEqual(calls, []);
    const pos = originalPositionFor(new TraceMap(plain.map), { line: 3, column: 0 });
    assert.deepEqual([pos.source, pos.line, pos.column], ['/tmp/plain.js', 3, 0]);
    await assert.rejects(transpileSource('let x y = 1;\n', '/tmp/bad.js', { module: 'cjs', esbuild: spy }), (err: unknown) => {
      assert.ok(err instanceof LoopscopeInputError);
      assert.deepEqual([err.message, err.line, err.column], ['Expected ";" but found "y"', 1, 7]);
      return true;
    });
    assert.deepEqual(calls, ['js']);
  });

  it('blanks lines outside a selection, keeping \\r\\n, \\n and the line count', () => {
    const src = 'one\r\ntwo\nthree\r\nfour\nfive';
    assert.equal(blankOutsideLines(src, { from: 2, to: 3 }, 'f.js'), '\r\ntwo\nthree\r\n\n');
    assert.equal(blankOutsideLines(src, { from: 4, to: 99 }, 'f.js'), '\r\n\n\r\nfour\nfive');
  });

  it('transpiles only the selected statements, at their own positions (the rest blanked to empty statements)', async () => {
    const src = 'first();\nsecond();\nthird();\n';
    const { code, map } = await transpileSource(src, '/tmp/sel.js', { module: 'cjs', lines: { from: 2, to: 2 } });
    assert.deepEqual(code.split('\n').map((l) => l.trim()), [';', 'second();', ';', '']);
    assert.equal(code.length, src.length);
    const pos = originalPositionFor(new TraceMap(map), { line: code.split('\n').findIndex((l) => l.includes('second')) + 1, column: 0 });
    assert.equal(pos.line, 2);
  });

  it('rejects a selection outside the file or upside down', async () => {
    await assert.rejects(transpileSource('a();\n', '/tmp/s.js', { module: 'cjs', lines: { from: 5, to: 9 } }), /outside the file/);
    await assert.rejects(transpileSource('a();\n', '/tmp/s.js', { module: 'cjs', lines: { from: 3, to: 2 } }), LoopscopeInputError);
  });

  it('reports syntax errors with esbuild\'s text, 1-based line and UTF-16 column', async () => {
    await assert.rejects(transpileSource('const s = "ééé"; let x y = 1;\n', '/tmp/e.ts', { module: 'cjs' }), (err: unknown) => {
      assert.ok(err instanceof LoopscopeInputError);
      assert.equal(err.message, 'Expected ";" but found "y"');
      assert.deepEqual([err.file, err.line, err.column], ['/tmp/e.ts', 1, 24]);
      assert.equal(err.describe(), '/tmp/e.ts:1:24: Expected ";" but found "y"');
      return true;
    });
  });

  it('uses an injected esbuild implementation (esbuild-wasm in the extension)', async () => {
    const calls: TransformOptions[] = [];
    const fake = async (input: string, options: TransformOptions): Promise<TransformResult> => {
      calls.push(options);
      return { code: input, map: '{"version":3,"sources":[],"names":[],"mappings":""}', warnings: [], mangleCache: undefined, legalComments: undefined };
    };
    const result = await transpileSource('x();\n', '/tmp/w.mts', { module: 'esm', esbuild: fake });
    assert.equal(result.code, 'x();\n');
    assert.equal(calls.length, 1);
    assert.equal(calls[0].loader, 'ts');
    assert.equal(calls[0].target, 'esnext');
    assert.equal(calls[0].format, undefined);
    assert.equal(calls[0].sourcefile, '/tmp/w.mts');
  });
});
