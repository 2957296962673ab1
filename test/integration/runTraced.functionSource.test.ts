// The original source stays observable under tracing: `fn.toString()`, `String(fn)`, `fn.name`, `fn.length`
// and `new Error().stack` positions are those of plain node on the same file (the oracle), for every kind of
// function the instrumenter touches, in several layouts.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { transform } from 'esbuild';
import { traceFile } from '../../src/core/runTraced';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

const PROGRAM = `
function declared(a, b = 1) { return a + b; }
const arrow = (name, ms = 150) =>
  new Promise((resolve) => setTimeout(() => resolve(name), ms));
const asyncArrow = async x => x * 2;
async function c(){return"c"}
function* gen() { yield 1; }
async function* agen() { yield await 2; }
class Shape {
  static count = 0;
  static { Shape.count++; }
  #side = 2;
  area = () => this.#side ** 2;
  constructor(name) { this.name = name; }
  get label() { return 'shape ' + this.name; }
  set label(v) { this.name = v; }
  static make() { return new Shape('made'); }
  async load() { await null; return 1; }
  *[Symbol.iterator]() { yield this.name; }
}
const obj = { method() { return 1; }, async am() {}, get g() { return 2; }, ['comp' + 'uted']() {} };
const fns = [declared, arrow, asyncArrow, c, gen, agen, Shape, Shape.make, Shape.prototype.load, new Shape('s').area,
  Object.getOwnPropertyDescriptor(Shape.prototype, 'label').get, Object.getOwnPropertyDescriptor(Shape.prototype, 'label').set,
  Shape.prototype[Symbol.iterator], obj.method, obj.am, Object.getOwnPropertyDescriptor(obj, 'g').get, obj.computed,
  declared.bind(null), Math.max, Function.prototype.toString];
for (const f of fns) console.log(JSON.stringify([String(f), f.toString(), \`\${f}\`, f.name, f.length]));
console.log(Function.prototype.toString.call(Function.prototype.toString), Function.prototype.toString.name);
try { Function.prototype.toString.call({}); } catch (e) { console.log(e.constructor.name, e.message); }
function where() { return new Error('here').stack.split('\\n').slice(0, 3).map((l) => l.replace(/\\(.*[\\/\\\\]/, '(')).join(' | '); }
console.log(where());
setTimeout(function later() { console.log(String(later)); }, 1);
`;

describe('traceFile: the original source stays observable', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const layouts: Record<string, (code: string) => Promise<string>> = {
    'as written': async (code) => code,
    'esbuild whitespace-minified': async (code) => (await transform(code, { loader: 'js', minifyWhitespace: true })).code,
  };
  for (const [layout, render] of Object.entries(layouts)) {
    it(`toString, name, length and stack positions equal plain node (${layout})`, async () => {
      const file = writeProgram(dir, `${layout.replace(/\W/g, '-')}.js`, await render(PROGRAM));
      const plain = plainNode(file);
      assert.equal(plain.status, 0, plain.stderr);
      const raw = await traceFile({ file });
      assert.equal(raw.meta.exit.reason, 'completed');
      assert.deepEqual(consoleTexts(raw.events), plain.lines);
      // every call counted: the functions with a fast copy run it (src/core/instrument/fastCopy.ts)
      const counted = await traceFile({ file, callBudget: 0 });
      assert.equal(counted.events.filter((e) => e[0] === 'enter').length, 0);
      assert.deepEqual(consoleTexts(counted.events), plain.lines);
    });
  }

  it('stack positions in fast copies (every call counted) equal plain node', async () => {
    const file = writeProgram(
      dir,
      'fast-stacks.js',
      String.raw`function inner(k) {
  return new Error('at ' + k).stack.split('\n').slice(1, 3).join(' ').replace(/\(\S*[\/\\]/g, '(');
}
const outer = (k) =>
  inner(k);
for (let i = 0; i < 3; i++) console.log(outer(i));
`,
    );
    const plain = plainNode(file);
    assert.equal(plain.status, 0, plain.stderr);
    const raw = await traceFile({ file, callBudget: 0 });
    assert.deepEqual(consoleTexts(raw.events), plain.lines);
  });

  it('TypeScript: toString gives the JavaScript plain node runs for that file (esbuild output)', async () => {
    const source = `enum Color { Red }\nconst typed = (n: number): Promise<number> =>\n  Promise.resolve(n + Color.Red);\nclass Box<T> { constructor(private value: T) {}\n  get(): T { return this.value; } }\nconsole.log(String(typed), String(Box), String(Box.prototype.get));\n`;
    const file = writeProgram(dir, 'typed.ts', source);
    const js = writeProgram(dir, 'typed-oracle.js', (await transform(source, { loader: 'ts', target: 'esnext' })).code);
    const raw = await traceFile({ file });
    assert.deepEqual(consoleTexts(raw.events), [plainNode(js).lines.join('\n')]);
  });
});
