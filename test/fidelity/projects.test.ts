// Multi-file projects (test/fixtures/projects/): every local module the entry loads is traced. Each project runs
// traced and under plain node (the oracle: node on the JavaScript project itself; for TypeScript projects
// esbuild's bundle of the project, written to a temp folder and run with the project as cwd). Asserts the
// output, the file and line of every console line, and the user's frames on the stack (file included) when it
// printed, from the --json document.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, checkQueueDiscipline } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import type { ModuleFormat, RawTrace } from '../../src/shared/rawTrace';
import { tracedOutput } from './compare';
import { ensureBuilt } from './ensureBuilt';
import { testNodeMajor, testNodePath } from '../support/testNode';

const projects = path.resolve(__dirname, '../fixtures/projects');

/** What a console line must say: its text, `file:line`, and the stack as `name@file` bottom to top. */
type Printed = [text: string, where: string, stack: string[]];

interface ProjectCase {
  entry: string;
  module: ModuleFormat;
  files: string[];
  printed: Printed[];
  /** Where Node 22 and later print in another order (they load an import()ed module before a tick runs). */
  printedFrom22?: Printed[];
}

const CASES: ProjectCase[] = [
  {
    entry: 'ts-cjs/main.ts',
    module: 'cjs',
    files: ['main.ts', 'shapes/index.ts', 'util.ts'],
    printed: [
      ['computing area', 'shapes/index.ts:10', ['Circle.area@shapes/index.ts']],
      ['area 12.57', 'main.ts:7', []],
      ['kind Circle', 'main.ts:8', []],
      ['hello ts-cjs', 'main.ts:10', []],
      ['tick in util', 'util.ts:3', ['tick@util.ts']],
      ['later done', 'main.ts:9', ['tick@util.ts', '(anonymous)@main.ts']],
    ],
  },
  {
    entry: 'ts-esm/main.ts',
    module: 'esm',
    files: ['main.ts', 'lib/math.ts', 'lib/wait.ts', 'lazy.ts'],
    printed: [
      ['summing', 'lib/math.ts:2', ['sum@lib/math.ts']],
      ['sum 3', 'main.ts:6', []],
      ['waited', 'lib/wait.ts:4', ['(anonymous)@lib/wait.ts']],
      ['c is at 1', 'lib/math.ts:11', ['Counter.bump@lib/math.ts']],
      ['lazy loaded', 'lazy.ts:1', []],
      ['lazy says hi from lazy', 'main.ts:10', []],
    ],
  },
  {
    // the listener runs inside EventEmitter#emit (Node's code): never shown as the user's
    entry: 'js-events/main.js',
    module: 'cjs',
    files: ['main.js', 'bus.js', 'lib/log.js'],
    printed: [
      ['[info] ping 1', 'lib/log.js:2', ['Bus.ping@bus.js', 'emit@node:events', 'onPing@main.js', 'info@lib/log.js']],
      ['[info] ping 2', 'lib/log.js:2', ['(anonymous)@main.js', 'Bus.ping@bus.js', 'emit@node:events', 'onPing@main.js', 'info@lib/log.js']],
    ],
  },
  {
    // a module that only import() loads, raced against a tick, a microtask and an immediate; it shares log.js
    // (one instance: `calls` counts every line) with the entry. Node 20 serves it without loader hooks
    // (esmRegister.ts); Node 22+ load it before the tick runs.
    entry: 'js-esm-lazy/main.js',
    module: 'esm',
    files: ['main.js', 'log.js', 'plugins/greeter.js'],
    printed: [
      ['micro', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['tick', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['immediate', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['greeter loaded', 'log.js:5', ['log@log.js']],
      ['greeting lazy', 'log.js:5', ['greet@plugins/greeter.js', 'log@log.js']],
      ['hello lazy', 'log.js:5', ['log@log.js']],
      ['after 6 calls', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
    ],
    printedFrom22: [
      ['micro', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['greeter loaded', 'log.js:5', ['log@log.js']],
      ['greeting lazy', 'log.js:5', ['greet@plugins/greeter.js', 'log@log.js']],
      ['hello lazy', 'log.js:5', ['log@log.js']],
      ['tick', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['immediate', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
      ['after 6 calls', 'log.js:5', ['(anonymous)@main.js', 'log@log.js']],
    ],
  },
  {
    // a CommonJS entry whose import() loads a local ES module
    entry: 'cjs-imports-esm/main.js',
    module: 'cjs',
    files: ['main.js', 'shout.js', 'format.mjs'],
    printed: [
      ['TICK', 'main.js:4', ['(anonymous)@main.js']],
      ['IMMEDIATE', 'main.js:9', ['(anonymous)@main.js']],
      ['formatting', 'format.mjs:2', ['(anonymous)@main.js', 'format@format.mjs']],
      ['[loaded]', 'main.js:6', ['(anonymous)@main.js']],
      ['AFTER', 'main.js:7', ['(anonymous)@main.js']],
    ],
    printedFrom22: [
      ['TICK', 'main.js:4', ['(anonymous)@main.js']],
      ['formatting', 'format.mjs:2', ['(anonymous)@main.js', 'format@format.mjs']],
      ['[loaded]', 'main.js:6', ['(anonymous)@main.js']],
      ['IMMEDIATE', 'main.js:9', ['(anonymous)@main.js']],
      ['AFTER', 'main.js:7', ['(anonymous)@main.js']],
    ],
  },
  {
    // one file under two queries: two module instances, each evaluated once; the same query again is the same
    // instance (Node 22+ load them before the immediate runs)
    entry: 'esm-query-instances/main.mjs',
    module: 'esm',
    files: ['main.mjs', 'counter.mjs'],
    printed: [
      ['immediate', 'main.mjs:3', ['(anonymous)@main.mjs']],
      ['evaluating ?v=2', 'counter.mjs:2', []],
      ['got ?v=2', 'main.mjs:5', []],
      ['evaluating ?v=1', 'counter.mjs:2', []],
      ['got ?v=1', 'main.mjs:7', []],
      ['same instance again: true', 'main.mjs:9', []],
    ],
    printedFrom22: [
      ['evaluating ?v=2', 'counter.mjs:2', []],
      ['got ?v=2', 'main.mjs:5', []],
      ['evaluating ?v=1', 'counter.mjs:2', []],
      ['got ?v=1', 'main.mjs:7', []],
      ['same instance again: true', 'main.mjs:9', []],
      ['immediate', 'main.mjs:3', ['(anonymous)@main.mjs']],
    ],
  },
  {
    entry: 'ts-paths/main.ts',
    module: 'esm',
    files: ['main.ts', 'src/config.ts', 'src/util/format.ts'],
    printed: [
      ['formatting', 'src/util/format.ts:2', ['format@src/util/format.ts']],
      ['<paths>', 'main.ts:5', []],
      ['formatting', 'src/util/format.ts:2', ['(anonymous)@main.ts', 'format@src/util/format.ts']],
      ['<micro>', 'main.ts:6', ['(anonymous)@main.ts']],
    ],
  },
];

/** Plain node on the project: JavaScript as it is; TypeScript as esbuild's bundle of it (packages included). */
async function oracle(entry: string, module: ModuleFormat): Promise<{ stdout: string[]; code: number | null }> {
  const cwd = path.dirname(entry);
  let file = entry;
  const tmp = mkdtempSync(path.join(tmpdir(), 'loopscope-project-oracle-'));
  try {
    if (/\.tsx?$/.test(entry)) {
      const out = await build({ entryPoints: [entry], absWorkingDir: cwd, bundle: true, write: false, platform: 'node', format: module, target: 'esnext', logLevel: 'silent' });
      file = path.join(tmp, module === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
      writeFileSync(file, out.outputFiles[0].text);
    }
    const run = spawnSync(testNodePath(), [file], { cwd, encoding: 'utf8', timeout: 20000 });
    const stdout = run.stdout.split('\n');
    if (stdout[stdout.length - 1] === '') stdout.pop();
    return { stdout, code: run.status };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

describe('multi-file projects: every local module traced, every position names its file', function () {
  this.timeout(120000);
  before(() => ensureBuilt());

  for (const c of CASES) {
    describe(c.entry, () => {
      let raw: RawTrace;
      before(async () => {
        raw = await traceFile({ file: path.join(projects, c.entry), nodePath: testNodePath() });
      });

      it('prints what plain node prints and exits as it does', async () => {
        const expected = await oracle(path.join(projects, c.entry), c.module);
        assert.equal(expected.code, 0, 'the oracle itself failed');
        assert.deepEqual(tracedOutput(raw).stdout, expected.stdout);
        assert.equal(raw.meta.exit.code, expected.code);
        assert.equal(raw.meta.module, c.module);
        assert.deepEqual(checkQueueDiscipline(raw), []);
      });

      it('traces each local file once, never a package', () => {
        assert.deepEqual(raw.files?.map((f) => f.path), c.files);
        assert.ok(raw.probes.every((p) => (p.file ?? 0) < c.files.length));
      });

      it('names the file and line of every console line, and the user frames on the stack', () => {
        const doc = traceDocument(buildModel(raw));
        const got: Printed[] = doc.console.map((line) => [
          line.text,
          `${line.file}:${line.line}`,
          doc.steps[line.step].stack.map((f) => `${f.name}@${f.file}`),
        ]);
        assert.deepEqual(got, testNodeMajor() >= 22 && c.printedFrom22 !== undefined ? c.printedFrom22 : c.printed);
      });
    });
  }
});
