// Tracing a selection with its context (`--lines A-B`, Visualize Selection): the selected statements run,
// widened to whole statements, with the top-level declarations they use wherever those sit; nothing else
// runs. Each case states by hand what must print and what must be reported as brought in.

import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { traceFile } from '../../src/core/runTraced';
import { LoopscopeInputError } from '../../src/core/errors';
import { SelectionInsideFunctionError } from '../../src/core/selection/planSelection';
import type { RawTrace, SelectionMeta } from '../../src/shared/rawTrace';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { buildModel } from '../../src/shared/model';
import { traceDocumentChunks } from '../../src/shared/traceDocument';
import { formatTextReport } from '../../src/cli/textReport';
import { consoleTexts, tempDir, writeProgram } from './helpers/programs';

const BUS_TS = `import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';

const PREFIX = '>';
const bus = new EventEmitter();
enum Level { Low = 1, High = 2 }
namespace Units { export const ms = 'ms'; }

function log(msg: string) { console.log(PREFIX, msg, Level.High); }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

bus.on('done', (n: number) => log('bus got ' + n + Units.ms));
console.log('top-level side effect');

async function main() {
  await sleep(5);
  log('after sleep');
  bus.emit('done', 5);
}
main();
`;

const BUS_JS = `const { EventEmitter } = require('events');
const bus = new EventEmitter();
bus.on('ping', (n) => console.log('got', n));
function helper(n) { return n * 2; }
console.log('noise');
bus.emit('ping', helper(2));
`;

const CALLBACK_JS = `const label = 'timer';
console.log('before');
setTimeout(() => {
  console.log(label);
}, 0);
console.log('after')
;[1, 2].forEach((n) => console.log('n', n))
`;

describe('selection with its context', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const trace = (name: string, code: string, from: number, to: number): Promise<RawTrace> =>
    traceFile({ file: writeProgram(dir, name, code), lines: { from, to } });

  it('TypeScript: a function and its call bring in the imports, constants, helpers, enum and namespace they use; nothing else runs', async () => {
    const raw = await trace('bus.ts', BUS_TS, 15, 20);
    // the selection's own output and the bus handler are absent: `bus.on` (line 12) is outside the selection
    assert.deepEqual(consoleTexts(raw.events), ['> after sleep 2']);
    const expected: SelectionMeta = {
      ran: { from: 15, to: 20 },
      alsoRan: [
        { kind: 'imports', names: ['EventEmitter'], from: 1, to: 1 },
        { kind: 'declaration', names: ['PREFIX'], from: 4, to: 4 },
        { kind: 'declaration', names: ['bus'], from: 5, to: 5 },
        { kind: 'declaration', names: ['log'], from: 9, to: 9 },
        { kind: 'declaration', names: ['sleep'], from: 10, to: 10 },
      ],
    };
    assert.deepEqual(raw.meta.selection, expected);
    const doc = JSON.parse([...traceDocumentChunks(buildModel(raw))].join('')) as { selection?: SelectionMeta };
    assert.deepEqual(doc.selection, expected);
    assert.match(formatTextReport(buildModel(raw)), /also ran: the import on line 1, `PREFIX` on line 4, `bus` on line 5, `log` on line 9, `sleep` on line 10/);
  });

  it('a selected `bus.on` runs, and brings in the namespace its handler uses', async () => {
    const raw = await trace('bus2.ts', BUS_TS, 12, 20);
    assert.deepEqual(consoleTexts(raw.events), ['top-level side effect', '> after sleep 2', '> bus got 5ms 2']);
    assert.ok(raw.meta.selection!.alsoRan.some((e) => e.names.includes('Units') && e.from === 7 && e.to === 7));
  });

  it('JavaScript with require: an emit brings in the bus but not the listener registered outside the selection', async () => {
    const raw = await trace('bus.js', BUS_JS, 6, 6);
    assert.deepEqual(consoleTexts(raw.events), []);
    assert.deepEqual(raw.meta.selection!.alsoRan, [
      { kind: 'imports', names: ['EventEmitter'], from: 1, to: 1 },
      { kind: 'declaration', names: ['bus'], from: 2, to: 2 },
      { kind: 'declaration', names: ['helper'], from: 4, to: 4 },
    ]);
    const withListener = await trace('bus3.js', BUS_JS, 3, 6);
    assert.deepEqual(consoleTexts(withListener.events), ['noise', 'got 4']);
  });

  it('a selection that cuts a statement in half runs the whole statement; semicolon-free code stays apart', async () => {
    const raw = await trace('callback.js', CALLBACK_JS, 4, 6);
    assert.deepEqual(consoleTexts(raw.events), ['after', 'timer']);
    assert.deepEqual(raw.meta.selection, {
      ran: { from: 3, to: 7 }, // line 6's statement ends at the `;` that opens line 7
      alsoRan: [{ kind: 'declaration', names: ['label'], from: 1, to: 1 }],
    });
    // line 6 has no semicolon and line 7 starts with `;[`: leaving line 5 out must not glue them together
    const last = await trace('callback2.js', CALLBACK_JS, 6, 7);
    assert.deepEqual(consoleTexts(last.events), ['after', 'n 1', 'n 2']);
  });

  it('refuses a selection inside a function body, naming the function', async () => {
    await assert.rejects(trace('inside.ts', BUS_TS, 16, 17), (e: unknown) => {
      assert.ok(e instanceof SelectionInsideFunctionError);
      assert.equal(e.functionName, 'main');
      assert.deepEqual([e.line, e.column], [16, 1]);
      assert.match(e.message, /inside the body of `main` \(lines 15-19\)/);
      return true;
    });
    const method = 'class Greeter {\n  greet(name) {\n    console.log("hi", name);\n  }\n}\nnew Greeter().greet("a");\n';
    await assert.rejects(trace('method.js', method, 3, 3), (e: unknown) => e instanceof SelectionInsideFunctionError && e.functionName === 'greet');
  });

  it('says so when the lines hold nothing that runs', async () => {
    await assert.rejects(trace('types.ts', 'interface A { x: number }\ntype B = A;\nconsole.log(1);\n', 1, 2), (e: unknown) => {
      assert.ok(e instanceof LoopscopeInputError);
      assert.match(e.message, /no statement that runs/);
      return true;
    });
  });

  it('a file that does not compile as a whole still traces the selected lines alone', async () => {
    const raw = await trace('broken.js', 'console.log("ok");\nlet x = = 1;\n', 1, 1);
    assert.deepEqual(consoleTexts(raw.events), ['ok']);
    assert.equal(raw.meta.selection, undefined);
  });
});
