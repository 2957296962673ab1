// `loopscope trace FILE --runs N` (the determinism check), run for real: the console orders of N traced runs
// grouped into variants, checked against what plain node may print; a bad file fails once, clearly; cancel
// stops every run and leaves no process behind.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TraceDocument } from '../../src/shared/traceDocument';
import { traceRuns } from '../../src/core/runs/traceRuns';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { consoleOrder } from '../../src/shared/orderVariants';
import { ORDER_TRACES_ID, TRACE_DATA_ID } from '../../src/shared/panelHtml';
import type { RawTrace } from '../../src/shared/rawTrace';
import { FIRST_RUN_ORDER, LATER_RUNS_ORDER, writeOrderVariesProgram } from '../support/orderVaries';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/loopscope.js');
const race = path.join(root, 'test/fixtures/cjs/timeout-vs-immediate-main.js');

function loopscope(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const plainNode = (file: string): string[] => execFileSync(process.execPath, [file], { encoding: 'utf8' }).trimEnd().split('\n');

describe('loopscope trace --runs N', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('a program with one possible order: one variant, printed by every run, equal to plain node', () => {
    const file = path.join(root, 'test/fixtures/runs/stable.js');
    const r = loopscope(['trace', file, '--runs', '4', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as TraceDocument;
    assert.equal(doc.runs?.count, 4);
    assert.equal(doc.runs?.variants.length, 1);
    assert.equal(doc.runs?.variants[0].count, 4);
    assert.deepEqual(doc.runs?.variants[0].console, plainNode(file));
    assert.deepEqual(doc.console.map((c) => c.text), plainNode(file), 'the trace shown is a run of that order');
  });

  it('timeout 0 against an immediate: every variant is an order Node allows, and the runs add up', () => {
    const valid = [['sync', 'timeout', 'immediate'], ['sync', 'immediate', 'timeout']].map((o) => JSON.stringify(o));
    const r = loopscope(['trace', race, '--runs', '6', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as TraceDocument;
    const variants = doc.runs!.variants;
    for (const v of variants) assert.ok(valid.includes(JSON.stringify(v.console)), `not an order node can print: ${v.console}`);
    assert.equal(variants.reduce((n, v) => n + v.count, 0), 6);
    assert.deepEqual(variants.flatMap((v) => v.runs).sort((a, b) => a - b), [0, 1, 2, 3, 4, 5]);
    for (let i = 1; i < variants.length; i++) assert.ok(variants[i - 1].count >= variants[i].count, 'most frequent first');
    assert.deepEqual(doc.console.map((c) => c.text), variants[0].console, 'the trace shown printed the most frequent order');
  });

  it('the text report ends with the order stability section', () => {
    const r = loopscope(['trace', race, '--runs', '3']);
    assert.equal(r.code, 0, r.stderr);
    const section = r.stdout.slice(r.stdout.indexOf('Order stability (3 runs)'));
    assert.match(section, /^Order stability \(3 runs\)\n {2}(every run printed the same 3 lines in the same order|2 different console orders)/);
  });

  it('--html embeds a run of every order the runs printed, for the page\'s order picker', () => {
    const file = writeOrderVariesProgram();
    const out = path.join(path.dirname(file), 'runs.html');
    const r = loopscope(['trace', file, '--runs', '3', '--html', out]);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(out, 'utf8');
    const embedded = (id: string): unknown => JSON.parse(new RegExp(`<script type="application/json" id="${id}">(.*?)</script>`, 's').exec(html)![1]);
    const shown = embedded(TRACE_DATA_ID) as RawTrace;
    const others = embedded(ORDER_TRACES_ID) as (RawTrace | null)[];
    assert.deepEqual(consoleOrder(shown.events), LATER_RUNS_ORDER, 'the page shows the most frequent order');
    assert.deepEqual(shown.meta.orderVariant?.orders, [{ count: 2, console: LATER_RUNS_ORDER }, { count: 1, console: FIRST_RUN_ORDER }]);
    assert.equal(others.length, 2);
    assert.equal(others[0], null, 'the shown run is embedded once');
    assert.deepEqual(consoleOrder(others[1]!.events), FIRST_RUN_ORDER);
    assert.equal(others[1]!.meta.orderVariant?.index, 1);
  });

  it('a syntax error fails once, with its position, not once per run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-runs-'));
    const bad = path.join(dir, 'bad.js');
    writeFileSync(bad, 'setTimeout(() => {\n  console.log(1;\n});\n');
    const r = loopscope(['trace', bad, '--runs', '5']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /bad\.js:2:\d+/);
  });

  it('cancel rejects with an AbortError and leaves no traced process behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-runs-'));
    const slow = path.join(dir, 'slow-runs-cancel.js');
    writeFileSync(slow, "setTimeout(() => console.log('late'), 20000);\n");
    const abort = new AbortController();
    const pending = traceRuns({ file: slow, runs: 4, timeoutMs: 30_000, signal: abort.signal });
    setTimeout(() => abort.abort(), 1500);
    await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    const left = spawnSync('pgrep', ['-f', 'slow-runs-cancel'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(left, '', `left behind: ${left}`);
  });
});
