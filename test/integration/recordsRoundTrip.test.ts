// Every record kind of the events file (src/shared/eventRecords.ts), written by the tracer's own writers in a
// child process: each writer puts exactly the words the table describes (the writers are hand-unrolled for
// speed, so this is what keeps them and the table together), and the reader gives back the RawEvent tuples.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseEventsData } from '../../src/core/run/eventsFile';
import {
  FIXED_RECORDS, FIXED_LABELS, LABEL_RECORD, TEXT_RECORD, fixedRecordWords, type FieldType, type FixedRecordName,
} from '../../src/shared/eventRecords';
import { queueCode } from '../../src/shared/eventLoop';
import type { RawEvent } from '../../src/shared/rawTrace';
import { tempDir } from './helpers/programs';

const writer = path.join(__dirname, 'helpers', 'recordsWriter.ts');
type Arg = number | null | 'NaN';
type Call = [FixedRecordName, Arg[]] | ['text' | 'label', string];

const fixedLabel = (label: string): number => FIXED_LABELS.indexOf(label);
/** The first label code defined in the file. */
const tcpLabel = FIXED_LABELS.length;

/** Each call, and the event the reader must give back for it (the time left out; null: no event). */
const samples: [Call, unknown[] | null][] = [
  [['enqueue', [7, queueCode('timer'), fixedLabel('setTimeout'), 12, 3, 2500]], ['enqueue', '7', 'timer', 'setTimeout', 12, 3, 2.5]],
  [['enqueue', [0, queueCode('microtask'), fixedLabel('then'), null, -1, 'NaN']], ['enqueue', 'script', 'microtask', 'then', null, null, null]],
  [['label', 'TCPWRAP'], null],
  [['enqueue', [8, queueCode('io'), tcpLabel, 4, 0, 'NaN']], ['enqueue', '8', 'io', 'TCPWRAP', 4, 0, null]],
  [['run', [0]], ['run', 'script', null]],
  [['run', [9]], ['run', '9', null]],
  [['done', [9]], ['done', '9']],
  [['cancel', [7]], ['cancel', '7']],
  [['enter', [4, 11, 13]], ['enter', 4, 11, 13]],
  [['enter', [5, 12, null]], ['enter', 5, 12, null]],
  [['exit', [12]], ['exit', 12]],
  [['suspend', [11, 14]], ['suspend', 11, 14]],
  [['suspend', [11, null]], ['suspend', 11, null]],
  [['resume', [11]], ['resume', 11]],
  [['pending', [13, tcpLabel, 21]], ['pending', '13', 'TCPWRAP', 21]],
  [['pending', [14, tcpLabel, null]], ['pending', '14', 'TCPWRAP', null]],
  [['settled', [13]], ['settled', '13']],
  [['calls', [3, 629000, 180500]], ['calls', 3, 629000, 180.5]],
  [['via', [fixedLabel('then'), tcpLabel]], ['via', 'then', 'TCPWRAP']],
  [['label', "Error: 'ü'"], null],
  [['value', [15, tcpLabel + 1, 1]], ['value', '15', "Error: 'ü'", 1]],
  [['value', [16, fixedLabel('then'), 0]], ['value', '16', 'then', 0]],
  [['label', 'Promise.all'], null],
  [['group', [1, tcpLabel + 2, 3, 8]], ['group', 1, 'Promise.all', 3, 8]],
  [['group', [2, tcpLabel + 2, 0, null]], ['group', 2, 'Promise.all', 0, null]],
  [['member', [17, 1, 2]], ['member', '17', 1, 2]],
  [['text', '["console",1.5,"stderr","ü",null]'], ['console', 'stderr', 'ü', null]],
];

/** The word a writer must put for an argument of a field of this type. */
function wordFor(type: FieldType, arg: Arg): number {
  if (arg === 'NaN' || arg === null) return NaN;
  if (type === 'indexOrNull' && arg < 0) return NaN;
  return arg;
}

describe('events file records: every kind written and read back', function () {
  this.timeout(20000);
  let dir: string;
  let file: Buffer;
  let enqueueRecordHex: string;
  before(() => {
    dir = tempDir();
    const out = path.join(dir, 'records.bin');
    enqueueRecordHex = execFileSync(process.execPath, ['--import', 'tsx', writer, out, JSON.stringify(samples.map(([call]) => call))], { encoding: 'utf8' });
    file = readFileSync(out);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the samples cover every fixed kind, a label record and a text record', () => {
    const kinds = new Set(samples.map(([call]) => call[0]));
    for (const kind of [...Object.keys(FIXED_RECORDS), 'label', 'text']) assert.ok(kinds.has(kind as never), kind);
  });

  it('each writer writes the words the table describes', () => {
    const body = file.subarray(file.indexOf(10) + 1);
    const words = new Float64Array(new Uint8Array(body).buffer);
    let i = 0;
    // the start event, a text record
    assert.equal(words[i], TEXT_RECORD);
    i += 2 + Math.ceil(words[i + 1] / 8);
    let nextLabel = tcpLabel; // label codes are defined in order
    for (const [[kind, args]] of samples) {
      if (kind === 'text') {
        assert.equal(words[i], TEXT_RECORD);
        assert.equal(Buffer.from(body.subarray((i + 2) * 8, (i + 2) * 8 + words[i + 1])).toString('utf8'), args);
        i += 2 + Math.ceil(words[i + 1] / 8);
        continue;
      }
      if (kind === 'label') {
        assert.deepEqual([words[i], words[i + 1]], [LABEL_RECORD, nextLabel++]);
        assert.equal(Buffer.from(body.subarray((i + 3) * 8, (i + 3) * 8 + words[i + 2])).toString('utf8'), args);
        i += 3 + Math.ceil(words[i + 2] / 8);
        continue;
      }
      const table = FIXED_RECORDS[kind];
      const values = args as Arg[];
      const expected: number[] = [table.code];
      let k = 0;
      for (const [, type] of table.fields) if (type !== 'null') expected.push(wordFor(type, values[k++]));
      assert.equal(k, values.length, `${kind}: the writer takes one argument per field that has a word`);
      const n = fixedRecordWords(table);
      const got = [words[i], ...words.subarray(i + 2, i + n)];
      assert.deepEqual(got, expected, `${kind} ${JSON.stringify(args)}`);
      assert.ok(Number.isInteger(words[i + 1]) && words[i + 1] >= 0, `${kind}: time in whole µs`);
      i += n;
    }
    assert.equal(i, words.length, 'nothing else was written');
  });

  it('enqueueRecord (an enqueue inserted later, with a given time) has writeEnqueue\'s layout', () => {
    const words = new Float64Array(new Uint8Array(Buffer.from(enqueueRecordHex, 'hex')).buffer);
    const [, args] = samples[0][0] as ['enqueue', Arg[]];
    const expected = [FIXED_RECORDS.enqueue.code, 1234, ...FIXED_RECORDS.enqueue.fields.map(([, type], k) => wordFor(type, args[k]))];
    assert.deepEqual([...words], expected);
  });

  it('the reader gives back each event as its RawEvent tuple', () => {
    const warnings: string[] = [];
    const parsed = parseEventsData(file, (w) => warnings.push(w));
    const untimed = (e: RawEvent): unknown[] => [e[0], ...e.slice(2)];
    assert.deepEqual(parsed.events.map(untimed), [['start', 'cjs'], ...samples.flatMap(([, event]) => (event === null ? [] : [event]))]);
    assert.deepEqual(warnings, []);
    assert.equal(parsed.node, process.version);
  });
});
