// The instrumented program must behave exactly like the original: same stdout, same errors, same exit code.
// Each spec runs the original with plain `node` (the oracle) and the instrumented code with a stub runtime.
import assert from 'node:assert/strict';
import { cleanupScratch, compareWithPlainNode, type Comparison } from './helpers/instrumentHarness';

interface BehaviourSpec {
  name: string;
  file: string;
  code: string;
  /** Extra checks on the stub's counters (the output comparison always runs). */
  check?: (run: Comparison) => void;
}

const specs: BehaviourSpec[] = [
  {
    name: 'sync functions, hoisting, closures, recursion',
    file: 'sync.js',
    code: `
console.log(early(3));
function early(n) { return n <= 1 ? 1 : n * early(n - 1); }
var later = 1;
function counter() { let c = 0; return () => ++c; }
const next = counter(); next(); console.log(next(), later, typeof hoisted);
var hoisted = function () {};
function inner() { return typeof g; function g() {} }
console.log(inner());
`,
    check: ({ stats }) => {
      assert.equal(stats.counts.e, stats.counts.x, 'every enter has its exit');
      assert.ok(stats.counts.e >= 6);
    },
  },
  {
    name: 'arguments, default params, destructuring, rest, fn.length and fn.name',
    file: 'params.js',
    code: `
function f(a, b = a + 1, { c = 3, ...rest } = {}, [d, , e = 5] = [], ...more) {
  return [a, b, c, rest, d, e, more, arguments.length, arguments[0]];
}
console.log(JSON.stringify(f(1)), JSON.stringify(f(1, 2, { c: 9, z: 1 }, [7, 8], 10, 11)));
function outer() { const arrow = () => arguments[1]; return arrow('ignored'); }
console.log(outer('x', 'y'), f.length, f.name, outer.name);
const named = () => {}; const obj = { m() {}, get g() { return 1; } };
console.log(named.name, obj.m.name, Object.getOwnPropertyDescriptor(obj, 'g').get.name);
`,
  },
  {
    name: 'classes: derived constructors, getters/setters, static, private fields and methods, static blocks',
    file: 'classes.js',
    code: `
class Base {
  #secret = 41;
  static count = 0;
  static { Base.count = 10; }
  constructor(name) { this.name = name; Base.count++; }
  get secret() { return this.#secret + 1; }
  set secret(v) { this.#secret = v; }
  #hidden() { return 'hidden ' + this.name; }
  reveal() { return this.#hidden(); }
  static make(n) { return new this(n); }
  arrowField = () => this.name;
}
class Derived extends Base {
  constructor(name) {
    const before = new.target === Derived;
    super(name + '!');
    this.before = before;
  }
  get secret() { return super.secret * 2; }
}
const d = Derived.make('d');
d.secret = 9;
console.log(d.name, d.secret, d.reveal(), d.before, Base.count, d.arrowField.call(null));
class Broken extends Base { constructor() { this.x = 1; super(); } }
try { new Broken(); } catch (e) { console.log(e.constructor.name, e.message); }
function Plain() { console.log('new.target', new.target === Plain); }
new Plain(); Plain();
`,
    check: ({ stats }) => assert.equal(stats.counts.e, stats.counts.x),
  },
  {
    name: 'async functions and promise ordering',
    file: 'async.js',
    code: `
async function async1() { console.log('async1 start'); await async2(); console.log('async1 end'); }
async function async2() { console.log('async2'); }
console.log('script start');
setTimeout(() => console.log('setTimeout'), 0);
async1();
new Promise((resolve) => { console.log('promise1'); resolve(); }).then(() => console.log('promise2'));
process.nextTick(() => console.log('tick'));
queueMicrotask(() => console.log('microtask'));
async function fails() { await null; throw new Error('nope'); }
fails().catch((e) => console.log('caught', e.message)).finally(() => console.log('finally'));
async function rejects() { try { await Promise.reject(new Error('r')); } catch (e) { return 'handled ' + e.message; } }
rejects().then(console.log);
async function seq() { return await (0, Promise.resolve('seq')); }
seq().then(console.log);
console.log('script end');
`,
    check: ({ stats }) => {
      assert.ok(stats.counts.s >= 4, 'awaits go through R.s');
      assert.ok(stats.counts.c >= 6, 'callbacks go through R.c');
    },
  },
  {
    name: 'return of a promise from async functions and thenables (extra ticks)',
    file: 'thenables.js',
    code: `
async function a() { return Promise.resolve('a'); }
async function b() { return 'b'; }
const c = async () => Promise.resolve('c');
const thenable = { then(r) { console.log('then called'); r('t'); } };
a().then(console.log); b().then(console.log); c().then(console.log);
Promise.resolve(thenable).then(console.log);
new Promise((res) => res(Promise.resolve('resolved with promise'))).then(console.log);
new Promise((res) => { const inner = (res) => res; inner(1); res(); }).then(() => console.log('plain resolve'));
Promise.resolve().then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3'));
`,
    check: ({ stats }) => assert.ok(stats.counts.t >= 5),
  },
  {
    name: 'generators: next(value), return(), throw(), yield*, finally',
    file: 'generators.js',
    code: `
function* gen() {
  try {
    const x = yield 1;
    console.log('got', x);
    yield* [2, 3];
    const y = yield;
    console.log('y', y);
    yield (yield 4) + 1;
  } finally { console.log('cleanup'); }
}
const g = gen();
console.log(g.next(), g.next('a'), g.next(), g.next(), g.next('b'), g.next(10), g.next(20), g.next());
const h = gen(); h.next(); console.log(h.return('early'), h.next());
const k = gen(); k.next(); try { k.throw(new Error('boom')); } catch (e) { console.log('thrown', e.message); }
console.log([...gen()]);
const o = { *items() { yield 'm'; } };
console.log([...o.items()]);
`,
    // return()/throw() at a yield finish the generator without resuming it: fewer resumes than suspends
    check: ({ stats }) => assert.ok(stats.counts.r > 0 && stats.counts.r < stats.counts.s),
  },
  {
    name: 'async generators and for await',
    file: 'asyncgen.js',
    code: `
async function* ticker(n) { for (let i = 0; i < n; i++) { await null; yield i; } }
async function main() {
  for await (const v of ticker(3)) console.log('v', v);
  for await (const w of [Promise.resolve('p'), 'plain']) console.log('w', w);
  const it = ticker(2);
  console.log(await it.next(), await it.return('done'));
  label: for await (const z of ticker(5)) { if (z === 1) continue label; if (z === 3) break label; console.log('z', z); }
}
main().then(() => console.log('main done'));
Promise.resolve().then(() => console.log('interleaved'));
`,
    check: ({ stats }) => assert.ok(stats.counts.fa >= 3),
  },
  {
    name: 'arrow expression bodies: object literals, sequences, nested arrows, this',
    file: 'arrows.js',
    code: `
const obj = () => ({ a: 1 });
const seq = (x) => (x++, x * 2);
const curried = (a) => (b) => (c) => a + b + c;
const withComment = (v) => /* keep */ ({ v });
const iife = (() => 'iife')();
console.log(obj(), seq(1), curried(1)(2)(3), withComment(4), iife);
const holder = { value: 7, get() { return [1].map(() => this.value); } };
console.log(holder.get());
const asyncObj = async () => ({ ok: true });
asyncObj().then((r) => console.log(r));
const defaults = (f = () => 'dflt') => f();
console.log(defaults());
`,
  },
  {
    name: 'labels, break, continue, switch with fallthrough and let in cases',
    file: 'control.js',
    code: `
outer: for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; console.log(i, j); }
block: { console.log('in block'); if (true) break block; console.log('never'); }
function sw(x) {
  switch (x) {
    case 1: let y = 'one';
      console.log(y);
    case 2: console.log('fall to two'); break;
    default: console.log('default');
  }
}
sw(1); sw(2); sw(3);
let n = 0; do n++; while (n < 5); console.log(n);
while (n-- > 3) if (n % 2) console.log('odd', n); else console.log('even', n);
for (const k in { a: 1, b: 2 }) console.log(k);
for (;;) { break; }
if (n) ; else console.log('empty consequent');
`,
    check: ({ stats }) => assert.ok(stats.counts.g > 10, 'loop guards ran'),
  },
  {
    name: 'ASI: lines starting with ( [ and ` after statements without semicolons',
    file: 'asi.js',
    code: `
let a = 1
let b = a
;(function () { console.log('iife', b) })()
;[1, 2].forEach((x) => console.log(x))
const t = String.raw
;\`x\${a}\`
const f = () => 1
console.log(f())
let c = a
++b
console.log(c, b)
function r() {
  return
  42
}
console.log(r())
`,
  },
  {
    name: "hashbang and 'use strict' (function and file level)",
    file: 'strict.js',
    code: `#!/usr/bin/env node
'use strict';
function f() { return this; }
console.log(f());
try { undeclared = 1; } catch (e) { console.log(e.constructor.name); }
`,
  },
  {
    name: "function-level 'use strict' stays a directive",
    file: 'fnstrict.js',
    code: `
function sloppy() { return this === undefined; }
function strict() { 'use strict'; return this === undefined; }
const arrowStrict = () => { 'use strict'; return typeof this; };
console.log(sloppy(), strict(), arrowStrict());
`,
  },
  {
    name: 'try/catch/finally: finally overriding return, rethrow, nested',
    file: 'finally.js',
    code: `
function f() { try { return 'try'; } finally { console.log('finally runs'); } }
function g() { try { throw new Error('x'); } catch (e) { return 'caught ' + e.message; } finally { console.log('g finally'); } }
function h() { try { return 1; } finally { return 2; } }
function deep(n) { if (n === 0) throw new RangeError('bottom'); return deep(n - 1); }
console.log(f(), g(), h());
try { deep(5); } catch (e) { console.log(e.name, e.message); }
`,
  },
  {
    name: 'top-level await in an ES module (ordering against nextTick and promises)',
    file: 'tla.mjs',
    code: `
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
console.log('before');
const v = await new Promise((r) => setTimeout(() => r('timer value'), 1));
console.log('after', v);
for await (const x of [1, Promise.resolve(2)]) console.log('x', x);
export const done = true;
`,
    check: ({ stats, module }) => {
      assert.equal(module, 'esm');
      assert.ok(stats.counts.s >= 1 && stats.counts.fa === 1);
    },
  },
  {
    name: 'CommonJS top-level return',
    file: 'toplevel-return.cjs',
    code: `
console.log('first');
if (module.exports) return;
console.log('never');
`,
  },
  {
    name: 'uncaught error: same message and exit code',
    file: 'throws.js',
    code: `
function fail() { throw new TypeError('bad thing'); }
setTimeout(fail, 1);
console.log('scheduled');
`,
  },
  {
    name: 'unhandled rejection: same message and exit code',
    file: 'reject.js',
    code: `
async function later() { await null; throw new Error('async bad'); }
later();
process.nextTick(() => console.log('tick still runs'));
setTimeout(() => console.log('never runs'), 5);
`,
  },
  {
    name: 'schedule sites: setInterval, setImmediate, globalThis/timers, optional then, spread args',
    file: 'sites.js',
    code: `
const timers = require('timers');
let count = 0;
// each schedule site runs from the callback before it, so the order is Node's rule, not a race: a timer the
// main script makes is stamped with the loop's clock from before the script loaded (on a loaded machine that
// can be 100 ms old), so top-level timers of different delays, or against the first check phase, can swap
const after = () => globalThis.setTimeout(() => { console.log('global timeout'); timers.setTimeout(() => { console.log('timers timeout'); setTimeout(...args); }, 1); }, 1);
const id = setInterval(() => { if (++count === 3) { clearInterval(id); console.log('interval done'); setImmediate((x) => { console.log('immediate', x); after(); }, 'arg'); } }, 1);
const p = Promise.resolve('opt');
p?.then((v) => console.log('optional', v));
const args = [() => console.log('spread cb'), 1];
process.nextTick((a, b) => console.log('tick args', a, b), 1, 2);
Promise.reject(new Error('e')).catch(function handler(e) { console.log('catch', e.message); });
`,
  },
  {
    name: 'getters and setters on objects, computed keys, symbol methods',
    file: 'accessors.js',
    code: `
const key = 'dyn';
const o = {
  _v: 1,
  get v() { return this._v; },
  set v(x) { this._v = x * 10; },
  [key + 'Method']() { return 'computed'; },
  *[Symbol.iterator]() { yield 'a'; yield 'b'; },
  'quoted key'() { return 'q'; },
};
o.v = 2;
console.log(o.v, o.dynMethod(), [...o], o['quoted key'](), Object.keys(o));
`,
  },
  {
    name: 'a var and a function declaration with the same name (legal only outside a block)',
    file: 'varfunction.js',
    code: `
function f() { var g = 1; function g() {} return typeof g; }
function h() { return typeof k; function k() {} function k() { return 2; } }
async function later() { var w; await null; function w() {} return typeof w; }
console.log(f(), h());
later().then(console.log);
`,
  },
  {
    name: 'assorted syntax: async methods with super, #x in, templates with arrows, directive-only bodies',
    file: 'assorted.mjs',
    code: `
class A { async m() { return 'A.m'; } static #p = 1; static has(o) { return #p in o; } }
class B extends A { async m() { await null; return 'B>' + (await super.m()); } }
new B().m().then(console.log);
console.log(A.has(A), A.has({}));
const tpl = \`\${[1, 2].map((n) => n * 2)}-\${(() => 'iife')()}\`;
console.log(tpl);
function onlyDirective() { 'use strict'; }
console.log(onlyDirective());
const awaitBody = async (p) => await p;
awaitBody(Promise.resolve('awaited body')).then(console.log);
const tagged = ((s, ...v) => s.raw.join('|') + v.join(','))\`a\${1}b\${2}c\`;
console.log(tagged);
const { a = (() => 'default arrow')() } = {};
console.log(a, typeof globalThis.__ls_1);
`,
  },
  {
    name: 'TypeScript modules (.mts) with async flow run like esbuild output',
    file: 'flow.mts',
    code: `
type Job = { id: number; delay: number };
const jobs: Job[] = [{ id: 1, delay: 2 }, { id: 2, delay: 1 }];
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function run(job: Job): Promise<string> { await wait(job.delay); return \`job \${job.id}\`; }
const results = await Promise.all(jobs.map(run));
console.log(results.join(', '));
`,
  },
  {
    name: 'sloppy mode: block functions and with',
    file: 'sloppy.js',
    code: `
function f() { if (true) function g() { return 'g'; } return g(); }
console.log(f());
with ({ a: 'from with' }) console.log(a);
var self = this; console.log(self === module.exports);
`,
  },
];

describe('instrumentSource behaves like the original (plain node oracle, stub runtime)', function () {
  this.timeout(30_000);
  after(cleanupScratch);

  for (const spec of specs) {
    it(spec.name, async () => {
      const run = await compareWithPlainNode(spec.code, spec.file);
      assert.equal(run.instrumented.stdout, run.plain.stdout, 'stdout');
      assert.deepEqual(run.instrumented.errors, run.plain.errors, `errors\n${run.instrumented.stderr}`);
      assert.equal(run.instrumented.status, run.plain.status, 'exit code');
      assert.ok(run.stats.counts.l > 0, 'line markers ran');
      spec.check?.(run);
    });
  }

  // Past the call budget, functions run their fast copies (fastCopy.ts): the same output, errors and exit code.
  for (const spec of specs) {
    it(`${spec.name}, with the fast copies running`, async () => {
      const run = await compareWithPlainNode(spec.code, spec.file, { fast: true });
      assert.equal(run.instrumented.stdout, run.plain.stdout, 'stdout');
      assert.deepEqual(run.instrumented.errors, run.plain.errors, `errors\n${run.instrumented.stderr}`);
      assert.equal(run.instrumented.status, run.plain.status, 'exit code');
    });
  }
});
