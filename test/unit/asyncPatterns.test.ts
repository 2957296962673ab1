// The source side of the async insights: which places are sequential independent awaits and which promises
// float, on hand-written JavaScript and TypeScript, with the near misses that must not be found.

import assert from 'node:assert/strict';
import { transpileSource } from '../../src/core/transpile';
import { instrumentSource } from '../../src/core/instrument';
import type { SourcePatterns } from '../../src/shared/sourcePatterns';

async function patternsOf(source: string, file = '/tmp/p.js'): Promise<SourcePatterns> {
  const transpiled = await transpileSource(source, file, { module: 'cjs' });
  return instrumentSource(transpiled, { file, module: 'cjs', originalSource: source }).patterns;
}

describe('async patterns in the source', () => {
  it('independent awaits that bind their results, in one function', async () => {
    const p = await patternsOf(`
async function load() {
  let c;
  const a = await getA();
  const { b } = await getB(1);
  c = await getC('x');
  return [a, b, c];
}`);
    assert.deepEqual(p.sequentialAwaits, [{ functionName: 'load', functionLine: 2, lines: [4, 5, 6] }]);
  });

  it('near misses: a dependent await splits the run; a Promise.all, dropped results and a single await are not runs', async () => {
    const p = await patternsOf(`
const orders = async () => {
  const user = await findUser();
  const orders = await findOrders(user.id);
  await save(1);
  await save(2);
  return orders;
};
async function together() {
  const [a, b] = await Promise.all([getA(), getB()]);
  return a + b;
}`);
    assert.deepEqual(p.sequentialAwaits, []);
  });

  it('a dependent await ends one run, and a new run can start after it', async () => {
    const p = await patternsOf(`
async function f() {
  const a = await one();
  const b = await two();
  const c = await three(a);
  const d = await four();
}`);
    assert.deepEqual(p.sequentialAwaits.map((s) => s.lines), [[3, 4], [5, 6]]);
  });

  it("TypeScript: lines are the original file's", async () => {
    const source = `interface U { id: number }
declare function getU(): Promise<U>;

async function both(): Promise<void> {
  const first: U = await getU();
  const second: U = await getU();
  console.log(first, second);
}`;
    const transpiled = await transpileSource(source, '/tmp/p.ts', { module: 'cjs' });
    const p = instrumentSource(transpiled, { file: '/tmp/p.ts', module: 'cjs', originalSource: source }).patterns;
    assert.deepEqual(p.sequentialAwaits, [{ functionName: 'both', functionLine: 4, lines: [5, 6] }]);
  });

  it('floating promises: forEach(async), a dropped map(async), an unread map(async), a bare call of an async function', async () => {
    const p = await patternsOf(`
async function save(x) { await null; }
async function run(items) {
  items.forEach(async (i) => { await save(i); });
  items.map(async (i) => save(i));
  const unread = items.map(async function (i) { await save(i); });
  save(1);
}`);
    assert.deepEqual(p.floatingPromises, [
      { kind: 'forEach', callee: 'forEach', line: 4 },
      { kind: 'map', callee: 'map', line: 5 },
      { kind: 'map', callee: 'map', line: 6 },
      { kind: 'call', callee: 'save', line: 7 },
    ]);
  });

  it('near misses: awaited, awaited later, returned, handled, passed to Promise.all, a top-level main(), sync callbacks', async () => {
    const p = await patternsOf(`
async function save(x) { await null; }
async function run(items) {
  await save(0);
  const later = save(1);
  await Promise.all(items.map(async (i) => save(i)));
  const saves = items.map(async (i) => save(i));
  await Promise.allSettled(saves);
  save(2).catch(() => {});
  items.forEach((i) => console.log(i));
  await later;
  return save(3);
}
run([1]);`);
    assert.deepEqual(p.floatingPromises, []);
  });

  it('0 ms timers: no delay, 0 and 1 (Node makes them all 1 ms); not 2, not a variable', async () => {
    const p = await patternsOf(`
setTimeout(() => {});
setTimeout(() => {}, 0);
timers.setTimeout(f, 1);
setTimeout(f, 2);
setTimeout(f, delay);
setImmediate(f);`);
    assert.deepEqual(p.zeroDelayTimers, [2, 3, 4]);
  });
});
