// Hostile programs: endless loops, floods, early exits, crashes and user code that breaks globals. Each must end
// with the right reason, keep what happened before, and leave no process behind.
import assert from 'node:assert/strict';
import { chmodSync, rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { LoopscopeInputError } from '../../src/core/errors';
import type { RawEvent } from '../../src/shared/rawTrace';
import { checkQueueDiscipline } from './helpers/queueDiscipline';
import { alive, plainNode, tempDir, writeProgram } from './helpers/programs';

const consoleTexts = (events: RawEvent[]): string[] =>
  events.filter((e): e is Extract<RawEvent, { 0: 'console' }> => e[0] === 'console').map((e) => e[3]);

/** A program that starts a long-lived grandchild and prints its pid first. */
const SPAWN_GRANDCHILD = `const c = require('child_process').spawn('sleep', ['30'], { stdio: 'ignore' }); console.log('pid ' + c.pid);\n`;

describe('traceFile: hostile programs', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('while (true) {} ends with timeout within timeout + 1 s and leaves no process', async () => {
    const file = writeProgram(dir, 'busy.js', SPAWN_GRANDCHILD + 'while (true) {}');
    const started = Date.now();
    const raw = await traceFile({ file, timeoutMs: 1000 });
    assert.ok(Date.now() - started < 1000 + 1000 + 1500 /* transpile + node startup on a loaded machine */);
    assert.equal(raw.meta.exit.reason, 'timeout');
    assert.ok(raw.meta.timings.run < 2000, `run took ${raw.meta.timings.run} ms`);
    const pid = Number(consoleTexts(raw.events)[0].split(' ')[1]);
    assert.ok(pid > 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false, 'the grandchild was killed with the group');
  });

  it('a blocking loop in uninstrumented code is killed by the runner (SIGKILL of the group)', async () => {
    // Events are written at the end of each macrotask: what happened before the blocking task is kept.
    const file = writeProgram(dir, 'blocked.js', SPAWN_GRANDCHILD + "setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 5);");
    const raw = await traceFile({ file, timeoutMs: 800 });
    assert.equal(raw.meta.exit.reason, 'timeout');
    assert.deepEqual(consoleTexts(raw.events).length, 1, 'events before the kill are kept');
    const pid = Number(consoleTexts(raw.events)[0].split(' ')[1]);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(pid), false);
  });

  it('an endless microtask loop ends with event-cap', async () => {
    const file = writeProgram(dir, 'microLoop.js', 'function f() { Promise.resolve().then(f); }\nf();');
    const raw = await traceFile({ file, maxEvents: 20000 });
    assert.equal(raw.meta.exit.reason, 'event-cap');
    assert.ok(raw.events.length <= 20002);
    assert.deepEqual(checkQueueDiscipline(raw).violations, []);
  });

  it('an endless nextTick loop ends with event-cap', async () => {
    const file = writeProgram(dir, 'tickLoop.js', 'function f() { process.nextTick(f); }\nf();');
    const raw = await traceFile({ file, maxEvents: 20000 });
    assert.equal(raw.meta.exit.reason, 'event-cap');
  });

  it('setInterval forever ends by timeout', async () => {
    const file = writeProgram(dir, 'interval.js', 'let n = 0; setInterval(() => { n++; }, 5);');
    const raw = await traceFile({ file, timeoutMs: 1500 });
    assert.equal(raw.meta.exit.reason, 'timeout');
    const runs = raw.events.filter((e) => e[0] === 'run').length;
    assert.ok(runs > 5, `${runs} runs`);
    assert.deepEqual(checkQueueDiscipline(raw).violations, []);
  });

  it('a million console.log lines end by the cap', async () => {
    const file = writeProgram(dir, 'flood.js', 'for (let i = 0; i < 1e6; i++) console.log(i);');
    const raw = await traceFile({ file, maxEvents: 50000 });
    assert.equal(raw.meta.exit.reason, 'event-cap');
    const texts = consoleTexts(raw.events);
    assert.ok(texts.length > 40000);
    assert.deepEqual(texts.slice(0, 3), ['0', '1', '2']);
  });

  it('process.exit mid-run: process-exit, prior events kept, exit listeners still captured', async () => {
    const file = writeProgram(dir, 'exit.js', `process.on('exit', (c) => console.log('exit handler', c));
console.log('a');
setTimeout(() => { console.log('b'); process.exit(3); console.log('not printed'); }, 1);
setTimeout(() => console.log('never'), 50);`);
    const raw = await traceFile({ file });
    assert.equal(raw.meta.exit.reason, 'process-exit');
    assert.equal(raw.meta.exit.code, 3);
    assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
    assert.deepEqual(checkQueueDiscipline(raw).violations, []);
  });

  it('a stack overflow gives an uncaught RangeError at the original line', async () => {
    const file = writeProgram(dir, 'overflow.js', "console.log('start');\nfunction r(n) {\n  return r(n + 1) + 1;\n}\nr(0);");
    const raw = await traceFile({ file });
    assert.equal(raw.meta.exit.reason, 'uncaught-error');
    const error = raw.events.find((e) => e[0] === 'error') as Extract<RawEvent, { 0: 'error' }>;
    assert.ok(error);
    assert.equal(error[2], 'uncaught');
    assert.match(error[3], /^RangeError: Maximum call stack size exceeded/);
    // The overflow hits wherever the frame limit is reached: inside r (lines 2-4), never elsewhere.
    assert.ok(typeof error[4] === 'number' && error[4] >= 2 && error[4] <= 4, `line ${error[4]}`);
  });

  it('an error thrown in a timer is reported at its original line and column', async () => {
    const file = writeProgram(dir, 'throws.ts', "const x: number = 1;\nsetTimeout(() => {\n  const o: any = null;\n  o.boom();\n}, 0);\n");
    const raw = await traceFile({ file });
    const error = raw.events.find((e) => e[0] === 'error') as Extract<RawEvent, { 0: 'error' }>;
    assert.match(error[3], /^TypeError: Cannot read properties of null/);
    assert.deepEqual([error[4], error[5]], [4, 5]);
  });

  it('user code that replaces Promise, console, setTimeout, JSON and Math is still traced', async () => {
    const file = writeProgram(dir, 'globals.js', `const log = console.log;
Promise = null; console = {}; setTimeout = undefined; JSON = null; Math = null; queueMicrotask(() => log('micro'));
log('start');
process.nextTick(() => log('tick'));
setImmediate(() => log('imm'));`);
    const raw = await traceFile({ file });
    assert.deepEqual(consoleTexts(raw.events), ['start', 'tick', 'micro', 'imm']);
    assert.equal(raw.meta.exit.reason, 'completed');
    const report = checkQueueDiscipline(raw);
    assert.deepEqual(report.violations, []);
    assert.deepEqual(report.consoleSources.map((x) => x.source), ['script', 'nextTick', 'microtask', 'immediate']);
  });

  it('bad input: a missing file is a LoopscopeInputError, a missing node binary a clear error', async () => {
    await assert.rejects(traceFile({ file: `${dir}/nope.js` }), LoopscopeInputError);
    const file = writeProgram(dir, 'ok.js', "console.log('x');");
    await assert.rejects(traceFile({ file, nodePath: '/nonexistent/node' }), /'\/nonexistent\/node' was not found/);
  });

  it('a node binary that never starts the tracer is an error with its stderr, whatever its exit code (also with LOOPSCOPE_DEBUG=1)', async () => {
    const file = writeProgram(dir, 'ok2.js', "console.log('x');");
    const debug = process.env.LOOPSCOPE_DEBUG;
    try {
      for (const [code, env] of [[0, '1'], [7, '1'], [0, undefined], [7, undefined]] as const) {
        const fake = writeProgram(dir, `fake-node-${code}`, `#!/bin/sh\necho "fake node says no" >&2\nexit ${code}\n`);
        chmodSync(fake, 0o755);
        if (env === undefined) delete process.env.LOOPSCOPE_DEBUG;
        else process.env.LOOPSCOPE_DEBUG = env;
        await assert.rejects(traceFile({ file, nodePath: fake }), (e: Error) => {
          assert.match(e.message, /did not start the tracer/);
          assert.match(e.message, new RegExp(`exit code ${code}`));
          assert.match(e.message, /fake node says no/);
          return true;
        });
      }
    } finally {
      if (debug === undefined) delete process.env.LOOPSCOPE_DEBUG;
      else process.env.LOOPSCOPE_DEBUG = debug;
    }
  });

  it('an AbortSignal kills the run and rejects with an AbortError', async () => {
    const file = writeProgram(dir, 'abort.js', SPAWN_GRANDCHILD + 'setInterval(() => {}, 1000);');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 600);
    await assert.rejects(traceFile({ file, signal: controller.signal, timeoutMs: 20000 }), { name: 'AbortError' });
  });
});
