// The runner's reading of the child's events file, the ESM end-of-body marker, and the queue-discipline checker
// the integration tests rely on (it must be able to fail).
import assert from 'node:assert/strict';
import { parseEventsFile } from '../../src/core/run/eventsFile';
import { withEndMarker } from '../../src/runtime/esmHooks';
import { childArgs } from '../../src/core/runTraced';
import { checkQueueDiscipline } from '../integration/helpers/queueDiscipline';
import type { RawEvent } from '../../src/shared/rawTrace';

describe('runtime: events file', () => {
  it('reads the header, the events, and takes the end event out as a hint', () => {
    const text = '{"loopscope":1,"node":"v20.20.2","pid":1}\n["start",0,"cjs"]\n["run",1,"script",null]\n["done",2,"script"]\n["end",3,"completed",0]\n';
    const p = parseEventsFile(text);
    assert.equal(p.node, 'v20.20.2');
    assert.deepEqual(p.events, [['start', 0, 'cjs'], ['run', 1, 'script', null], ['done', 2, 'script']]);
    assert.deepEqual(p.endHint, ['end', 3, 'completed', 0]);
  });

  it('drops a torn last line (a run killed mid-write)', () => {
    const p = parseEventsFile('{"node":"v22.1.0"}\n["start",0,"esm"]\n["console",1,"stdout","a",1]\n["cons');
    assert.equal(p.events.length, 2);
    assert.equal(p.endHint, null);
  });

  it('an empty file (the child never started) has no node and no events', () => {
    assert.deepEqual(parseEventsFile(''), { node: null, events: [], endHint: null });
  });
});

describe('runtime: ESM end marker', () => {
  it('goes on its own line before the source map comment, so no mapping moves', () => {
    const code = 'R.l=1;console.log(1);\n//# sourceMappingURL=data:application/json;base64,e30=';
    assert.equal(withEndMarker(code, 'R'), 'R.l=1;console.log(1);\n;R.m();\n//# sourceMappingURL=data:application/json;base64,e30=');
    assert.equal(withEndMarker('x()', 'R'), 'x()\n;R.m();\n');
  });
});

describe('runtime: child arguments', () => {
  it('preloads the tracer, maps errors with source maps, and uses the ESM loader only for ES modules', () => {
    assert.deepEqual(childArgs('cjs', '/a/b.js', '/t.js').filter((a) => a === '--import'), []);
    const esm = childArgs('esm', '/a/b.mjs', '/t.js');
    assert.ok(esm.includes('--enable-source-maps'));
    assert.deepEqual(esm.slice(esm.indexOf('-r'), esm.indexOf('-r') + 2), ['-r', '/t.js']);
    assert.equal(esm[esm.indexOf('--import') + 1], 'data:text/javascript,');
    assert.equal(esm[esm.length - 1], '/a/b.mjs');
  });
});

describe('queue discipline checker', () => {
  const enq = (t: number, id: string, q: 'microtask' | 'timer', due: number | null = null): RawEvent => ['enqueue', t, id, q, 'x', null, null, due];
  it('accepts FIFO runs and earliest-due timers', () => {
    const events: RawEvent[] = [enq(0, '1', 'microtask'), enq(0, '2', 'microtask'), enq(0, '3', 'timer', 10), enq(0, '4', 'timer', 5),
      ['run', 1, '1', null], ['done', 1, '1'], ['run', 1, '2', null], ['done', 1, '2'], ['run', 6, '4', null], ['done', 6, '4'], ['run', 11, '3', null], ['done', 11, '3']];
    assert.deepEqual(checkQueueDiscipline(events).violations, []);
  });
  it('rejects a run that is not at the head, and a run of something never queued', () => {
    const events: RawEvent[] = [enq(0, '1', 'microtask'), enq(0, '2', 'microtask'), ['run', 1, '2', null], ['done', 1, '2'], ['run', 1, '9', null], ['done', 1, '9']];
    const v = checkQueueDiscipline(events).violations;
    assert.equal(v.length, 2);
    assert.match(v[0], /not at the head/);
    assert.match(v[1], /not queued/);
  });
});
