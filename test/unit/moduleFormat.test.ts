// detectModuleFormat decides like Node: override, extension, nearest package.json "type", then syntax of the
// TRANSPILED code (Node 22's detection), so type-only imports never make a file ESM.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectModuleFormat, hasModuleSyntax } from '../../src/core/moduleFormat';
import { transpileSource } from '../../src/core/transpile';

describe('detectModuleFormat', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'loopscope-format-'));
    mkdirSync(join(root, 'esm-pkg', 'src', 'deep'), { recursive: true });
    writeFileSync(join(root, 'esm-pkg', 'package.json'), JSON.stringify({ type: 'module' }));
    mkdirSync(join(root, 'esm-pkg', 'src', 'cjs-sub'), { recursive: true });
    writeFileSync(join(root, 'esm-pkg', 'src', 'cjs-sub', 'package.json'), JSON.stringify({ type: 'commonjs' }));
    mkdirSync(join(root, 'untyped'), { recursive: true });
    writeFileSync(join(root, 'untyped', 'package.json'), JSON.stringify({ name: 'untyped' }));
    mkdirSync(join(root, 'broken'), { recursive: true });
    writeFileSync(join(root, 'broken', 'package.json'), '{ not json');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('lets an explicit override win', () => {
    assert.equal(detectModuleFormat('/x/a.mjs', '', 'cjs'), 'cjs');
    assert.equal(detectModuleFormat('/x/a.cjs', 'x', 'esm'), 'esm');
    assert.equal(detectModuleFormat(join(root, 'untyped', 'a.js'), 'export {}', 'auto'), 'esm');
  });

  it('follows .mjs/.mts and .cjs/.cts regardless of content', () => {
    assert.equal(detectModuleFormat('/x/a.mjs', 'module.exports = 1'), 'esm');
    assert.equal(detectModuleFormat('/x/a.mts', ''), 'esm');
    assert.equal(detectModuleFormat('/x/a.cjs', 'export const a = 1;'), 'cjs');
    assert.equal(detectModuleFormat('/x/a.cts', ''), 'cjs');
  });

  it('uses the nearest package.json "type" for .js and .ts', () => {
    assert.equal(detectModuleFormat(join(root, 'esm-pkg', 'src', 'deep', 'a.js'), 'console.log(1)'), 'esm');
    assert.equal(detectModuleFormat(join(root, 'esm-pkg', 'src', 'deep', 'a.ts'), 'console.log(1)'), 'esm');
    assert.equal(detectModuleFormat(join(root, 'esm-pkg', 'src', 'cjs-sub', 'a.js'), 'export const a = 1;'), 'cjs');
  });

  it('falls back to syntax when the nearest package.json has no (valid) type', () => {
    assert.equal(detectModuleFormat(join(root, 'untyped', 'a.js'), 'console.log(1)'), 'cjs');
    assert.equal(detectModuleFormat(join(root, 'untyped', 'a.js'), "import fs from 'fs';"), 'esm');
    assert.equal(detectModuleFormat(join(root, 'broken', 'a.js'), 'export default 1;'), 'esm');
  });

  it('detects ES module syntax: import/export, top-level await, for await, import.meta', () => {
    assert.equal(hasModuleSyntax("import fs from 'fs';"), true);
    assert.equal(hasModuleSyntax('export default 1;'), true);
    assert.equal(hasModuleSyntax('const v = await Promise.resolve(1);'), true);
    assert.equal(hasModuleSyntax('for await (const x of xs) {}'), true);
    assert.equal(hasModuleSyntax('if (true) { console.log(await 1); }'), true);
    assert.equal(hasModuleSyntax('console.log(import.meta.url);'), true);
  });

  it('does not count awaits inside functions, dynamic import(), or scripts that only parse as CJS', () => {
    assert.equal(hasModuleSyntax('async function f() { await 1; for await (const x of y) {} }'), false);
    assert.equal(hasModuleSyntax('const f = async () => await 1;'), false);
    assert.equal(hasModuleSyntax("import('fs').then(() => {});"), false);
    assert.equal(hasModuleSyntax('return 5;'), false);
    assert.equal(hasModuleSyntax('with (o) { x; }'), false);
    assert.equal(hasModuleSyntax('const await = 1;'), false);
  });

  it('ignores TypeScript type-only imports once transpiled', async () => {
    const src = "import type { Foo } from './foo';\nimport { Bar } from './bar';\nconst x: Foo = 1 as Bar;\nconsole.log(x);\n";
    const file = join(root, 'types.ts');
    const { code } = await transpileSource(src, file, { module: 'cjs' });
    assert.equal(detectModuleFormat(file, code), 'cjs');
    const real = await transpileSource("import { readFileSync } from 'fs';\nconsole.log(readFileSync);\n", file, { module: 'esm' });
    assert.equal(detectModuleFormat(file, real.code), 'esm');
  });
});
