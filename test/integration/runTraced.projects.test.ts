// Multi-file projects through traceFile, beyond output fidelity (test/fidelity/projects.test.ts): the content
// cache (a warm run gives the same trace, an edited module is traced as edited), a syntax error in another
// file (that file, line and column), a runtime error's file, fn.toString() of another module's function, and
// the user's files left untouched.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { LoopscopeInputError } from '../../src/core/errors';
import { buildModel } from '../../src/shared/model';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

/** Every file under `dir` with a hash of its content and its mtime. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    const s = statSync(file);
    if (s.isFile()) out[rel] = `${createHash('sha256').update(readFileSync(file)).digest('hex')} ${s.mtimeMs}`;
  }
  return out;
}

describe('traceFile: multi-file projects', function () {
  this.timeout(60000);
  let dir: string;
  let cache: string;
  const savedCache = process.env.LOOPSCOPE_CACHE_DIR;
  before(() => {
    dir = tempDir();
    cache = tempDir();
    process.env.LOOPSCOPE_CACHE_DIR = cache;
  });
  after(() => {
    if (savedCache === undefined) delete process.env.LOOPSCOPE_CACHE_DIR;
    else process.env.LOOPSCOPE_CACHE_DIR = savedCache;
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('caches each module: a warm run traces the same, an edited module is traced as edited, the project is untouched', async () => {
    const main = writeProgram(dir, 'cache/main.ts', "import { greet } from './greet';\nconsole.log(greet('a'));\n");
    writeProgram(dir, 'cache/greet.ts', 'export function greet(n: string): string {\n  return `hi ${n}`;\n}\n');
    const before = snapshot(path.join(dir, 'cache'));
    const cold = await traceFile({ file: main });
    const cached = readdirSync(cache).filter((f) => f.endsWith('.js'));
    assert.equal(cached.length, 1, 'one module (greet.ts) in the cache');
    const warm = await traceFile({ file: main });
    assert.deepEqual(warm.probes, cold.probes);
    assert.deepEqual(consoleTexts(warm.events), ['hi a']);
    assert.deepEqual(snapshot(path.join(dir, 'cache')), before, 'the project is never written to');
    writeProgram(dir, 'cache/greet.ts', 'export function greet(n: string): string {\n  console.log("greeting");\n  return `hello ${n}`;\n}\n');
    const edited = await traceFile({ file: main });
    assert.deepEqual(consoleTexts(edited.events), ['greeting', 'hello a']);
    assert.deepEqual(buildModel(edited).console.map((c) => `${c.file}:${c.line}`), ['greet.ts:2', 'main.ts:2']);
  });

  it('a syntax error in another file names that file, line and column', async () => {
    const main = writeProgram(dir, 'syntax/main.ts', "import { f } from './bad';\nf();\n");
    const bad = writeProgram(dir, 'syntax/bad.ts', 'export function f() {\n  const x = ;\n}\n');
    await assert.rejects(traceFile({ file: main }), (e: unknown) => {
      assert.ok(e instanceof LoopscopeInputError);
      assert.deepEqual([e.file, e.line, e.column], [bad, 2, 13]);
      return true;
    });
  });

  it("code esbuild's bundler refuses but Node runs (a with statement in CommonJS) is still traced with its modules", async () => {
    const main = writeProgram(dir, 'with/main.js', "const u = require('./u');\nwith ({ a: 1 }) { console.log(a, u.x); }\n");
    writeProgram(dir, 'with/u.js', 'exports.x = 2;\n');
    const raw = await traceFile({ file: main });
    assert.deepEqual(consoleTexts(raw.events), plainNode(main).lines);
    assert.deepEqual(raw.files?.map((f) => f.path), ['main.js', 'u.js']);
  });

  it("an error thrown in another file is at that file's line and column", async () => {
    const main = writeProgram(dir, 'throws/main.js', "const { f } = require('./lib/f');\nf();\n");
    writeProgram(dir, 'throws/lib/f.js', "exports.f = function f() {\n  null.x;\n};\n");
    assert.notEqual(plainNode(main).status, 0);
    const model = buildModel(await traceFile({ file: main }));
    assert.deepEqual(
      model.errors.map((e) => [e.file, e.line, e.column]),
      [['lib/f.js', 2, 8]],
    );
  });

  it("fn.toString() of another module's function is the text node would give", async () => {
    const main = writeProgram(dir, 'source/main.js', "const { add } = require('./add');\nconsole.log(add.toString());\n");
    writeProgram(dir, 'source/add.js', 'exports.add = function add(a, b) {\n  return a + b;\n};\n');
    const raw = await traceFile({ file: main });
    assert.deepEqual(consoleTexts(raw.events), [plainNode(main).stdout.trimEnd()]);
  });
});
