// The events file's format checks (src/core/run/eventsFile.ts, src/shared/eventRecords.ts), on files built by
// hand: the header's format and version, records of a kind the reader does not know, and the table itself.
import assert from 'node:assert/strict';
import { parseEventsData } from '../../src/core/run/eventsFile';
import {
  EVENTS_FILE_FORMAT, EVENTS_FILE_VERSION, FIXED_RECORDS, LABEL_RECORD, TEXT_RECORD, eventsFileHeader, eventsFileHeaderLines, recordSizes,
  type RecordSize,
} from '../../src/shared/eventRecords';

/** A header line padded to a word boundary. */
function headerLine(fields: object): string {
  let line = JSON.stringify(fields);
  while ((line.length + 1) % 8 !== 0) line += ' ';
  return line + '\n';
}

/** A file of the header and the records, each given as its words. */
function file(header: string, records: number[][]): Buffer {
  const words = new Float64Array(records.flat());
  return Buffer.concat([Buffer.from(header), Buffer.from(words.buffer)]);
}

const run = FIXED_RECORDS.run.code;
const done = FIXED_RECORDS.done.code;

describe('events file records: format checks', () => {
  it('reads a file with its own header', () => {
    const header = eventsFileHeader('v20.1.0', 7);
    assert.equal(header.length % 8, 0);
    const p = parseEventsData(file(header, [[run, 1000, 0], [done, 2000, 0]]));
    assert.deepEqual(p, { node: 'v20.1.0', events: [['run', 1, 'script', null], ['done', 2, 'script']], endHint: null, costs: null });
  });

  it('the header with costs: same length as without, read back by the reader, made without JSON.stringify', () => {
    const lines = eventsFileHeaderLines('v20.1.0', 7);
    const stringify = JSON.stringify;
    let withCosts: string;
    try {
      JSON.stringify = () => 'broken'; // what hostile/broken-builtins.js does before the run ends
      withCosts = lines.withCosts({ recordNs: 61.5, foldedCallNs: 12.25 });
    } finally {
      JSON.stringify = stringify;
    }
    assert.equal(withCosts.length, lines.plain.length);
    const p = parseEventsData(file(withCosts, [[run, 1000, 0]]));
    assert.deepEqual(p.costs, { recordNs: 61.5, foldedCallNs: 12.25 });
  });

  it('a header of another format or version is a clear error, not a wrong trace', () => {
    const other = headerLine({ format: EVENTS_FILE_FORMAT, version: EVENTS_FILE_VERSION + 1, node: 'v20.1.0', pid: 1 });
    assert.throws(() => parseEventsData(file(other, [[run, 1000, 0]])), new RegExp(`is ${EVENTS_FILE_FORMAT} version ${EVENTS_FILE_VERSION + 1}; this Loopscope reads ${EVENTS_FILE_FORMAT} version ${EVENTS_FILE_VERSION}`));
    const older = headerLine({ loopscope: 2, node: 'v20.1.0', pid: 1 });
    assert.throws(() => parseEventsData(file(older, [])), /an unnamed format \(an older Loopscope\)/);
  });

  it('skips a record of an unknown kind the header sizes, with a warning, and reads on', () => {
    const sizes: RecordSize[] = [...recordSizes(), [42, 4, -1], [43, 3, 2]];
    const header = headerLine({ format: EVENTS_FILE_FORMAT, version: EVENTS_FILE_VERSION, node: 'v20.1.0', pid: 1, records: sizes });
    const warnings: string[] = [];
    const p = parseEventsData(
      file(header, [[run, 1000, 0], [42, 1500, 1, 2], [43, 1600, 9, 1, 2], [42, 1700, 3, 4], [done, 2000, 0]]),
      (w) => warnings.push(w),
    );
    assert.deepEqual(p.events, [['run', 1, 'script', null], ['done', 2, 'script']]);
    assert.deepEqual(warnings.length, 2);
    assert.match(warnings[0], /skipped 2 records of kind 42/);
    assert.match(warnings[1], /skipped 1 record of kind 43/);
  });

  it('a kind neither the reader nor the header knows ends the reading there (damaged), keeping what came before', () => {
    const warnings: string[] = [];
    const p = parseEventsData(file(eventsFileHeader('v20.1.0', 1), [[run, 1000, 0], [99, 1500, 1], [done, 2000, 0]]), (w) => warnings.push(w));
    assert.deepEqual(p.events, [['run', 1, 'script', null]]);
    assert.deepEqual(warnings, []);
  });

  it('the table: distinct codes, fields in tuple order, sizes the header lists', () => {
    const codes = Object.values(FIXED_RECORDS).map((k) => k.code);
    assert.equal(new Set([...codes, TEXT_RECORD, LABEL_RECORD]).size, codes.length + 2);
    for (const [name, kind] of Object.entries(FIXED_RECORDS)) assert.equal(kind.event, name);
    assert.deepEqual(recordSizes().find(([code]) => code === FIXED_RECORDS.enqueue.code), [FIXED_RECORDS.enqueue.code, 8, -1]);
    assert.deepEqual(recordSizes().find(([code]) => code === FIXED_RECORDS.run.code), [FIXED_RECORDS.run.code, 3, -1]);
  });
});
