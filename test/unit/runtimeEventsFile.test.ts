// The events file's header (records: test/integration/eventsFile.test.ts and recordsRoundTrip.test.ts; format
// checks: recordsEventsFile.test.ts), the ESM end-of-body marker, and the queue-discipline checker the
// integration tests rely on (it must be able to fail).
import assert from 'node:assert/strict';
import { parseEventsData } from '../../src/core/run/eventsFile';
import { EVENTS_FILE_FORMAT, EVENTS_FILE_VERSION } from '../../src/shared/eventRecords';
import { withEndMarker } from '../../src/runtime/esmHooks';
import { childArgs } from '../../src/core/runTraced';

describe('runtime: events file header', () => {
  it('takes the node version from the header line; a torn header gives none', () => {
    const header = `{"format":"${EVENTS_FILE_FORMAT}","version":${EVENTS_FILE_VERSION},"node":"v20.20.2","pid":1}`;
    const padded = header + ' '.repeat(7 - (header.length % 8)) + '\n';
    assert.equal(padded.length % 8, 0);
    assert.deepEqual(parseEventsData(Buffer.from(padded)), { node: 'v20.20.2', events: [], endHint: null, costs: null });
    assert.deepEqual(parseEventsData(Buffer.from(header.slice(0, 20))), { node: null, events: [], endHint: null, costs: null });
  });

  it('an empty file (the child never started) has no node and no events', () => {
    assert.deepEqual(parseEventsData(Buffer.alloc(0)), { node: null, events: [], endHint: null, costs: null });
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

