// Real child runs: the console output Loopscope records equals plain node's stdout, each line comes from the
// queue Node's rules say, and the event stream obeys the queue discipline (every run at the head of its queue).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import type { RawTrace, TaskSource } from '../../src/shared/rawTrace';
import { disciplineAndConsoleSources } from './helpers/queueDiscipline';
import { plainNode, tempDir, writeProgram } from './helpers/programs';

interface Case {
  name: string;
  code: string;
  /** text of a console line -> the queue its task came from */
  sources?: Record<string, TaskSource>;
  reason?: string;
  oracle?: false; // TypeScript: plain node 20 cannot run it; compare with `expected`
  expected?: string[];
}

const CASES: Case[] = [
  {
    name: 'basic.js',
    code: `console.log('1 sync');
setTimeout(() => console.log('6 timeout'), 0);
Promise.resolve().then(() => console.log('4 promise'));
queueMicrotask(() => console.log('5 queueMicrotask'));
process.nextTick(() => console.log('3 nextTick'));
console.log('2 sync end');`,
    sources: { '1 sync': 'script', '3 nextTick': 'nextTick', '4 promise': 'microtask', '5 queueMicrotask': 'microtask', '6 timeout': 'timer' },
  },
  {
    name: 'asyncClassic.js',
    code: `async function async1() { console.log('async1 start'); await async2(); console.log('async1 end'); }
async function async2() { console.log('async2'); }
console.log('script start');
setTimeout(() => console.log('setTimeout'), 0);
async1();
new Promise(resolve => { console.log('promise1'); resolve(); }).then(() => console.log('promise2'));
console.log('script end');`,
    sources: { 'async1 end': 'microtask', promise2: 'microtask', async2: 'script' },
  },
  {
    name: 'returnPromise.js',
    code: `Promise.resolve().then(() => { console.log(0); return Promise.resolve(4); }).then(x => console.log(x));
Promise.resolve().then(() => console.log(1)).then(() => console.log(2)).then(() => console.log(3)).then(() => console.log(5)).then(() => console.log(6));`,
  },
  {
    name: 'thenables.js',
    code: `const thenable = { then(r) { console.log('then() called'); r('T'); } };
Promise.resolve(thenable).then(v => console.log('resolved with', v));
(async () => { const v = await thenable; console.log('await', v); })();
const base = Promise.resolve('base');
new Promise(r => r(base)).then(() => console.log('r(p)'));
Promise.resolve(base).then(() => console.log('Promise.resolve(p)'));
async function b() { return Promise.resolve('b'); }
b().then(console.log);
Promise.resolve().then(() => console.log('a')).then(() => console.log('b2')).then(() => console.log('c')).then(() => console.log('d'));
console.log('sync');`,
  },
  {
    name: 'ticksAndMicrotasks.js',
    code: `Promise.resolve().then(() => { console.log('p1'); process.nextTick(() => console.log('tick from p1')); Promise.resolve().then(() => console.log('p1-inner')); });
Promise.resolve().then(() => console.log('p2'));
process.nextTick(() => { console.log('t1'); Promise.resolve().then(() => console.log('p from t1')); process.nextTick(() => console.log('t1-inner')); });
process.nextTick(() => console.log('t2'));`,
    sources: { 't1-inner': 'nextTick', 'tick from p1': 'nextTick', 'p from t1': 'microtask' },
  },
  {
    // Both immediates come from one timer: two 5 ms timers made in sequence can straddle a millisecond tick
    // and fire in different loop turns, which reorders the immediates in plain node too (seen under load).
    name: 'timersAndImmediates.js',
    code: `setTimeout(() => { console.log('timeout 1'); Promise.resolve().then(() => console.log('promise in timeout 1')); process.nextTick(() => console.log('tick in timeout 1')); }, 0);
setTimeout(() => console.log('timeout 2'), 0);
setTimeout(() => { setImmediate(() => { console.log('imm 1'); setImmediate(() => console.log('imm 3')); }); setImmediate(() => console.log('imm 2')); }, 5);
let n = 0; const h = setInterval(() => { console.log('interval', ++n); if (n === 3) clearInterval(h); }, 60);
const never = setTimeout(() => console.log('never'), 1); clearTimeout(never);`,
    sources: { 'timeout 2': 'timer', 'imm 3': 'immediate', 'interval 3': 'timer', 'tick in timeout 1': 'nextTick' },
  },
  {
    name: 'io.js',
    code: `require('fs').readFile(__filename, () => {
  console.log('readFile callback');
  setTimeout(() => console.log('timeout'), 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('nextTick'));
});`,
    sources: { 'readFile callback': 'io', immediate: 'immediate', timeout: 'timer' },
  },
  {
    name: 'fsPromises.js',
    code: `const fsp = require('fs').promises;
(async () => { const d = await fsp.readFile(__filename, 'utf8'); console.log('read', d.length > 0); })();
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2'));
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));`,
    sources: { 'read true': 'microtask' },
  },
  {
    name: 'closePhase.js',
    code: `const net = require('net');
const srv = net.createServer((sock) => {
  sock.destroy();
  sock.on('close', () => console.log('socket close'));
  setTimeout(() => { console.log('timeout'); srv.close(); }, 0);
  setImmediate(() => console.log('immediate'));
  process.nextTick(() => console.log('nextTick'));
});
srv.listen(0, '127.0.0.1', () => { net.connect(srv.address().port, '127.0.0.1').on('error', () => {}); });`,
    sources: { 'socket close': 'close', immediate: 'immediate', nextTick: 'nextTick' },
  },
  {
    name: 'generators.js',
    code: `async function* gen() { yield 1; yield 2; }
(async () => { for await (const v of gen()) console.log('for-await', v); console.log('loop done'); })();
function* sync() { const x = yield 'a'; console.log('got', x); yield 'b'; }
const it = sync(); console.log(it.next().value); console.log(it.next(42).value);
async function f() { try { await null; throw new Error('E'); } catch (e) { console.log('catch', e.message); await null; return 'r'; } finally { console.log('finally'); await null; } }
f().then(v => console.log('result', v));
Promise.resolve().then(() => console.log('a')).then(() => console.log('b')).then(() => console.log('c')).then(() => console.log('d')).then(() => console.log('e'));`,
  },
  {
    name: 'module.mjs',
    code: `process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('promise'));
console.log('sync');
await null;
console.log('after TLA');
await new Promise(r => setTimeout(r, 5));
console.log('after timer');`,
    sources: { sync: 'script', promise: 'microtask', 'after TLA': 'microtask', 'after timer': 'microtask' },
  },
  {
    name: 'unhandled.js',
    code: `Promise.reject(new Error('nobody catches me'));
Promise.resolve().then(() => console.log('microtask still runs'));
process.nextTick(() => console.log('nextTick still runs'));
setTimeout(() => console.log('never printed'), 0);`,
    reason: 'uncaught-error',
  },
  {
    name: 'typed.ts',
    code: `interface Job { name: string; delay: number }
enum Kind { A, B }
const jobs: Job[] = [{ name: 'slow', delay: 30 }, { name: 'fast', delay: 1 }];
async function run(job: Job): Promise<string> { await new Promise<void>((r) => setTimeout(r, job.delay)); return job.name; }
async function main(): Promise<void> {
  const first: string = await Promise.race(jobs.map(run));
  console.log('race winner', first, Kind[Kind.B]);
}
main().then(() => console.log('done'));
console.log('sync end');`,
    oracle: false,
    expected: ['sync end', 'race winner fast B', 'done'],
  },
];

