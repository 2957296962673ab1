// Writes one record per call with the tracer's own record writers (src/runtime/recordWriters.ts), for
// recordsRoundTrip.test.ts. Usage: node --import tsx recordsWriter.ts FILE CALLS_JSON, where CALLS_JSON is
// [kindName, args][] ("NaN" stands for NaN) or ["text", jsonLine] or ["label", labelText]. Prints the bytes of
// enqueueRecord(1234, ...the first enqueue call's args) in hex on stdout.
import { openEvents } from '../../../src/runtime/runLifecycle';
import { emitText, labelCode } from '../../../src/runtime/recordEncoding';
import { flush } from '../../../src/runtime/recordStream';
import { RECORD_WRITERS, enqueueRecord } from '../../../src/runtime/recordWriters';
import type { FixedRecordName } from '../../../src/shared/eventRecords';

type Arg = number | null | 'NaN';
const [file, callsJson] = process.argv.slice(2);
const calls = JSON.parse(callsJson) as [string, Arg[] | string][];
const value = (a: Arg): number | null => (a === 'NaN' ? NaN : a);
openEvents(file, 1e6, 'cjs');
let firstEnqueue: (number | null)[] | null = null;
for (const [kind, args] of calls) {
  if (kind === 'text') emitText(args as string);
  else if (kind === 'label') labelCode(args as string);
  else {
    const values = (args as Arg[]).map(value);
    if (kind === 'enqueue' && firstEnqueue === null) firstEnqueue = values;
    (RECORD_WRITERS[kind as FixedRecordName] as (...a: (number | null)[]) => void)(...values);
  }
}
flush(true);
if (firstEnqueue !== null) {
  const [id, queue, label, line, site, due] = firstEnqueue as [number, number, number, number | null, number, number];
  process.stdout.write(enqueueRecord(1234, id, queue, label, line, site, due).toString('hex'));
}
