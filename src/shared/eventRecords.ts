// The events file's layout, written once as data: the child's writers (src/runtime/recordWriters.ts, checked
// against this table by test/integration/recordsRoundTrip.test.ts) and the runner's reader
// (src/core/run/eventsFile.ts, derived from it) both follow it.
//
// Why binary: a traced run writes about a million events per second, and spelling each one as a JSON line
// (digits, quotes, queue names) was the largest single cost of the tracer, about 15% of a run. A record is
// a few float64 words written in place; the reader builds the same RawEvent tuples (rawTrace.ts) JSON.parse
// gave before.
//
// Layout: the file starts with one JSON header line (eventsFileHeader) padded with spaces to a multiple of 8
// bytes, then records, each a whole number of float64 words (native byte order: the same machine reads and
// writes), each starting with its kind code:
//
//   [code, time, ...fields]             an event of a FIXED_RECORDS kind: time in whole microseconds since
//                                       the start, then one word per field (FIELD_TYPES says how)
//   [TEXT, byteLength, ...bytes]        any event as its JSON line (console, errors, start, end)
//   [LABEL, code, byteLength, ...bytes] the text of a label code not in FIXED_LABELS, before its first use
//
// The header lists every kind's size (RecordSize), so a reader skips a kind it does not know instead of
// stopping there; EVENTS_FILE_VERSION changes when a known kind's layout does.

export const EVENTS_FILE_FORMAT = 'loopscope-events';
export const EVENTS_FILE_VERSION = 3;

/**
 * How a field is stored in its word and read back:
 * - item: an item id, 0 is the script task; read as a string ("script", "12")
 * - int: a number as is (probe, invocation)
 * - queue: a queue code, its index in QUEUE_NAMES
 * - label: a label code (FIXED_LABELS or a LABEL record)
 * - lineOrNull: a line number, NaN for null (the writer takes number | null)
 * - indexOrNull: a probe index, NaN for null (the writer takes a number, negative for none)
 * - dueOrNull: a due time in microseconds, NaN for none; read in milliseconds or null
 * - micros: a duration in microseconds; read in milliseconds
 * - null: takes no word: the event's tuple has null there
 */
export type FieldType = 'item' | 'int' | 'queue' | 'label' | 'lineOrNull' | 'indexOrNull' | 'dueOrNull' | 'micros' | 'null';

export interface FixedRecordKind {
  readonly code: number;
  /** The RawEvent it stands for (its first element). */
  readonly event: string;
  /** The event's fields after the time, in tuple order: [name, type]. */
  readonly fields: readonly (readonly [string, FieldType])[];
}

/** The hot events, each a fixed-size record. */
export const FIXED_RECORDS = {
  enqueue: {
    code: 1,
    event: 'enqueue',
    fields: [['id', 'item'], ['queue', 'queue'], ['label', 'label'], ['line', 'lineOrNull'], ['site', 'indexOrNull'], ['due', 'dueOrNull']],
  },
  run: { code: 2, event: 'run', fields: [['id', 'item'], ['line', 'null']] },
  done: { code: 3, event: 'done', fields: [['id', 'item']] },
  cancel: { code: 4, event: 'cancel', fields: [['id', 'item']] },
  enter: { code: 5, event: 'enter', fields: [['probe', 'int'], ['inv', 'int'], ['callerLine', 'lineOrNull']] },
  exit: { code: 6, event: 'exit', fields: [['inv', 'int']] },
  suspend: { code: 7, event: 'suspend', fields: [['inv', 'int'], ['line', 'lineOrNull']] },
  resume: { code: 8, event: 'resume', fields: [['inv', 'int']] },
  // an operation outside the JavaScript thread started (fs on the thread pool, a socket, a child process):
  // its callback comes later as item `id` (an 'enqueue' to the I/O queue), or never ('settled')
  pending: { code: 11, event: 'pending', fields: [['id', 'item'], ['label', 'label'], ['line', 'lineOrNull']] },
  settled: { code: 12, event: 'settled', fields: [['id', 'item']] },
  // Calls past the task's or the function's call budget, counted instead of recorded (src/runtime/foldedCalls.ts): `count`
  // calls of function probe `probe` since the previous record, over `ms` (from the first of them to the end of
  // the last).
  calls: { code: 13, event: 'calls', fields: [['probe', 'int'], ['count', 'int'], ['ms', 'micros']] },
  // The next `enter` was called through library code (src/runtime/libraryFrames.ts): the outermost library
  // frame between it and the user frame below, by name (`emit`, `Array.map`) and file (`node:events`, a package
  // name; '' for a builtin).
  via: { code: 14, event: 'via', fields: [['name', 'label'], ['file', 'label']] },
  // What the promise a microtask item reacts to settled with, as a short text (src/runtime/promiseValues.ts),
  // right after the item's enqueue; rejected: 1 when it was rejected (the text is the reason).
  value: { code: 15, event: 'value', fields: [['id', 'item'], ['text', 'label'], ['rejected', 'int']] },
  // A Promise.all / allSettled / race / any call returned (src/runtime/promiseCombinators.ts): group number
  // `group` (1, 2, ... per run), the combinator's name, how many members it reacts to, the line of the call.
  group: { code: 16, event: 'group', fields: [['group', 'int'], ['label', 'label'], ['count', 'int'], ['line', 'lineOrNull']] },
  // Microtask item `id` (just enqueued) is the reaction of member `index` (0-based) of group `group`: it may
  // come before its group's record (a member already settled is queued during the call).
  member: { code: 17, event: 'member', fields: [['id', 'item'], ['group', 'int'], ['index', 'int']] },
} as const satisfies Record<string, FixedRecordKind>;

