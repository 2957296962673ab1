// The runner's reading of the child's events file, the ESM end-of-body marker, and the queue-discipline checker
// the integration tests rely on (it must be able to fail).
import assert from 'node:assert/strict';
import { parseEventsFile } from '../../src/core/run/eventsFile';
import { withEndMarker } from '../../src/runtime/esmHooks';
import { childArgs } from '../../src/core/runTraced';

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

