import assert from 'node:assert/strict';
import { isHostMessage, isRawTraceEnvelope, isWebviewMessage } from '../../src/shared/protocol';
import type { RawTrace } from '../../src/shared/rawTrace';
import { rawTrace } from './modelFixtures';

function raw(): RawTrace {
  return rawTrace(
    [
      ['start', 0, 'cjs'],
      ['run', 0.1, 'script', 1],
      ['console', 0.2, 'stdout', 'a', 1],
      ['done', 0.3, 'script'],
      ['end', 0.4, 'completed', 0],
    ],
    [{ kind: 'function', name: 'f', line: 1, column: 1 }],
    'cjs',
    "console.log('a')\n",
    { file: '/tmp/a.js', timings: { transpile: 1, instrument: 1, run: 10, total: 12 } },
  );
}

describe('protocol: webview -> host messages', () => {
  it('accepts each well-formed message', () => {
    assert.equal(isWebviewMessage({ type: 'webview/ready' }), true);
    assert.equal(isWebviewMessage({ type: 'editor/reveal', line: 3 }), true);
    assert.equal(isWebviewMessage({ type: 'editor/highlight', line: 7 }), true);
    assert.equal(isWebviewMessage({ type: 'editor/highlight', line: null }), true);
    assert.equal(isWebviewMessage({ type: 'state/step', step: 0 }), true);
    assert.equal(isWebviewMessage({ type: 'state/step', step: 339 }), true);
    assert.equal(isWebviewMessage({ type: 'order/show', index: 0 }), true);
    assert.equal(isWebviewMessage({ type: 'order/show', index: 2 }), true);
  });

  it('rejects non-objects and unknown types', () => {
    for (const x of [null, undefined, 3, 'webview/ready', [], [{ type: 'webview/ready' }], {}, { type: 'editor/open' }]) {
      assert.equal(isWebviewMessage(x), false, JSON.stringify(x));
    }
  });

  it('checks every field type', () => {
    const bad: unknown[] = [
      { type: 'editor/reveal' },
      { type: 'editor/reveal', line: '3' },
      { type: 'editor/reveal', line: 0 },
      { type: 'editor/reveal', line: -1 },
      { type: 'editor/reveal', line: 1.5 },
      { type: 'editor/reveal', line: Number.NaN },
      { type: 'editor/reveal', line: null },
      { type: 'editor/highlight' },
      { type: 'editor/highlight', line: '2' },
      { type: 'state/step', step: -1 },
      { type: 'state/step', step: 2.5 },
      { type: 'state/step', step: Infinity },
      { type: 'state/step' },
      { type: 'order/show' },
      { type: 'order/show', index: -1 },
      { type: 'order/show', index: 1.5 },
      { type: 'order/show', index: '1' },
      { type: 'order/show', index: 1, raw: {} },
    ];
    for (const x of bad) assert.equal(isWebviewMessage(x), false, JSON.stringify(x));
  });

  it('rejects extra fields (a message from something else)', () => {
    assert.equal(isWebviewMessage({ type: 'webview/ready', command: 'rm -rf' }), false);
    assert.equal(isWebviewMessage({ type: 'editor/reveal', line: 3, file: '/etc/passwd' }), false);
    assert.equal(isWebviewMessage({ type: 'editor/highlight', line: 3, file: 'C:\\x.ts' }), false);
  });

  it("accepts a line of another file of the project (a relative path, as RawTrace.files names it)", () => {
    assert.equal(isWebviewMessage({ type: 'editor/reveal', line: 3, file: 'lib/util.ts' }), true);
    assert.equal(isWebviewMessage({ type: 'editor/highlight', line: null, file: '../shared/a.js' }), true);
  });

  it('host messages are not webview messages', () => {
    assert.equal(isWebviewMessage({ type: 'trace/running', file: '/a.js' }), false);
  });
});

describe('protocol: host -> webview messages', () => {
  it('accepts trace/load with and without step/speed', () => {
    assert.equal(isHostMessage({ type: 'trace/load', raw: raw() }), true);
    assert.equal(isHostMessage({ type: 'trace/load', raw: raw(), step: 4, playbackSpeed: 2 }), true);
    assert.equal(isHostMessage({ type: 'trace/load', raw: raw(), step: undefined }), true);
  });

  it('rejects trace/load with a bad raw trace or options', () => {
    const r = raw();
    assert.equal(isHostMessage({ type: 'trace/load' }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, format: 'other' } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, version: 2 } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, source: 1 } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, events: [{ kind: 'start' }] } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, probes: [{ kind: 'function' }] } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: { ...r, meta: { ...r.meta, module: 'amd' } } }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: r, step: -2 }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: r, playbackSpeed: 100 }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: r, playbackSpeed: 0 }), false);
    assert.equal(isHostMessage({ type: 'trace/load', raw: r, playbackSpeed: '2' }), false);
  });

  it('accepts events of kinds it does not know (readers skip them)', () => {
    const r = raw();
    r.events.push(['future-kind', 1, 'x'] as unknown as RawTrace['events'][number]);
    assert.equal(isRawTraceEnvelope(r), true);
  });

  it('trace/running needs a file', () => {
    assert.equal(isHostMessage({ type: 'trace/running', file: '/w/a.js' }), true);
    assert.equal(isHostMessage({ type: 'trace/running' }), false);
    assert.equal(isHostMessage({ type: 'trace/running', file: 3 }), false);
  });

  it('trace/error: message required, position optional and typed', () => {
    assert.equal(isHostMessage({ type: 'trace/error', message: 'boom' }), true);
    assert.equal(isHostMessage({ type: 'trace/error', message: 'x', file: '/a.js', line: 3, column: 5 }), true);
    assert.equal(isHostMessage({ type: 'trace/error' }), false);
    assert.equal(isHostMessage({ type: 'trace/error', message: 'x', line: '3' }), false);
    assert.equal(isHostMessage({ type: 'trace/error', message: 'x', line: 0 }), false);
    assert.equal(isHostMessage({ type: 'trace/error', message: 'x', column: -1 }), false);
    assert.equal(isHostMessage({ type: 'trace/error', message: 'x', file: null }), false);
  });

  it('webview messages are not host messages', () => {
    assert.equal(isHostMessage({ type: 'webview/ready' }), false);
    assert.equal(isHostMessage(null), false);
  });
});
