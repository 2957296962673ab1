// The instrumenter must be correct whatever the layout: each spec is written the way formatters, minifiers and
// people without semicolons write code, and must print what plain node prints for it (stub runtime, as in
// instrument.behaviour.test.ts). Every edit lands at an AST boundary and may not join with or split from its
// neighbours: a line break after `=>`, `return"c"`, a directive without `;`, lines starting with `(`.
import assert from 'node:assert/strict';
import { parse } from 'acorn';
import { cleanupScratch, compareWithPlainNode } from './helpers/instrumentHarness';

interface LayoutSpec {
  name: string;
  code: string;
  file?: string;
}

const specs: LayoutSpec[] = [
  {
    name: 'arrow expression body on the next line (Prettier at a narrow width)',
    code: `
const fakeFetch = (name, ms = 15) =>
  new Promise((resolve) => setTimeout(() => resolve(name), ms));
const add = (a) => (b) =>
  a + b;
(async () => {
  console.log(await Promise.all([fakeFetch('a', 5), fakeFetch('b', 1)]));
  console.log(add(1)(2));
  await fakeFetch('x').then((v) => console.log('then', v));
})();
`,
  },
  {
    name: 'minified: no space after return, await, yield, of, case, else',
    code: `async function c(){return"c"}function d(){return"d"}async function*g(){yield"y";yield*["z"]}
const y=async()=>await"w";const n=async()=>{for await(const x of[1,2])console.log(x);return[3]}
function s(v){switch(v){case"a":return"A";default:return"D"}}
function e(v){if(v)return"t";else return"f"}
(async()=>{console.log(await c(),d(),await y(),await n(),s("a"),e(0));for await(const v of g())console.log(v)})();`,
  },
  {
    name: 'comments between => and the body',
    code: `
const a = () => // the answer
  42;
const b = () => /* an object */ ({ k: 1 });
const c = async () =>
  // resolved later
  new Promise((r) => setTimeout(r, 1, 'c'));
const d = () => (
  // inside the parentheses
  'd'
);
c().then((v) => console.log(a(), b().k, v, d()));
`,
  },
  {
    name: 'sequence expressions and object literals as arrow bodies',
    code: `
let n = 0;
const seq = () => (n++, n++, n);
const obj = () => ({ n, twice: n * 2 });
const asyncSeq = async () => (n++, Promise.resolve(n));
const asyncObj = async () => ({ then: undefined, n });
asyncSeq().then((v) => console.log(seq(), obj(), v));
asyncObj().then((o) => console.log(o));
`,
  },
  {
    name: 'directives without semicolons, in functions and at the top',
    code: `'use strict'
function f() { 'use strict'
  return typeof this }
function g() {"use strict"; "another directive"
  return this }
const h = function () { 'use strict' }
console.log(f(), g(), h())
`,
  },
  {
    name: 'labels on loops and blocks, without braces',
    code: `
outer: for (let i = 0; i < 3; i++) inner: for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; console.log(i, j); }
block: { console.log('in block'); if (Date.now() > 0) break block; console.log('never'); }
let k = 0
lbl: while (k < 3) k++
console.log(k)
do k--; while (k > 0)
const loop = () => { again: for (;;) { k++; if (k < 2) continue again; break again } return k }
console.log(loop())
`,
  },
  {
    name: 'no semicolons: lines starting with ( [ and a template literal',
    code: `
let a = 1
;[1, 2].forEach((x) => console.log('item', x))
;(() => console.log('iife'))()
;\`tpl\`.split('').forEach((c) => console.log(c))
const t = () =>
  \`x\${a}\`
console.log(t())
const f = async () => {
  await null
  ;[a] = [2]
  console.log(a)
}
f()
`,
  },
  {
    name: 'if/else chains without braces or spaces, async x=>x',
    code: `let x;if(1)x=1;else if(2)x=2;else x=3
const id=async x=>x,id2=async(x)=>x,sync=x=>x
if(x)console.log(sync(x));else console.log('no')
id(5).then(v=>console.log(v));id2(6).then(console.log)`,
  },
  {
    name: 'generators without semicolons: yield at line end',
    code: `
function* g() {
  const v = yield
  console.log('got', v)
  yield* [1, 2]
  yield (yield 3) + 1
}
const it = g()
console.log(it.next(), it.next('a'), it.next(), it.next(), it.next(), it.next(9), it.next())
`,
  },
  {
    name: 'unicode and escaped identifiers next to inserted text',
    code: `
const ünï = async () => 'ü'
async function \\u0061b() { return\u00a0'escaped' }
const $ = async () => { return$1() }
const $1 = () => 1
ünï().then(console.log); ab().then(console.log); $().then(console.log)
`,
  },
];

describe('instrumentSource in any layout (plain node oracle, stub runtime)', function () {
  this.timeout(60_000);
  after(cleanupScratch);

  for (const spec of specs) {
    it(spec.name, async () => {
      const run = await compareWithPlainNode(spec.code, spec.file ?? 'layout.js');
      assert.doesNotThrow(() => parse(run.result.code, { ecmaVersion: 'latest', sourceType: 'script', allowReturnOutsideFunction: true }));
      assert.equal(run.instrumented.stdout, run.plain.stdout, 'stdout');
      assert.deepEqual(run.instrumented.errors, run.plain.errors, `errors\n${run.instrumented.stderr}`);
      assert.equal(run.instrumented.status, run.plain.status, 'exit code');
      assert.ok(run.stats.counts.e > 0, 'functions were instrumented');
    });
  }
});
