// Programs made of several modules, where some code is not instrumented (a required/imported sibling, Node's
// own ESM loader): what they print and queue belongs to a task, their promise jobs keep the queue discipline,
// dynamic import() keeps plain node's timing, and console lines report the line of the statement that printed.
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import type { RawEvent, RawTrace } from '../../src/shared/rawTrace';
import { disciplineAndConsoleSources } from './helpers/queueDiscipline';
import { plainNode, tempDir, writeProgram } from './helpers/programs';

const nodePath = process.env.LOOPSCOPE_TEST_NODE;

/** Events (other than start/end) that happened while no task was running. */
function outsideTasks(events: readonly RawEvent[]): RawEvent[] {
  const outside: RawEvent[] = [];
  let running = false;
  for (const e of events) {
    if (e[0] === 'run') running = true;
    else if (e[0] === 'done') running = false;
    else if (!running && e[0] !== 'start' && e[0] !== 'end') outside.push(e);
  }
  return outside;
}

function consoleEvents(raw: RawTrace): Extract<RawEvent, { 0: 'console' }>[] {
  return raw.events.filter((e): e is Extract<RawEvent, { 0: 'console' }> => e[0] === 'console');
}

async function traceAgainstNode(file: string): Promise<RawTrace> {
  const raw = await traceFile({ file, nodePath });
  const report = disciplineAndConsoleSources(raw);
  assert.deepEqual(report.violations, [], 'queue discipline');
  assert.deepEqual(report.consoleSources.map((c) => c.text), plainNode(file, nodePath).lines, 'console output = plain node stdout');
  return raw;
}

const UNINSTRUMENTED_HELPER = `async function inner(v) { await null; return v; }
async function outer(v) { return inner(v); } // resolves outer's promise with a promise: a thenable job nobody announces
function viaExecutor(v) { return new Promise((r) => r(Promise.resolve(v))); }
async function chain(n) { let x = 0; for (let i = 0; i < n; i++) x = await outer(i); return x; }
module.exports = { outer, viaExecutor, chain };
`;

describe('traceFile: several modules, uninstrumented code', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('thenable jobs of an uninstrumented module keep the queue discipline (CJS)', async () => {
    writeProgram(dir, 'cjs/helper.js', UNINSTRUMENTED_HELPER);
    const file = writeProgram(dir, 'cjs/main.js', `const { outer, viaExecutor, chain } = require('./helper.js');
outer('o1').then((v) => console.log('outer', v));
viaExecutor('e1').then((v) => console.log('executor', v));
chain(3).then((v) => console.log('chain', v));
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2')).then(() => console.log('m3')).then(() => console.log('m4')).then(() => console.log('m5'));
(async () => { console.log('awaited', await outer('a')); })();
setTimeout(async () => { console.log('timer', await viaExecutor('t')); }, 1);`);
    const raw = await traceAgainstNode(file);
    assert.deepEqual(outsideTasks(raw.events), []);
  });

  it('a required module runs inside the script task (CJS)', async () => {
    writeProgram(dir, 'req/sib.js', "console.log('sib body'); Promise.resolve().then(() => console.log('sib micro')); process.nextTick(() => console.log('sib tick'));");
    const file = writeProgram(dir, 'req/main.js', "require('./sib.js');\nconsole.log('main');");
    const raw = await traceAgainstNode(file);
    assert.deepEqual(outsideTasks(raw.events), []);
    const report = disciplineAndConsoleSources(raw);
    assert.deepEqual(report.consoleSources.map((c) => c.source), ['script', 'script', 'nextTick', 'microtask']);
  });

  it('imported module bodies run inside the ES module body task, before the entry; the entry reports its lines', async () => {
    writeProgram(dir, 'esm/package.json', '{ "type": "module" }');
    writeProgram(dir, 'esm/a.js', "console.log('a body');\nPromise.resolve().then(() => console.log('a micro'));\nsetTimeout(() => console.log('a timer'), 0);\nexport const a = 1;");
    writeProgram(dir, 'esm/b.js', "import { a } from './a.js';\nconsole.log('b body', a);\nprocess.nextTick(() => console.log('b tick'));\nexport const b = 2;");
    const file = writeProgram(dir, 'esm/main.js', "import { b } from './b.js';\nimport { a } from './a.js';\nconsole.log('main body', a + b);\nPromise.resolve().then(() => console.log('main micro'));");
    const raw = await traceAgainstNode(file);
    const beforeEntryEnd = raw.events.slice(0, raw.events.findIndex((e) => e[0] === 'done' && e[2] === 'script') + 1);
    assert.deepEqual(outsideTasks(beforeEntryEnd), []);
    const report = disciplineAndConsoleSources(raw);
    assert.deepEqual(report.consoleSources.slice(0, 3).map((c) => `${c.text}:${c.source}`), ['a body:script', 'b body 1:script', 'main body 3:script']);
    const main = consoleEvents(raw).find((e) => e[3] === 'main body 3');
    assert.equal(main?.[4], 3, 'the entry line of the console call');
  });

  it('dynamic import() of a built-in and of a sibling keeps plain node order (ESM)', async () => {
    writeProgram(dir, 'dyn/sib.mjs', "console.log('sib body');\nexport const x = 1;");
    const file = writeProgram(dir, 'dyn/main.mjs', `process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('micro'));
const { EventEmitter } = await import('node:events');
console.log('builtin imported', typeof EventEmitter);
const sib = await import('./sib.mjs');
console.log('sibling imported', sib.x);
setTimeout(() => console.log('timer'), 0);`);
    for (let i = 0; i < 3; i++) await traceAgainstNode(file);
  });

  it('console.log(f()) reports its own line, not the last line run inside f', async () => {
    const file = writeProgram(dir, 'lines.js', `function greet(name) {
  const text = 'hello ' + name;
  return text;
}
async function later() {
  await null;
  return 'later';
}
console.log(greet('a'));
later().then((v) => {
  console.log(v, greet('c'));
});
console.log(greet('b'), 'again');`);
    const raw = await traceAgainstNode(file);
    assert.deepEqual(consoleEvents(raw).map((e) => `${e[3]}@${e[4]}`), ['hello a@9', 'hello b again@13', 'later hello c@11']);
    const greetProbe = raw.probes.findIndex((p) => p.kind === 'function' && p.name === 'greet');
    const callSites = raw.events.filter((e) => e[0] === 'enter' && e[2] === greetProbe).map((e) => e[4]);
    assert.deepEqual(callSites, [9, 13, 11], 'each enter names the line greet was called from');
    assert.deepEqual(raw.events.filter((e) => e[0] === 'suspend').map((e) => e[3]), [6], 'later() stops at its await, line 6');
  });

  it('traces a file reached through a symlinked folder (Node runs the real path) for CJS and ESM', async () => {
    const real = writeProgram(dir, 'real/linked.js', "setTimeout(() => console.log('timer'), 0);\nconsole.log('sync');\n");
    writeProgram(dir, 'real/linked.mjs', "await null;\nconsole.log('after await');\n");
    symlinkSync(path.dirname(real), path.join(dir, 'link'));
    for (const name of ['linked.js', 'linked.mjs']) {
      const viaLink = path.join(dir, 'link', name);
      const raw = await traceAgainstNode(viaLink);
      assert.equal(raw.meta.file, viaLink, 'the trace names the path the user gave');
      assert.ok(raw.events.some((e) => e[0] === 'enqueue' || e[0] === 'suspend'), `${name}: the instrumented code ran`);
    }
  });
});
