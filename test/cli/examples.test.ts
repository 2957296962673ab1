// The bundled examples stay runnable and honest: each one traced with the CLI prints what plain node
// prints (elapsed-time figures aside), and the examples README lists every example.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TraceDocument } from '../../src/shared/traceDocument';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { outputLines, runOracle } from '../fidelity/oracle';

const root = path.resolve(__dirname, '../..');
const examplesDir = path.join(root, 'examples');
const examples = readdirSync(examplesDir).filter((f) => /^\d\d-.*\.(js|ts)$/.test(f)).sort();
const run = promisify(execFile);

/** Timing figures ("~450 ms", "after 203 ms") vary from run to run; the words must not. */
const withoutNumbers = (lines: string[]): string[] => lines.map((l) => l.replace(/\d+ ms/g, 'N ms'));

describe('examples/', function () {
  this.timeout(30_000);
  before(() => ensureBuilt());

  it('has the eight documented examples, all listed in examples/README.md', () => {
    assert.equal(examples.length, 8, examples.join(', '));
    const readme = readFileSync(path.join(examplesDir, 'README.md'), 'utf8');
    for (const e of examples) assert.ok(readme.includes(`\`${e}\``), `${e} missing from README`);
  });

  for (const name of examples) {
    it(`${name}: traced output = node's output`, async () => {
      const file = path.join(examplesDir, name);
      const node = await runOracle(file, { module: 'cjs' });
      assert.equal(node.code, 0, node.stderr);
      const { stdout } = await run(process.execPath, [path.join(root, 'bin/loopscope.js'), 'trace', file, '--json'], { maxBuffer: 256 * 1024 * 1024 });
      const doc = JSON.parse(stdout) as TraceDocument;
      assert.equal(doc.exit.reason, 'completed');
      const expected = withoutNumbers(outputLines(node.stdout));
      if (doc.threads.length === 1) {
        assert.deepEqual(withoutNumbers(doc.console.map((c) => c.text)), expected);
        return;
      }
      // worker threads: plain node interleaves the threads' lines as it happens to; each thread's own order is
      // node's, and together they are node's lines
      assert.deepEqual(withoutNumbers(doc.console.map((c) => c.text)).sort(), [...expected].sort());
      for (const t of doc.threads) {
        const own = withoutNumbers(doc.console.filter((c) => c.thread === t.id).map((c) => c.text));
        assert.deepEqual(expected.filter((l) => own.includes(l)), own, `thread ${t.id} (${t.name})`);
      }
    });
  }
});
