// Worker threads (test/fixtures/workers/): every thread is traced, each against plain node (the oracle). The
// fixtures tag each line with the thread that prints it (`[main] …`, `[worker] …`): the oracle's lines of one tag
// are that thread's order, which the traced thread's console lines must equal; lines of one traced thread must
// all carry one tag (console lines tied to their thread). Plain node interleaves the threads' output as it
// happens to, so the order across threads is only asserted as valid: an effect (a message's receipt) is never
// before its cause (the worker's line before it posted). Also: the JSON's `threads` name where `new Worker`
// created each, and each thread keeps the queue discipline.
import assert from 'node:assert/strict';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, checkQueueDiscipline } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import type { RawEvent, RawTrace } from '../../src/shared/rawTrace';
import { ensureBuilt } from './ensureBuilt';
import { outputLines, runOracle, type OracleRun } from './oracle';
import { testNodePath } from '../support/testNode';

const fixtures = path.resolve(__dirname, '../fixtures/workers');

interface WorkerCase {
  file: string;
  /** `threads` of the JSON document, in order (main first). */
  threads: { name: string; file?: string; line?: number }[];
  /** [cause, effect]: the effect line is printed no earlier than the cause line (they are on different threads). */
  causes: [string, string][];
  /** Each postMessage: [from thread index, to thread index (in `threads`), the line the receiving task prints]. */
  messages: [number, number, string][];
}

const CASES: WorkerCase[] = [
  {
    file: 'same-file.js',
    threads: [{ name: 'main' }, { name: 'same-file.js', file: 'same-file.js', line: 6 }],
    causes: [
      ['[worker] timer', '[main] got fib 6765'],
      ['[worker] posted', '[main] worker exited 0'],
      ['[main] sync', '[worker] start 20'],
    ],
    messages: [[0, 1, '[worker] got ping'], [1, 0, '[main] got fib 6765']],
  },
  {
    file: 'sibling-file.js',
    threads: [{ name: 'main' }, { name: '_square-worker.js', file: 'sibling-file.js', line: 10 }, { name: 'second', file: 'sibling-file.js', line: 10 }],
    causes: [
      ['[first] squaring 3', '[main] first says 9'],
      ['[second] squaring 5', '[main] second says 25'],
      ['[first] posted 9', '[main] both done'],
      ['[second] posted 25', '[main] both done'],
    ],
    // the main thread prints once both answered: its message tasks print nothing
    messages: [[2, 0, ''], [1, 0, '']],
  },
  {
    file: 'nested.js',
    threads: [{ name: 'main' }, { name: 'nested.js', file: 'nested.js', line: 8 }, { name: 'nested.js', file: 'nested.js', line: 8 }],
    causes: [
      ['[d2] start', '[d1] got 1'],
      ['[d1] got 1', '[d0] got 2'],
    ],
    messages: [[2, 1, '[d1] got 1'], [1, 0, '[d0] got 2']],
  },
  {
    file: 'esm-url.mjs',
    threads: [{ name: 'main' }, { name: '_esm-worker.mjs', file: 'esm-url.mjs', line: 5 }],
    causes: [['[esm-worker] doubled 8', '[main] got 8']],
    messages: [[1, 0, '[main] got 8']],
  },
];

/** The tag of a line: `[main] x` -> `main`. */
function tagOf(line: string): string {
  return /^\[([^\]]+)\]/.exec(line)?.[1] ?? '';
}

/** One thread's console lines with their times (ms on the main thread's clock). */
function consoleOf(events: RawEvent[]): { text: string; t: number }[] {
  const out: { text: string; t: number }[] = [];
  for (const e of events) if (e[0] === 'console' && e[2] === 'stdout') for (const text of e[3].split('\n')) out.push({ text, t: e[1] });
  return out;
}

