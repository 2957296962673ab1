// Live traces: what a promise settled with ('value' records) and Promise.all / race members ('group' and
// 'member' records), read by the tracer without running any of the program's code. The program counts every
// getter, trap, custom inspect and stack formatting of its values, and prints the count at the end: the traced
// output must equal plain node's (plain node as the oracle), with the values recorded.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { buildModel } from '../../src/shared/model';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

const PROGRAM = `
const util = require('node:util');
let ran = 0;
class Tagged { get [Symbol.toStringTag]() { ran++; return 'T'; } static get name() { ran++; return 'T'; } }
class Checked { static [Symbol.hasInstance]() { ran++; return true; } }
const trap = new Proxy({}, { get() { ran++; return 1; }, getOwnPropertyDescriptor() { ran++; return undefined; }, getPrototypeOf() { ran++; return null; }, ownKeys() { ran++; return []; } });
const custom = { [util.inspect.custom]() { ran++; return 'custom'; } };
const withGetter = { get a() { ran++; return 1; }, b: 2 };
const err = new Error('boom');
Error.prepareStackTrace = (e, frames) => { ran++; return 'stack'; };
const values = [new Tagged(), new Checked(), trap, custom, withGetter, err];
const settle = (v, ok) => new Promise((resolve, reject) => (ok ? resolve : reject)(v));
for (const v of values) settle(v, true).then(() => {});
settle(err, false).catch(() => {});
const p = new Promise((resolve) => setTimeout(() => resolve(42), 1));
p.then((v) => console.log('got', v));
async function f() { const x = await Promise.resolve('ok'); return { id: 1, x }; }
f().then((o) => console.log(o.id));
Promise.all([p, Promise.resolve(2), 3]).then((vs) => console.log(vs.join(',')));
Promise.race([p, new Promise(() => {})]).then((v) => console.log('race', v));
console.log(String(Promise.all), Promise.all.name, Promise.all.length, Promise.race.name);
setTimeout(() => console.log('user code run by the tracer: ' + ran), 20);
`;

describe('promise reactions traced: settle values and groups, no user code run', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('records what each promise settled with and the combinators\' members; output as plain node', async () => {
    const file = writeProgram(dir, 'reactions.js', PROGRAM);
    const plain = plainNode(file);
    const raw = await traceFile({ file });
    // resolve(trap) reads its `then` (one trap) in plain node too: the count must be the same, not one more
    assert.deepEqual(consoleTexts(raw.events), plain.lines, 'the same output as plain node, so no user code ran');
    assert.equal(plain.lines[plain.lines.length - 1], 'user code run by the tracer: 1');
    const model = buildModel(raw);
    const values = model.tasks.filter((t) => t.settled).map((t) => `${t.settled!.rejected ? 'x' : 'v'} ${t.settled!.text}`);
    for (const want of ['v {}', 'v Checked {}', 'v Proxy', 'v { a: [Getter], b: 2 }', 'v Error: boom', 'x Error: boom', "v 'ok'", "v { id: 1, x: 'ok' }", 'v 42', 'v 2', 'v 3']) {
      assert.ok(values.includes(want), `${want} in ${JSON.stringify(values)}`);
    }
    const members = model.tasks.filter((t) => t.group).map((t) => `${t.group!.label} #${t.group!.number} ${t.group!.index}/${t.group!.count} L${t.group!.line}`);
    assert.deepEqual(members.sort(), ['Promise.all #1 1/3 L19', 'Promise.all #1 2/3 L19', 'Promise.all #1 3/3 L19', 'Promise.race #2 1/2 L20'].sort());
  });
});
