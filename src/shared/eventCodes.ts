// The events file's binary records: shared by the child's writer (src/runtime/eventBuffer.ts) and the runner's
// reader (src/core/run/eventsFile.ts), which turns them back into RawEvent tuples (rawTrace.ts).
//
// Why binary: a traced run writes about a million events per second, and spelling each one as a JSON line
// (digits, quotes, queue names) was the largest single cost of the tracer, about 15% of a run. A record is
// a few float64 words written in place; the reader builds the same tuples JSON.parse gave before.
//
// Layout: the file starts with one JSON header line padded with spaces to a multiple of 8 bytes, then
// records, each a whole number of float64 words (native byte order: the same machine reads and writes):
//
//   [kind, time, ...fields]          hot events: time in whole microseconds since the start; NaN is null
//   [K_TEXT, byteLength, ...bytes]   any event as its JSON line (console, errors, inserted enqueues, end)
//   [K_LABEL, code, byteLength, ...bytes]   the text of a label code not in FIXED_LABELS, before its first use
//
// Item ids are numbers (0 is the script task, written "script"); the reader makes them strings.

export const K_ENQUEUE = 1; // [1, t, id, queue, label, line, site, due µs]
export const K_RUN = 2; // [2, t, id]            -> ['run', t, id, null]
export const K_DONE = 3; // [3, t, id]
export const K_CANCEL = 4; // [4, t, id]
export const K_ENTER = 5; // [5, t, probe, inv, callerLine]
export const K_EXIT = 6; // [6, t, inv]
export const K_SUSPEND = 7; // [7, t, inv, line]
export const K_RESUME = 8; // [8, t, inv]
export const K_TEXT = 9;
export const K_LABEL = 10;

/** Words per hot record, by kind (0: not a fixed-size kind). */
export const RECORD_WORDS: readonly number[] = [0, 8, 3, 3, 3, 5, 3, 4, 3, 0, 0];

/** Queue codes are indexes into QUEUE_NAMES (rawTrace.ts). */

/** Labels every run uses, known to both sides; codes from FIXED_LABELS.length on are defined in the file. */
export const FIXED_LABELS: readonly string[] = [
  'then', 'thenable', 'resume', 'resume module', 'queueMicrotask', 'setTimeout', 'setInterval', 'setImmediate', 'nextTick',
];
