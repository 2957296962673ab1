// The fixture annotation parser, and every fixture's annotations (a typo in a fixture must fail loudly,
// not silently check nothing).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AnnotationError, parseFixtureAnnotations } from './annotations';
import { listFixtures } from './fixtureList';

describe('fixture annotations', () => {
  it('reads per-line and per-file annotations', () => {
    const ann = parseFixtureAnnotations([
      '// @reason timeout',
      '// @options timeoutMs=800 maxEvents=20000',
      "console.log('a'); // @queue microtask @queues nextTick=1 microtask=2",
      "console.log('b'); // @queue-lines timer=7,9",
      '// @order any-of',
      '// @valid ["a","b"]',
      '// @module esm',
      '// @oracle-timeout 1000',
      '// @max-ms 3000',
    ].join('\n'));
    assert.equal(ann.reason, 'timeout');
    assert.deepEqual(ann.options, { timeoutMs: 800, maxEvents: 20000 });
    assert.deepEqual(ann.lines, [
      { line: 3, queue: 'microtask', queueLengths: { nextTick: 1, microtask: 2 } },
      { line: 4, queueLines: { timer: [7, 9] } },
    ]);
    assert.equal(ann.anyOrder, true);
    assert.deepEqual(ann.validOrders, [['a', 'b']]);
    assert.equal(ann.module, 'esm');
    assert.equal(ann.oracleTimeoutMs, 1000);
    assert.equal(ann.maxMs, 3000);
  });

  it('defaults: completed, no line checks', () => {
    const ann = parseFixtureAnnotations("console.log('x'); // a plain comment");
    assert.equal(ann.reason, 'completed');
    assert.deepEqual(ann.lines, []);
    assert.equal(ann.anyOrder, false);
  });

  for (const bad of ['// @error maybe', '// @queue microtasks', '// @queues later=1', '// @reason crashed', '// @frobnicate', '// @order any-of', '// @queues timer=-1']) {
    it(`rejects ${bad}`, () => assert.throws(() => parseFixtureAnnotations(bad), AnnotationError));
  }

  const root = path.resolve(__dirname, '../fixtures');
  it('every fixture parses, and per-line annotations sit on lines that print', () => {
    for (const rel of listFixtures(root)) {
      const source = readFileSync(path.join(root, rel), 'utf8');
      const ann = parseFixtureAnnotations(source);
      const lines = source.split('\n');
      for (const exp of ann.lines) {
        if (exp.queue || exp.queueLengths || exp.queueLines) assert.match(lines[exp.line - 1], /console\.(log|error)|process\.std(out|err)\.write|realLog|\blog\(/, `${rel}:${exp.line}`);
        if (exp.error) assert.match(lines[exp.line - 1], /throw|\(/, `${rel}:${exp.line}`);
      }
    }
  });
});
