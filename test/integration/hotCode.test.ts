// Hot code degrades, never dies (README "Hot code"): past each task's call budget, or past a function's (a fifth
// of the task's: 2,000 of 10,000 by default), calls are counted, not stepped. The oracles: plain node's output, and the number of calls a recursion makes (computed here, not
// taken from the trace).
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, checkQueueDiscipline } from '../../src/shared/model';
import { traceDocument, type TraceDocument } from '../../src/shared/traceDocument';
import type { RawEvent, RawTrace } from '../../src/shared/rawTrace';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleTexts, plainNode, tempDir, writeProgram } from './helpers/programs';

/** How many calls fib(n) makes (itself included). */
function fibCalls(n: number): number {
  let a = 1; // calls(0)
  let b = 1; // calls(1)
  for (let k = 2; k <= n; k++) [a, b] = [b, a + b + 1];
  return n === 0 ? a : b;
}

const FIB = 'function fib(n) {\n  if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);\n}\n';

/** Per task: fib's recorded calls (push steps) and counted calls (the `calls` steps' counts). */
function fibCallsByTask(doc: TraceDocument): Map<number | null, { pushed: number; counted: number }> {
  const byTask = new Map<number | null, { pushed: number; counted: number }>();
  const of = (task: number | null) => byTask.get(task) ?? byTask.set(task, { pushed: 0, counted: 0 }).get(task)!;
  for (const s of doc.steps) {
    if (s.kind === 'push' && s.stack[s.stack.length - 1]?.name === 'fib') of(s.task).pushed++;
    for (const c of s.calls ?? []) if (c.name === 'fib') of(s.task).counted += c.count;
  }
  return byTask;
}

