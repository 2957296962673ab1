// Located lines (src/shared/sourceFiles.ts) and the ES module hooks' answers for a project's local modules
// (src/runtime/esmProjectHooks.ts): pure functions.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { fileIndexOf, filePath, lineInFile, locatedLine } from '../../src/shared/sourceFiles';
import { loadLocal, resolveLocal } from '../../src/runtime/esmProjectHooks';
import type { ProjectManifest } from '../../src/shared/runtimeContract';
import type { RawTrace } from '../../src/shared/rawTrace';

describe('sourceFiles: located lines', () => {
  it('keeps the entry (file 0) at its plain lines and splits any other file back', () => {
    assert.equal(locatedLine(0, 17), 17);
    for (const [file, line] of [[0, 1], [1, 1], [3, 999_999], [2146, 12]]) {
      const l = locatedLine(file, line);
      assert.deepEqual([fileIndexOf(l), lineInFile(l)], [file, line]);
      assert.ok(l <= 2 ** 31 - 1, 'fits the Int32 columns');
    }
  });

  it('names files by the trace file table, or the entry by its own name', () => {
    const meta = { file: '/p/src/main.ts' } as RawTrace['meta'];
    assert.equal(filePath({ meta }, 0), 'main.ts');
    assert.equal(filePath({ meta }, 1), null);
    const files = [{ path: 'main.ts', source: '' }, { path: 'lib/u.ts', source: 'x' }];
    assert.equal(filePath({ meta, files }, 1), 'lib/u.ts');
    assert.equal(filePath({ meta, files }, 2), null);
  });
});

describe('esmProjectHooks', () => {
  const manifest: ProjectManifest = {
    modules: { '/p/lib/u.ts': { code: '/cache/a.js', module: 'esm' }, '/p/c.cts': { code: '/cache/b.js', module: 'cjs' } },
    resolutions: { '/p/main.ts': { './lib/u': '/p/lib/u.ts', '@app/c': '/p/c.cts' } },
    files: ['/p/main.ts', '/p/lib/u.ts', '/p/c.cts'],
    keepEsmHooks: false,
    esmHooksRequired: false,
  };
  const parent = pathToFileURL('/p/main.ts').href;

  it('resolves what the manifest maps for that importer only', () => {
    assert.equal(resolveLocal(manifest, './lib/u', parent), pathToFileURL('/p/lib/u.ts').href);
    assert.equal(resolveLocal(manifest, '@app/c', parent), pathToFileURL('/p/c.cts').href);
    assert.equal(resolveLocal(manifest, './other', parent), null);
    assert.equal(resolveLocal(manifest, './lib/u', pathToFileURL('/p/lib/u.ts').href), null);
    assert.equal(resolveLocal(manifest, './lib/u', undefined), null);
    assert.equal(resolveLocal(manifest, 'constructor', parent), null);
  });

  it('serves ES modules as instrumented code and hands CommonJS ones to the CJS loader', () => {
    assert.deepEqual(loadLocal(manifest, pathToFileURL('/p/lib/u.ts').href + '?v=1'), { format: 'module', codePath: '/cache/a.js' });
    assert.deepEqual(loadLocal(manifest, pathToFileURL('/p/c.cts').href), { format: 'commonjs', codePath: null });
    assert.equal(loadLocal(manifest, pathToFileURL('/p/node_modules/x/index.js').href), null);
    assert.equal(loadLocal(manifest, 'node:fs'), null);
  });
});