export type FixedRecordName = keyof typeof FIXED_RECORDS;

/** Any event as its JSON line: [TEXT_RECORD, byteLength, ...utf-8 bytes]. */
export const TEXT_RECORD = 9;
/** A label code's text: [LABEL_RECORD, code, byteLength, ...utf-8 bytes]. */
export const LABEL_RECORD = 10;

/** The number of words of a field in its record. */
export function fieldWords(type: FieldType): number {
  return type === 'null' ? 0 : 1;
}

/** Words of a fixed record: kind, time, fields. */
export function fixedRecordWords(kind: FixedRecordKind): number {
  let n = 2;
  for (const [, type] of kind.fields) n += fieldWords(type);
  return n;
}

/**
 * The size of one kind of record, as the header lists it: `words` fixed words, plus, when lengthAt >= 0, the
 * byte length held in word `lengthAt` rounded up to whole words.
 */
export type RecordSize = readonly [code: number, words: number, lengthAt: number];

/** Every kind's size, for the header. */
export function recordSizes(): RecordSize[] {
  const sizes: RecordSize[] = Object.values(FIXED_RECORDS).map((k) => [k.code, fixedRecordWords(k), -1] as const);
  sizes.push([TEXT_RECORD, 2, 1], [LABEL_RECORD, 3, 2]);
  return sizes;
}

/** The header's fields besides the node version and pid. */
export interface EventsFileHeader {
  format: string;
  version: number;
  node: string;
  pid: number;
  records: RecordSize[];
  /** What the tracer's hot paths cost in this process, timed before the user's code ran (TracerCosts). */
  costs?: TracerCosts;
  /** A worker thread's events file (absent in the main thread's): which thread, and where it was created. */
  thread?: ThreadHeader;
}

/** A worker thread: Node's threadId, a name, the located line of its `new Worker` in the parent, the parent's id. */
export interface ThreadHeader {
  id: number;
  name: string;
  line: number | null;
  parent: number;
}

/** Nanoseconds per recorded event and per folded call (a call past the budget, counted), timed by the child. */
export interface TracerCosts {
  recordNs: number;
  foldedCallNs: number;
}

/**
 * Room kept in the header line for `costs`: the child writes the header at once (a child killed before its
 * first flush still shows it started) and rewrites it in place, the same length, once it timed its costs.
 */
const COSTS_ROOM = 64;

/**
 * The header line, padded with spaces so that it ends (with its newline) on a word boundary; with or without
 * `costs`, the same length (when the costs fit their room: else they are left out).
 */
export function eventsFileHeader(node: string, pid: number, costs?: TracerCosts): string {
  const lines = eventsFileHeaderLines(node, pid);
  return costs ? lines.withCosts(costs) : lines.plain;
}

/**
 * The header line without costs, and a maker of the same line with them. Made before the user's code runs:
 * the child times its costs at the end of the run, when the program may have replaced JSON.stringify or
 * Array.prototype.push (hostile/broken-builtins.js), so `withCosts` uses neither, only string concatenation.
 */
export function eventsFileHeaderLines(node: string, pid: number, thread?: ThreadHeader): { plain: string; withCosts: (costs: TracerCosts) => string } {
  const header: EventsFileHeader = { format: EVENTS_FILE_FORMAT, version: EVENTS_FILE_VERSION, node, pid, records: recordSizes(), ...(thread === undefined ? {} : { thread }) };
  const base = JSON.stringify(header);
  const open = base.slice(0, -1); // without its closing brace
  const width = base.length + COSTS_ROOM;
  const padded = (line: string): string => {
    while (line.length < width || (line.length + 1) % 8 !== 0) line += ' ';
    return line + '\n';
  };
  return {
    plain: padded(base),
    withCosts: (costs) => {
      const line = open + ',"costs":{"recordNs":' + num(costs.recordNs) + ',"foldedCallNs":' + num(costs.foldedCallNs) + '}}';
      return padded(line.length <= width ? line : base);
    },
  };
}

/** A finite number as JSON writes it, else 0. */
const num = (n: number): string => (n === n && n !== Infinity && n !== -Infinity ? '' + n : '0');

/** Why a parsed header is not one this reader reads, or null when it is. */
export function headerMismatch(h: { format?: unknown; version?: unknown }): string | null {
  if (h.format === EVENTS_FILE_FORMAT && h.version === EVENTS_FILE_VERSION) return null;
  const found = typeof h.format === 'string' ? `${h.format} version ${String(h.version)}` : 'an unnamed format (an older Loopscope)';
  return `loopscope: the events file is ${found}; this Loopscope reads ${EVENTS_FILE_FORMAT} version ${EVENTS_FILE_VERSION}. The runtime (dist/runtime) and the runner come from different builds: rebuild (node esbuild.mjs).`;
}

/** Labels every run uses, known to both sides; codes from FIXED_LABELS.length on are defined in the file. */
export const FIXED_LABELS: readonly string[] = [
  'then', 'thenable', 'resume', 'resume module', 'queueMicrotask', 'setTimeout', 'setInterval', 'setImmediate', 'nextTick',
];

/** A writer's argument for a field: lines may be null, everything else is a number. */
type WriterArg<T extends FieldType> = T extends 'lineOrNull' ? number | null : number;
/** A fixed record writer's arguments: one per field that takes a word. */
export type WriterArgs<F> = F extends readonly [readonly [string, infer T extends FieldType], ...infer Rest]
  ? T extends 'null'
    ? WriterArgs<Rest>
    : [WriterArg<T>, ...WriterArgs<Rest>]
  : [];
export type RecordWriterArgs<K extends FixedRecordName> = WriterArgs<(typeof FIXED_RECORDS)[K]['fields']>;