describe('hot code: calls past the budget are counted, not stepped', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    ensureBuilt();
    dir = tempDir();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('the hot-code fixture (636k calls and a 10M-iteration loop between timers), default options', () => {
    const file = path.resolve(__dirname, '../fixtures/cjs/hot-code.js');
    let raw: RawTrace;
    let doc: TraceDocument;
    before(async () => {
      raw = await traceFile({ file });
      doc = traceDocument(buildModel(raw));
    });

    it('completes with all of plain node\'s output, in its order', () => {
      assert.equal(raw.meta.exit.reason, 'completed');
      assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
    });

    it('names the coarsened steps: "`fib` ×N (T ms)", and every call of fib is recorded or counted', () => {
      const calls = doc.steps.filter((s) => s.kind === 'calls');
      assert.ok(calls.length > 0, 'no calls step');
      for (const s of calls) assert.match(s.description, /^`fib` ×[\d,]+ \(\d+(\.\d)? ms\): /);
      const byTask = fibCallsByTask(doc);
      const fibTask = doc.tasks.find((t) => t.queue === 'timer' && t.line === 9)!;
      const tickTask = doc.tasks.find((t) => t.queue === 'nextTick')!;
      // fib records its own budget in each task, 2,000 (a fifth of the task's 10,000), the rest are counted
      assert.deepEqual(byTask.get(fibTask.id), { pushed: 2_000, counted: fibCalls(27) - 2_000 });
      assert.deepEqual(byTask.get(tickTask.id), { pushed: 2_000, counted: fibCalls(20) - 2_000 });
      assert.equal(raw.meta.tracing?.foldedCalls, fibCalls(27) + fibCalls(20) - 2 * 2_000);
      assert.equal(raw.meta.tracing?.callBudget, 10_000);
    });

    it('a calls step stands on the stack at the budget\'s edge: the timer callback, then recorded fib frames', () => {
      const first = doc.steps.find((s) => s.kind === 'calls')!;
      assert.equal(first.stack[0].name, '(anonymous)');
      assert.equal(first.stack[0].line, 9);
      assert.ok(first.stack.length > 10, `stack depth ${first.stack.length}`);
      assert.ok(first.stack.slice(1).every((f) => f.name === 'fib'));
      // after the task, nothing is left on the stack and every recorded frame was popped
      const end = doc.steps.find((s) => s.kind === 'task-end' && s.task === first.task)!;
      assert.deepEqual(end.stack, []);
    });

    it('console lines after counted calls keep their own line', () => {
      assert.deepEqual(
        doc.console.map((c) => [c.text.split(' ')[0], c.line]),
        [['start', 8], ['end', 21], ['fib(27)', 10], ['microtask', 11], ['loop', 17], ['tick', 18]],
      );
    });

    it('the JSON document states the tracing overhead', () => {
      assert.ok(doc.tracing && typeof doc.tracing.overheadMs === 'number' && doc.tracing.overheadMs >= 0, JSON.stringify(doc.tracing));
      assert.equal(doc.tracing.foldedCalls, raw.meta.tracing?.foldedCalls);
    });
  });

  it('callBudget Infinity (--full) records every call; a budget of 100 records 20 calls of one function and counts the rest', async () => {
    const file = writeProgram(dir, 'fib15.js', `${FIB}console.log(fib(15));\n`);
    const full = await traceFile({ file, callBudget: Infinity });
    assert.equal(full.events.filter((e) => e[0] === 'enter').length, fibCalls(15));
    assert.equal(full.events.filter((e) => e[0] === 'calls').length, 0);
    assert.equal(full.meta.tracing?.callBudget, null);
    const budgeted = await traceFile({ file, callBudget: 100 });
    assert.equal(budgeted.events.filter((e) => e[0] === 'enter').length, 20);
    const counted = budgeted.events.reduce((n, e) => n + (e[0] === 'calls' ? e[3] : 0), 0);
    assert.equal(counted, fibCalls(15) - 20);
    assert.deepEqual(consoleTexts(budgeted.events), ['610']);
  });

  it('a budget of 100 records 100 calls of a task in all, however many functions share them', async () => {
    const fns = 'abcdefghjk'.split('');
    const source = fns.map((f) => `function ${f}(i) { return i; }\n`).join('') + `let s = 0;\nfor (let i = 0; i < 30; i++) s += ${fns.map((f) => `${f}(i)`).join(' + ')};\nconsole.log(s);\n`;
    const file = writeProgram(dir, 'tenFunctions.js', source);
    const raw = await traceFile({ file, callBudget: 100 });
    // ten rounds of ten functions spend the task's 100, before any function reaches its own 20
    assert.equal(raw.events.filter((e) => e[0] === 'enter').length, 100);
    assert.equal(raw.meta.tracing?.foldedCalls, 300 - 100);
    assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
  });

  it('one hot function does not spend its task\'s budget: a function called after it is still stepped', async () => {
    // tokenize is called 12,000 times, more than the task's whole budget; report, called after, prints
    const file = writeProgram(
      dir,
      'hotThenRest.js',
      'function tokenize(i) { return i % 7; }\nfunction report(label, n) { console.log(label, n); return n; }\n' +
        "let n = 0;\nfor (let i = 0; i < 12000; i++) n += tokenize(i);\nreport('tokens', n);\nreport('again', n + 1);\n",
    );
    const raw = await traceFile({ file });
    assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
    const doc = traceDocument(buildModel(raw));
    const pushes = (name: string): number => doc.steps.filter((st) => st.kind === 'push' && st.stack[st.stack.length - 1]?.name === name).length;
    assert.equal(pushes('tokenize'), 2_000);
    assert.equal(pushes('report'), 2, 'report is stepped, not counted: its calls come after tokenize spent only its own budget');
    const counted = doc.steps.flatMap((st) => st.calls ?? []).filter((c) => c.name === 'tokenize').reduce((k, c) => k + c.count, 0);
    assert.equal(counted, 10_000);
  });

  it('with every call recorded, the same hot program is stopped by the event cap', async () => {
    const file = writeProgram(dir, 'fib22.js', `${FIB}console.log(fib(22));\n`);
    const raw = await traceFile({ file, callBudget: Infinity, maxEvents: 20_000 });
    assert.equal(raw.meta.exit.reason, 'event-cap');
    const budgeted = await traceFile({ file, maxEvents: 20_000 });
    assert.equal(budgeted.meta.exit.reason, 'completed');
    assert.deepEqual(consoleTexts(budgeted.events), ['17711']);
  });

  it('the default event cap still stops an endless microtask loop whose jobs make hot calls', async () => {
    const file = writeProgram(dir, 'hotMicroLoop.js', `${FIB}function again() { fib(16); queueMicrotask(again); }\nagain();\n`);
    const raw = await traceFile({ file, timeoutMs: 60_000 });
    assert.equal(raw.meta.exit.reason, 'event-cap');
  });

  it('with every call counted (budget 0), console lines keep their lines: after generators, throws and awaits', async () => {
    const source = [
      'function* gen() {', '  yield 1;', '  yield 2;', '}',
      'function deep(n) {', "  if (n === 0) throw new Error('bottom');", '  return deep(n - 1);', '}',
      'const g = gen();',
      "console.log('next', g.next().value, f());",
      "function f() { return 'f'; }",
      'try {', '  deep(50);', '} catch (e) {', "  console.log('caught', e.message);", '}',
      "console.log('after', g.next().value);",
      'g.return();',
      "console.log('closed', g.next().done);",
      "async function a() { await null; console.log('resumed', 1); return 1; }",
      "a().then((v) => console.log('gave', v));",
      "console.log('end', f());",
    ].join('\n') + '\n';
    const file = writeProgram(dir, 'countedLines.js', source);
    const raw = await traceFile({ file, callBudget: 0 });
    const doc = traceDocument(buildModel(raw));
    assert.deepEqual(doc.console.map((c) => c.text), plainNode(file).lines);
    const lines = source.split('\n');
    for (const c of doc.console) {
      const word = c.text.split(' ')[0];
      const want = lines.findIndex((l) => l.includes(`console.log('${word}'`)) + 1;
      assert.equal(c.line, want, `${c.text}: line ${c.line}, written on line ${want}`);
    }
    assert.equal(raw.events.filter((e) => e[0] === 'enter').length, 0);
  });

  it('awaits inside counted calls: resumes keep their queue and the async functions their results', async () => {
    const file = writeProgram(
      dir,
      'hotAsync.js',
      `async function step(i) { await null; return i; }\n` +
        `async function main() { let s = 0; const all = []; for (let i = 0; i < 5000; i++) all.push(step(i));\n` +
        `  for (const v of await Promise.all(all)) s += v; console.log('sum', s); }\nmain().then(() => console.log('done'));\n`,
    );
    // every await's resume is a task-level event, kept: 5,000 of them fit under the default cap
    const raw = await traceFile({ file, callBudget: 1000 });
    assert.equal(raw.meta.exit.reason, 'completed');
    assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
    assert.equal(raw.meta.tracing?.foldedCalls, 5000 - 200); // the script records main and 200 calls of step (a fifth of 1,000)
    assert.deepEqual(checkQueueDiscipline(raw), []);
    // a counted frame's resume is queued under its function's name, and never shown as a frame
    const resumes = raw.events.filter((e) => e[0] === 'enqueue' && e[4] === 'resume');
    assert.equal(resumes.length, 5001);
    const names = new Set(resumes.map((e) => raw.probes[e[6] as number]?.name));
    assert.deepEqual([...names].sort(), ['main', 'step']);
    assert.equal(raw.events.filter((e) => e[0] === 'resume').length, 201); // main and the 200 recorded steps
  });

  describe('fast copies (the uninstrumented body a function runs once the budget is spent)', () => {
    it('count every call of a leaf arrow and of a method, in the task that made them', async () => {
      const file = writeProgram(
        dir,
        'fastLeaves.js',
        'const sq = (x) => x * x;\nclass Acc { constructor() { this.t = 0; } add(v) { this.t += v; return this; } }\n' +
          "const acc = new Acc();\nfor (let i = 0; i < 30000; i++) acc.add(sq(i));\nconsole.log('total', acc.t);\n" +
          "setTimeout(() => { for (let i = 0; i < 12000; i++) sq(i); console.log('timer'); }, 0);\n",
      );
      const raw = await traceFile({ file });
      assert.deepEqual(consoleTexts(raw.events), plainNode(file).lines);
      const doc = traceDocument(buildModel(raw));
      const byName = new Map<string, { pushed: number; counted: number }>();
      const of = (name: string) => byName.get(name) ?? byName.set(name, { pushed: 0, counted: 0 }).get(name)!;
      for (const st of doc.steps) {
        if (st.kind === 'push') of(st.stack[st.stack.length - 1].name).pushed++;
        for (const c of st.calls ?? []) of(c.name).counted += c.count;
      }
      // the script makes 30,000 calls of each: 2,000 of each recorded (a function's budget), and the constructor;
      // the timer 12,000 of sq: 2,000 recorded again (a new task), and its callback
      assert.equal(of('sq').pushed + of('sq').counted, 42_000);
      assert.equal(of('Acc.add').pushed + of('Acc.add').counted, 30_000);
      assert.deepEqual([of('sq').pushed, of('Acc.add').pushed, of('Acc').pushed], [4_000, 2_000, 1]);
      assert.equal(raw.meta.tracing?.foldedCalls, 72_002 - 6_002);
    });

    it('an error thrown in a fast copy is reported at the line and column plain node reports', async () => {
      const file = writeProgram(
        dir,
        'fastThrow.js',
        "function check(n) {\n  if (n === 15000)\n    throw new RangeError('at ' + n);\n  return n;\n}\nfor (let i = 0; i < 20000; i++) check(i);\n",
      );
      const raw = await traceFile({ file });
      const error = raw.events.find((e) => e[0] === 'error') as Extract<RawEvent, { 0: 'error' }>;
      assert.equal(error[3], 'RangeError: at 15000');
      const plain = /fastThrow\.js:(\d+):(\d+)/.exec(plainNode(file).stderr)!;
      assert.deepEqual([error[4], error[5]], [Number(plain[1]), Number(plain[2])]);
      assert.equal(raw.meta.tracing?.foldedCalls, 15001 - 2000);
    });

    it('a counted window ends with its last fast calls, not at the next record after a long loop', async () => {
      const file = writeProgram(
        dir,
        'fastWindow.js',
        'const sq = (x) => x * x;\nlet s = 0;\nfor (let i = 0; i < 50000; i++) s += sq(i);\n' +
          "const t = Date.now();\nwhile (Date.now() - t < 400) s++;\nconsole.log('done');\n",
      );
      const raw = await traceFile({ file });
      const calls = raw.events.filter((e) => e[0] === 'calls') as Extract<RawEvent, { 0: 'calls' }>[];
      assert.equal(calls.reduce((n, e) => n + e[3], 0), 48_000);
      // the 48,000 counted calls take a few ms; the loop after them 400: the window stops before the loop
      for (const e of calls) assert.ok(e[4] < 200, `window of ${e[4]} ms`);
    });
  });
});
