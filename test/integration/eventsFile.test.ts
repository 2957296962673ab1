// The runner's reading of the child's events file (src/core/run/eventsFile.ts), on files written by the
// tracer's own writer in a child process: every kind of record, labels defined in the file, non-ASCII text, and
// every way a killed run can cut the file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseEventsData } from '../../src/core/run/eventsFile';
import type { RawEvent } from '../../src/shared/rawTrace';
import { tempDir } from './helpers/programs';

const writer = path.join(__dirname, 'helpers', 'writeEvents.ts');

function written(dir: string, ending: 'end' | 'open'): Buffer {
  const file = path.join(dir, `events-${ending}.bin`);
  execFileSync(process.execPath, ['--import', 'tsx', writer, file, ending]);
  return readFileSync(file);
}

/** The events without their times (checked separately). */
const untimed = (events: RawEvent[]): unknown[] => events.map((e) => [e[0], ...e.slice(2)]);

describe('events file reading', function () {
  this.timeout(20000);
  let dir: string;
  let full: Buffer;
  before(() => {
    dir = tempDir();
    full = written(dir, 'end');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back every event the writer wrote, as RawEvent tuples, and the end event as a hint', () => {
    const p = parseEventsData(Buffer.from(full));
    assert.equal(p.node, process.version);
    assert.deepEqual(untimed(p.events), [
      ['start', 'cjs'],
      ['run', 'script', null],
      ['enter', 3, 1, null],
      ['enqueue', '1', 'timer', 'setTimeout', 2, 4, 12.345],
      ['enqueue', '2', 'io', 'FSREQCALLBACK', null, null, null],
      ['enqueue', '3', 'microtask', 'then', 5, 0, null],
      ['console', 'stdout', 'héllo → 世界 🎉 ],["x"\n', 3],
      ['suspend', 1, 6],
      ['exit', 1],
      ['enqueue', '4', 'io', 'FSREQCALLBACK', 7, null, null],
      ['cancel', '1'],
      ['done', 'script'],
      ['run', '3', null],
      ['resume', 1],
      ['done', '3'],
    ]);
    assert.deepEqual(p.endHint?.[0], 'end');
    assert.deepEqual(p.endHint?.slice(2), ['completed', 0]);
    const times = p.events.map((e) => e[1]);
    assert.equal(times[0], 0);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1] && times[i] < 10000, `time ${times[i]} after ${times[i - 1]}`);
    // µs / 1000 is not exact in binary floating point: a whole number of µs comes back within a rounding error
    assert.ok(times.slice(1).every((t) => Math.abs(Math.round(t * 1000) - t * 1000) < 1e-6), 'times are whole microseconds');
  });

  it('a file cut anywhere (a run killed mid-write) gives a prefix of the events, never an error', () => {
    const events = parseEventsData(Buffer.from(full)).events;
    const headerEnd = full.indexOf(10) + 1;
    const headerJsonEnd = full.lastIndexOf('}', headerEnd) + 1; // then spaces up to the word boundary, then the newline
    let last = -1;
    for (let cut = 0; cut <= full.length; cut++) {
      const p = parseEventsData(Buffer.from(full.subarray(0, cut)));
      assert.deepEqual(p.events, events.slice(0, p.events.length), `cut at ${cut}`);
      assert.ok(p.events.length >= last || cut < headerEnd, `cut at ${cut} lost events`);
      assert.equal(p.node, cut >= headerJsonEnd ? process.version : null, `header at cut ${cut}`);
      last = p.events.length;
    }
    assert.equal(last, events.length);
  });

  it('a run that never wrote its end event has no end hint; an empty file has nothing', () => {
    const p = parseEventsData(written(dir, 'open'));
    assert.equal(p.endHint, null);
    assert.equal(p.events.length, 15);
    assert.deepEqual(parseEventsData(Buffer.alloc(0)), { node: null, events: [], endHint: null, costs: null });
  });

  it('a damaged record ends the reading there, keeping what came before', () => {
    const damaged = Buffer.from(full);
    const headerEnd = damaged.indexOf(10) + 1;
    const events = parseEventsData(Buffer.from(full)).events;
    // The third record (the enter event) gets an unknown kind.
    const startRecordBytes = 16 + 24; // text record of ["start",0,"cjs"] (17 bytes, padded to 24)
    const enterAt = headerEnd + startRecordBytes + 3 * 8; // after the run record (3 words)
    assert.equal(damaged.readDoubleLE(enterAt), 5, 'the enter record is where the layout says');
    damaged.writeDoubleLE(99, enterAt);
    assert.deepEqual(parseEventsData(damaged).events, events.slice(0, 2));
  });
});