describe('fidelity: worker threads vs plain node', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  for (const c of CASES) {
    describe(c.file, () => {
      let raw: RawTrace;
      let oracle: OracleRun;
      before(async () => {
        const file = path.join(fixtures, c.file);
        oracle = await runOracle(file, { module: file.endsWith('.mjs') ? 'esm' : 'cjs' });
        raw = await traceFile({ file, nodePath: testNodePath() });
      });

      it('exits as plain node does', () => {
        assert.equal(raw.meta.exit.code, oracle.code);
        assert.equal(raw.meta.exit.reason, 'completed');
      });

      it("each thread's console lines are one tag's lines, in plain node's order", () => {
        const expected = new Map<string, string[]>();
        for (const line of outputLines(oracle.stdout)) {
          const tag = tagOf(line);
          expected.set(tag, [...(expected.get(tag) ?? []), line]);
        }
        const threads = [raw.events, ...(raw.threads ?? []).map((t) => t.events)];
        assert.equal(threads.length, expected.size, `threads traced: ${threads.length}, tags printed by node: ${[...expected.keys()].join(', ')}`);
        const seen = new Set<string>();
        for (const events of threads) {
          const lines = consoleOf(events).map((l) => l.text);
          const tags = new Set(lines.map(tagOf));
          assert.equal(tags.size, 1, `one thread printed lines of several tags: ${JSON.stringify(lines)}`);
          const tag = [...tags][0];
          assert.ok(!seen.has(tag), `two threads printed [${tag}]`);
          seen.add(tag);
          assert.deepEqual(lines, expected.get(tag), `thread [${tag}]`);
        }
      });

      it('orders lines across threads validly (an effect never before its cause)', () => {
        const all = [raw.events, ...(raw.threads ?? []).map((t) => t.events)].flatMap(consoleOf);
        const at = (text: string): number => {
          const found = all.find((l) => l.text === text);
          assert.ok(found, `no line ${JSON.stringify(text)}`);
          return found.t;
        };
        for (const [cause, effect] of c.causes) assert.ok(at(cause) <= at(effect), `${effect} (${at(effect)} ms) before ${cause} (${at(cause)} ms)`);
      });

      it("links every postMessage to the receiving thread's message task, which starts after the post", () => {
        const model = buildModel(raw);
        const ids = c.threads.map((_t, i) => (i === 0 ? 0 : model.threads![i - 1].id));
        const modelOf = (id: number) => (id === 0 ? model : model.threads!.find((t) => t.id === id)!.model);
        const got = (model.messages ?? []).map((m) => {
          assert.notEqual(m.task, null, `a message from thread ${m.from} to ${m.to} found no task`);
          const receiver = modelOf(m.to);
          const task = receiver.tasks[m.task!];
          assert.ok(task.start >= m.postedAt, `received at ${task.start} ms, posted at ${m.postedAt} ms`);
          const printed = receiver.console.filter((l) => l.task === task.id).map((l) => l.text);
          return [ids.indexOf(m.from), ids.indexOf(m.to), printed[0] ?? ''];
        });
        assert.deepEqual(got.sort(), [...c.messages].sort());
      });

      it('keeps the queue discipline on every thread', () => {
        for (const events of [raw.events, ...(raw.threads ?? []).map((t) => t.events)]) {
          assert.deepEqual(checkQueueDiscipline({ ...raw, events, threads: undefined }), []);
        }
      });

      it('lists the threads in the JSON, with where `new Worker` created each, and ties tasks and console lines to them', () => {
        const doc = traceDocument(buildModel(raw));
        assert.deepEqual(
          doc.threads.map((t) => ({ name: t.name, ...(t.file === undefined ? {} : { file: t.file }), ...(t.line === undefined ? {} : { line: t.line }) })),
          c.threads,
        );
        const ids = doc.threads.map((t) => t.id);
        // each worker's parent is a thread of the trace that started before it
        for (const t of doc.threads.slice(1)) assert.ok(t.parent !== undefined && ids.slice(0, ids.indexOf(t.id)).includes(t.parent), JSON.stringify(t));
        for (const id of ids) {
          assert.ok(doc.tasks.some((t) => t.thread === id && t.queue === 'script'), `thread ${id} has no script task`);
        }
        // every message is on its receiving task, naming the thread that posted it and where
        const received = doc.tasks.flatMap((t) => (t.messages ?? []).map((m) => ({ ...m, to: t.thread, start: t.start })));
        assert.equal(received.length, c.messages.length);
        for (const m of received) {
          assert.ok(ids.includes(m.fromThread) && m.fromThread !== m.to && m.postedAt <= m.start, JSON.stringify(m));
          assert.ok(m.file !== null && m.line !== null, `where it was posted: ${JSON.stringify(m)}`);
        }
        for (const line of doc.console) {
          const tag = tagOf(line.text);
          const sameThread = doc.console.filter((l) => l.thread === line.thread).map((l) => tagOf(l.text));
          assert.ok(sameThread.every((t) => t === tag), `console line ${line.text} tied to thread ${line.thread}`);
        }
      });
    });
  }
});
