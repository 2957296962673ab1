// The README's "Limits" where the trace is not what node printed, pinned: if one of these starts to pass
// the other way, the limit is gone and the README must say so.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

describe('traceFile: documented limits (README "Limits")', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a write without a newline is its own console entry: node prints "ab" on one line, the trace has "a" and "b"', async () => {
    const file = writeProgram(dir, 'partialWrites.js', "process.stdout.write('a');\nprocess.stdout.write('b\\n');\nconsole.log('c');\n");
    assert.equal(plainNode(file).stdout, 'ab\nc\n');
    const raw = await traceFile({ file });
    assert.deepEqual(consoleTexts(raw.events), ['a', 'b', 'c']);
  });
});