/** LOOPSCOPE_TEST_NODE=/path/to/node runs the same checks on another Node (22, 24). */
const nodePath = process.env.LOOPSCOPE_TEST_NODE;

describe('traceFile: real child runs vs plain node', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of CASES) {
    it(c.name, async () => {
      const file = writeProgram(dir, c.name, c.code);
      const raw: RawTrace = await traceFile({ file, nodePath });
      const report = disciplineAndConsoleSources(raw);
      assert.deepEqual(report.violations, [], 'queue discipline');
      const stdout = report.consoleSources.filter((x) => x.stream === 'stdout');
      const texts = stdout.map((x) => x.text).join('\n').split('\n');
      if (c.oracle === false) {
        assert.deepEqual(texts, c.expected);
      } else {
        const oracle = plainNode(file, nodePath);
        assert.deepEqual(texts, oracle.lines, 'console output = plain node stdout');
        assert.equal(raw.meta.exit.code, oracle.status);
      }
      for (const [text, source] of Object.entries(c.sources ?? {})) {
        const line = stdout.find((x) => x.text === text);
        assert.ok(line, `console line ${text}`);
        assert.equal(line.source, source, `queue of "${text}"`);
      }
      const ends = raw.events.filter((e) => e[0] === 'end');
      assert.equal(ends.length, 1);
      assert.equal(raw.events[raw.events.length - 1][0], 'end');
      assert.equal(raw.meta.exit.reason, c.reason ?? 'completed');
      assert.equal(raw.meta.module, c.name.endsWith('.mjs') ? 'esm' : 'cjs');
      assert.match(raw.meta.node, /^v\d+\./);
    });
  }
});
