// Where a step says the program is: an enqueue step sits on the statement that queued; once the run has
// ended, the loop is in no phase.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { tempDir, writeProgram } from './helpers/programs';

const PROGRAM = `function schedule() {
  const x = 1;
  setTimeout(() => {}, x);
  Promise.resolve().then(() => {});
  process.nextTick(() => {});
  setImmediate(() => {});
}
schedule();
`;

describe('step lines', function () {
  this.timeout(30_000);
  before(() => ensureBuilt());

  it('an enqueue step is on the line of the call that queued', async () => {
    const dir = tempDir();
    try {
      const model = buildModel(await traceFile({ file: writeProgram(dir, 'schedule.js', PROGRAM) }));
      const lines: Record<string, number | null> = {};
      for (let i = 0; i < model.stepCount; i++) {
        const s = model.stateAt(i);
        if (s.subject.kind === 'enqueue' && s.task === 0) lines[s.subject.queue] = s.line;
      }
      assert.deepEqual(lines, { timer: 3, microtask: 4, nextTick: 5, immediate: 6 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the end of the run is in no loop phase (the last task was a timer, so the loop had been in timers)', async () => {
    const dir = tempDir();
    try {
      const model = buildModel(await traceFile({ file: writeProgram(dir, 'timer.js', "setTimeout(() => console.log('t'), 1);\n") }));
      const last = model.stateAt(model.stepCount - 1);
      assert.equal(last.kind, 'end');
      assert.equal(last.phase, null);
      assert.equal(model.stateAt(model.stepCount - 2).phase, 'timers');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
