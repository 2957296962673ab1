// Library project: p-map (an ES module of async functions and async iterables) is the user's code here; a
// mapper of concurrency 2 whose work takes n immediate turns, pMapIterable read with for await, a rejection.
// @options timeoutMs=150000 maxEvents=3000000
import pMap, { pMapIterable } from './lib/p-map/index.js';
const turns = async (n) => { for (let i = 0; i < n; i++) await new Promise((res) => setImmediate(res)); };
const order = [];
const r = await pMap([5, 1, 3, 2, 4], async (n) => { await turns(n * 3); order.push(n); return n * n; }, { concurrency: 2 });
console.log('result', r.join(','), 'finished', order.join(','));
const it = [];
for await (const v of pMapIterable([1, 2, 3], async (n) => n + 10, { concurrency: 2 })) it.push(v);
console.log('iterable', it.join(','));
try { await pMap([1, 2], async (n) => { if (n === 2) throw new Error('two'); return n; }); } catch (e) { console.log('error', e.message); }
