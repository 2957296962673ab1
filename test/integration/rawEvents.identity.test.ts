// Raw events are the tracer's behaviour. A refactoring of the runtime, the events file or the instrumenter
// must leave them exactly as they were: every fixture's normalized trace (times taken out) is compared with
// the one recorded in test/rawEvents/recorded.json. Re-record (npx tsx test/rawEvents/record.ts) only for
// a change that is meant to alter the events, and say so in the commit.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { recordTrace, type RecordedTrace } from '../rawEvents/normalize';
import { recordedFile, sha256, traceFixture } from '../rawEvents/record';

const recorded = JSON.parse(readFileSync(recordedFile, 'utf8')) as Record<string, RecordedTrace>;

/** Where two recordings first differ, in words. */
function firstDifference(want: RecordedTrace, got: RecordedTrace): string {
  for (const key of ['module', 'exit', 'probes', 'eventCount'] as const) {
    if (!isDeepStrictEqual(want[key], got[key])) return `${key}: recorded ${JSON.stringify(want[key]).slice(0, 300)}, now ${JSON.stringify(got[key]).slice(0, 300)}`;
  }
  const i = want.head.findIndex((ev, k) => !isDeepStrictEqual(ev, got.head[k]));
  if (i >= 0) return `event ${i}: recorded ${JSON.stringify(want.head[i])}, now ${JSON.stringify(got.head[i])}`;
  return `events after the first ${want.head.length} differ`;
}

describe('raw events: identical to the recorded traces', function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it('has recorded traces of at least 60 fixtures', () => {
    assert.ok(Object.keys(recorded).length >= 60, `only ${Object.keys(recorded).length}`);
  });

  for (const [rel, want] of Object.entries(recorded)) {
    it(rel, async () => {
      // A loaded machine can reorder a fixture's I/O against its timers; the same build reproduces the
      // recording within three tries, a changed tracer never does.
      let got: RecordedTrace | undefined;
      for (let attempt = 0; attempt < 3; attempt++) {
        got = recordTrace(await traceFixture(rel), sha256);
        if (isDeepStrictEqual(got, want)) return;
      }
      assert.fail(`${rel}: ${firstDifference(want, got!)}`);
    });
  }
});
