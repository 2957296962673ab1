// The terminal report is a pure function of the model: fed a small hand-written raw trace, it must name
// every task with its queue, list what each printed and queued, and end with the summary.

import assert from 'node:assert/strict';
import { formatTextReport, textReportLines } from '../../src/cli/textReport';
import { colourStyle, plainStyle, shouldUseColour } from '../../src/cli/style';
import { buildModel } from '../../src/shared/model';
import type { Probe, RawEvent, RawTrace } from '../../src/shared/rawTrace';
import { rawTrace } from '../unit/modelFixtures';

const source = [
  "Promise.resolve().then(() => console.log('micro'));",
  "setTimeout(() => { throw new Error('boom'); }, 5);",
  "console.log('sync');",
].join('\n');

const probes: Probe[] = [
  { kind: 'schedule', name: 'then', line: 1, column: 19, snippet: "() => console.log('micro')" },
  { kind: 'schedule', name: 'setTimeout', line: 2, column: 1, snippet: "() => { throw new Error('boom'); }" },
];

const events: RawEvent[] = [
  ['start', 0, 'cjs'],
  ['run', 0.1, 'script', 1],
  ['enqueue', 0.2, 'm1', 'microtask', 'PromiseReaction', 1, 0, null],
  ['enqueue', 0.3, 't1', 'timer', 'Timeout', 2, 1, 5.3],
  ['console', 0.4, 'stdout', 'sync', 3],
  ['done', 0.5, 'script'],
  ['run', 0.6, 'm1', 1],
  ['console', 0.7, 'stdout', 'micro', 1],
  ['done', 0.8, 'm1'],
  ['run', 6, 't1', 2],
  ['error', 6.1, 'uncaught', 'Error: boom', 2, 26],
  ['done', 6.2, 't1'],
  ['end', 6.3, 'uncaught-error', 1],
];

const raw: RawTrace = rawTrace(events, probes, 'cjs', source, {
  file: '/tmp/example.js',
  exit: { code: 1, reason: 'uncaught-error' },
  timings: { transpile: 3, instrument: 2, run: 40, total: 45 },
});

describe('textReport', () => {
  const model = buildModel(raw);
  const text = formatTextReport(model);
  const blocks = text.split('\n\n');

  it('writes one block per task, in run order, each headed with its queue', () => {
    const headers = text.split('\n').filter((l) => l.startsWith('Task '));
    assert.equal(headers.length, model.tasks.length);
    assert.match(headers[0], /^Task \d+ · script · /);
    assert.match(headers[1], /^Task \d+ · microtask · .*\(line 1\)/);
    assert.match(headers[2], /^Task \d+ · timer · .*\(line 2\)/);
  });

  it('lists what each task printed, queued and threw', () => {
    assert.match(blocks[0], /printed +sync/);
    assert.match(blocks[0], /queued +microtask · .*\(line 1\)/);
    assert.match(blocks[0], /queued +timer · .*\(line 2\)/);
    assert.match(blocks[1], /printed +micro/);
    assert.match(blocks[2], /error +uncaught: Error: boom \(line 2:26\)/);
    assert.doesNotMatch(blocks[1], /boom/);
  });

  it('ends with a summary: node version, module format, exit reason, counts', () => {
    const summary = text.slice(text.indexOf('Summary'));
    assert.match(summary, /node v20\.20\.2 · CommonJS/);
    assert.match(summary, /uncaught error · exit code 1/);
    assert.match(summary, new RegExp(`${model.tasks.length} tasks \\(script 1, microtask 1, timer 1\\) · ${model.stepCount} steps · 2 console lines · 1 error`));
  });

  it('uses no escape codes unless given the colour style', () => {
    assert.doesNotMatch(text, /\u001b\[/);
    assert.match(formatTextReport(model, { style: colourStyle }), /\u001b\[/);
    assert.equal([...textReportLines(model, { style: plainStyle })].join('\n') + '\n', text);
  });

  it('summarises queue operations beyond the per-task limit', () => {
    const short = formatTextReport(model, { maxQueuedPerTask: 1 });
    assert.match(short, /… 1 more queue operations/);
  });

  it('colours only a TTY without NO_COLOR', () => {
    assert.equal(shouldUseColour({ isTTY: true }, {}), true);
    assert.equal(shouldUseColour({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldUseColour({ isTTY: false }, {}), false);
    assert.equal(shouldUseColour({}, {}), false);
  });
});
