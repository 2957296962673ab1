// Library code between two user frames (an EventEmitter's emit, Array.map / forEach, a node_modules package
// calling back): the traced stack shows it once, marked as library code, where V8's own stack (new Error().stack
// at the same place, in plain node) has it. The oracle: the program prints V8's stack in plain node; the runs of
// frames outside the program's file between two of its frames collapse to the outermost (the one it called).

import assert from 'node:assert/strict';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import { formatTextReport } from '../../src/cli/textReport';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';
import { testNodePath } from '../support/testNode';

/** A frame as compared: `name` for the program's own functions, `[name@file]` for library code. */
type Shown = string;

/** V8's stack printed as `STACK <json of error.stack>` lines by the program, in plain node: expected frames, bottom to top. */
function v8Stacks(lines: string[], file: string): Shown[][] {
  return lines
    .filter((l) => l.startsWith('STACK '))
    .map((l) => {
      const frames = (JSON.parse(l.slice(6)) as string)
        .split('\n')
        .slice(1)
        .map((f) => {
          const m = /^\s*at (?:(.*?) \()?(.*?)(?::\d+:\d+)?\)?$/.exec(f)!;
          const location = m[2];
          return { name: m[1] ?? '(anonymous)', user: location === file, location };
        });
      // from the top (the function that printed) down to the lowest of the program's functions that is not its
      // module body: below it is Node's module loader
      let last = frames.length - 1;
      while (last >= 0 && !(frames[last].user && frames[last].name !== 'Object.<anonymous>')) last--;
      const shown: Shown[] = [];
      for (let i = 0; i <= last; i++) {
        const f = frames[i];
        if (f.user) shown.push(f.name.replace(/^.*\./, ''));
        // the outermost of a run of library frames: the next one down is the program's
        else if (frames[i + 1]?.user) shown.push(`[${f.name}@${libraryOf(f.location)}]`);
      }
      return shown.reverse();
    });
}

/** How the traced stack names a library frame's place: `node:events`, a package's name, null for a builtin. */
function libraryOf(location: string): string | null {
  if (location === '<anonymous>' || location === 'native') return null;
  if (location.startsWith('node:')) return location;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(location);
  return m ? m[1] : location;
}

/** The traced stack at each `STACK` console line, bottom to top, library frames as V8 names them (Type.name). */
function tracedStacks(doc: ReturnType<typeof traceDocument>): { shown: Shown[]; library: { name: string; file: string | null }[] }[] {
  return doc.console
    .filter((c) => c.text.startsWith('STACK '))
    .map((c) => {
      const stack = doc.steps[c.step].stack;
      return {
        shown: stack.map((f) => ('library' in f ? `[${f.name}@${f.file}]` : f.name.replace(/^.*\./, ''))),
        library: stack.filter((f) => 'library' in f).map((f) => ({ name: f.name, file: f.file })),
      };
    });
}

/** V8 names a library frame `EventEmitter.emit` where the trace says `emit`: compare up to V8's type prefix. */
function sameFrames(traced: Shown[], v8: Shown[]): boolean {
  return traced.length === v8.length && traced.every((t, i) => t === v8[i] || (t.startsWith('[') && v8[i].startsWith('[') && v8[i].endsWith(t.slice(1)) && v8[i][v8[i].length - t.length] === '.'));
}

describe('library frames between user frames', function () {
  this.timeout(60_000);
  before(() => ensureBuilt());

  it('emit, Array.map, Array.forEach and a node_modules package calling back: one library frame each, where V8 has it', async () => {
    const dir = tempDir();
    writeProgram(dir, 'node_modules/each-later/package.json', '{ "name": "each-later", "main": "index.js" }');
    writeProgram(dir, 'node_modules/each-later/index.js', `
function callOne(fn, x) { return fn(x); }
exports.each = function each(xs, fn) { for (const x of xs) callOne(fn, x); };
`);
    const file = writeProgram(dir, 'main.js', `const EventEmitter = require('events');
const { each } = require('each-later');
const show = () => console.log('STACK ' + JSON.stringify(new Error().stack));
const bus = new EventEmitter();
bus.on('ping', function onPing() { show(); });
function direct() { show(); }
function mapped(x) { show(); return x; }
function visit(x) { show(); }
function main() {
  bus.emit('ping');
  [1].map(mapped);
  [2].forEach(visit);
  each([3], visit);
  direct();
}
main();
`);
    const plain = plainNode(file, testNodePath());
    const expected = v8Stacks(plain.lines, file);
    const raw = await traceFile({ file, nodePath: testNodePath() });
    assert.equal(consoleTexts(raw.events).length, plain.lines.length, 'prints as many lines as plain node');
    const model = buildModel(raw);
    const traced = tracedStacks(traceDocument(model));
    assert.equal(traced.length, 5);
    for (let i = 0; i < expected.length; i++) assert.ok(sameFrames(traced[i].shown, expected[i]), `stack ${i}: traced ${JSON.stringify(traced[i].shown)}, V8 ${JSON.stringify(expected[i])}`);
    // the library frames as the JSON names them, and a direct call without one
    assert.deepEqual(traced.map((t) => t.library), [
      [{ name: 'emit', file: 'node:events' }],
      [{ name: 'Array.map', file: null }],
      [{ name: 'Array.forEach', file: null }],
      [{ name: 'each', file: 'each-later' }],
      [],
    ]);
    // the step's sentence says who called it
    const sentences = traceDocument(model).steps.filter((s) => s.kind === 'push').map((s) => s.description);
    assert.ok(sentences.includes('`onPing` is called by `emit` (library code, node:events): its frame (line 5) is pushed onto the call stack'), JSON.stringify(sentences));
    assert.ok(sentences.includes('`mapped` is called by `Array.map` (library code): its frame (line 7) is pushed onto the call stack'), JSON.stringify(sentences));
    assert.ok(sentences.includes('`direct` is called: its frame (line 6) is pushed onto the call stack'), JSON.stringify(sentences));
    // the text report shows the stack of a line printed through library code
    const text = formatTextReport(model);
    assert.match(text, /· in main > emit \(library: node:events\) > onPing > show/);
    assert.match(text, /· in main > Array\.map \(library\) > mapped > show/);
  });

  it('the same function called directly and through a library from different lines: each call as it went', async () => {
    const file = writeProgram(tempDir(), 'mixed.js', `const show = () => console.log('STACK ' + JSON.stringify(new Error().stack));
function f(x) { show(); return x; }
function main() {
  for (let i = 0; i < 3; i++) {
    f(i);
    [i].map(f);
  }
}
main();
`);
    const expected = v8Stacks(plainNode(file, testNodePath()).lines, file);
    const traced = tracedStacks(traceDocument(buildModel(await traceFile({ file, nodePath: testNodePath() }))));
    assert.equal(traced.length, 6);
    for (let i = 0; i < expected.length; i++) assert.ok(sameFrames(traced[i].shown, expected[i]), `stack ${i}: traced ${JSON.stringify(traced[i].shown)}, V8 ${JSON.stringify(expected[i])}`);
  });

  it("the user's Error.prepareStackTrace and stackTraceLimit keep working, untouched, and are never called by the tracer", async () => {
    const file = writeProgram(tempDir(), 'prepare.js', `let calls = 0;
Error.stackTraceLimit = 3;
Error.prepareStackTrace = function mine(err, sites) { calls++; return 'mine:' + sites.length; };
const EventEmitter = require('events');
const bus = new EventEmitter();
function listener(n) { return n + 1; }
bus.on('x', listener);
function main() {
  for (let i = 0; i < 5; i++) bus.emit('x', i);
  [1, 2, 3].map(listener);
  console.log(new Error('e').stack, Error.stackTraceLimit, Error.prepareStackTrace.name, calls);
  Object.defineProperty(Error, 'prepareStackTrace', { get() { calls += 100; return mine2; }, configurable: true });
  function mine2() { return 'two'; }
  bus.emit('x', 9);
  console.log(calls);
}
main();
`);
    const raw = await traceFile({ file, nodePath: testNodePath() });
    assert.deepEqual(consoleTexts(raw.events), plainNode(file, testNodePath()).lines);
    assert.deepEqual(consoleTexts(raw.events), ['mine:3 3 mine 1', '1']);
    const doc = traceDocument(buildModel(raw));
    // before the getter: library frames found; after it, none taken (that would call the user's getter)
    const libraries = doc.steps.flatMap((s) => s.stack.filter((f) => 'library' in f).map((f) => f.name));
    assert.ok(libraries.includes('emit') && libraries.includes('Array.map'), JSON.stringify([...new Set(libraries)]));
  });

  it('a program that replaced the global Error: no stack is read (Node would format it with theirs), the run is as in plain node', async () => {
    const file = writeProgram(tempDir(), 'replaced.js', `const EventEmitter = require('events');
const Original = Error;
let formatted = 0;
globalThis.Error = function Error(m) { return new Original(m); };
globalThis.Error.prepareStackTrace = () => { formatted++; return 'theirs'; };
const bus = new EventEmitter();
function listener(n) { return n; }
bus.on('x', listener);
function main() {
  for (let i = 0; i < 3; i++) bus.emit('x', i);
  [1, 2].map(listener);
  console.log('formatted', formatted);
}
main();
`);
    const raw = await traceFile({ file, nodePath: testNodePath() });
    assert.deepEqual(consoleTexts(raw.events), plainNode(file, testNodePath()).lines);
    assert.deepEqual(consoleTexts(raw.events), ['formatted 0']);
    const doc = traceDocument(buildModel(raw));
    assert.equal(doc.steps.filter((s) => s.stack.some((f) => 'library' in f)).length, 0, 'no library frame without a stack');
  });

  it('an ES module entry: its frames are recognised by their file: URL', async () => {
    const file = writeProgram(tempDir(), 'main.mjs', `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
function listener() { console.log('heard'); }
bus.on('x', listener);
function main() {
  bus.emit('x');
  listener();
}
main();
`);
    const doc = traceDocument(buildModel(await traceFile({ file, nodePath: testNodePath() })));
    const stacks = doc.console.map((c) => doc.steps[c.step].stack.map((f) => ('library' in f ? `[${f.name}@${f.file}]` : f.name)));
    assert.deepEqual(stacks, [['main', '[emit@node:events]', 'listener'], ['main', 'listener']]);
    assert.equal(path.extname(file), '.mjs');
  });
});
