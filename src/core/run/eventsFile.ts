// Reads the child's events file (layout: src/shared/eventRecords.ts): a JSON header line padded to a word
// boundary, then binary records, turned back into the RawEvent tuples of rawTrace.ts. The decoding of the
// fixed records is derived from the record table. A run killed mid-write may leave a torn last record: it is
// dropped, and so is anything after a record that does not decode (nothing after it can be trusted to start on
// a record). A record of a kind this reader does not know, but the header sizes, is skipped with a warning.
import { QUEUE_NAMES, type RawEvent } from '../../shared/rawTrace';
import {
  FIXED_RECORDS, FIXED_LABELS, LABEL_RECORD, TEXT_RECORD, fixedRecordWords, headerMismatch, recordSizes,
  type FieldType, type RecordSize, type ThreadHeader, type TracerCosts,
} from '../../shared/eventRecords';

export interface ParsedEvents {
  node: string | null;
  events: RawEvent[];
  /** The child's own 'end' event (removed from `events`), if it wrote one. */
  endHint: Extract<RawEvent, { 0: 'end' }> | null;
  /** What the tracer's hot paths cost in the child (its header), if it said. */
  costs: TracerCosts | null;
  /** A worker thread's file: which thread (its header); absent in the main thread's. */
  thread?: ThreadHeader;
}

/** Where warnings about the file go (records skipped): console.warn unless the caller collects them. */
export type WarningSink = (message: string) => void;

const NL = 10;

/** How to read one fixed kind, by its code. */
interface FixedReader {
  event: string;
  words: number;
  types: readonly FieldType[];
}
const fixedReaders: (FixedReader | undefined)[] = [];
for (const kind of Object.values(FIXED_RECORDS)) {
  fixedReaders[kind.code] = { event: kind.event, words: fixedRecordWords(kind), types: kind.fields.map(([, type]) => type) };
}
const ownSizes = recordSizes();

/** Parses the file's bytes. Throws when the header names another format or version. */
export function parseEventsData(data: Buffer, warn: WarningSink = console.warn): ParsedEvents {
  let node: string | null = null;
  let costs: TracerCosts | null = null;
  let thread: ThreadHeader | null = null;
  let bodyStart = 0;
  let sizes: readonly RecordSize[] = ownSizes;
  if (data.length > 0 && data[0] === 0x7b /* { */) {
    const nl = data.indexOf(NL);
    const header = data.toString('utf8', 0, nl < 0 ? data.length : nl);
    bodyStart = nl < 0 ? data.length : nl + 1;
    const h = parseHeader(header);
    if (h !== null) {
      const mismatch = headerMismatch(h);
      if (mismatch !== null) throw new Error(mismatch);
      if (typeof h.node === 'string') node = h.node;
      if (Array.isArray(h.records)) sizes = h.records as RecordSize[];
      costs = tracerCosts(h.costs);
      thread = threadHeader(h.thread);
    }
  }
  const events = bodyStart % 8 === 0 ? decodeRecords(data, bodyStart, sizes, warn) : [];
  let endHint: ParsedEvents['endHint'] = null;
  const endAt = events.findIndex((e) => e[0] === 'end');
  if (endAt >= 0) {
    endHint = events[endAt] as Extract<RawEvent, { 0: 'end' }>;
    events.length = endAt; // nothing after the end counts
  }
  return { node, events, endHint, costs, ...(thread === null ? {} : { thread }) };
}

function threadHeader(x: unknown): ThreadHeader | null {
  if (x === null || typeof x !== 'object') return null;
  const { id, name, line, parent } = x as Record<string, unknown>;
  if (typeof id !== 'number' || typeof name !== 'string') return null;
  return { id, name, line: typeof line === 'number' ? line : null, parent: typeof parent === 'number' ? parent : 0 };
}

/** The header's `costs`, when it has valid ones. */
function tracerCosts(x: unknown): TracerCosts | null {
  if (x === null || typeof x !== 'object') return null;
  const { recordNs, foldedCallNs } = x as Record<string, unknown>;
  return typeof recordNs === 'number' && recordNs >= 0 && typeof foldedCallNs === 'number' && foldedCallNs >= 0 ? { recordNs, foldedCallNs } : null;
}

interface HeaderFields {
  node?: unknown;
  format?: unknown;
  version?: unknown;
  records?: unknown;
  costs?: unknown;
  thread?: unknown;
}

/** The header line's fields, or null when it is torn (a run killed before its first write). */
function parseHeader(text: string): HeaderFields | null {
  try {
    const h = JSON.parse(text) as unknown;
    return h !== null && typeof h === 'object' ? (h as HeaderFields) : null;
  } catch {
    return null;
  }
}

/** Words and length word of each code the header lists, for the kinds this reader does not know. */
function foreignSizes(sizes: readonly RecordSize[]): { words: number[]; lengthAt: number[] } {
  const words: number[] = [];
  const lengthAt: number[] = [];
  for (const s of sizes) {
    if (!Array.isArray(s) || !Number.isInteger(s[0]) || s[0] < 0 || s[0] > 255) continue;
    if (fixedReaders[s[0]] !== undefined || s[0] === TEXT_RECORD || s[0] === LABEL_RECORD) continue;
    if (Number.isInteger(s[1]) && s[1] >= 2) {
      words[s[0]] = s[1];
      lengthAt[s[0]] = Number.isInteger(s[2]) && s[2] >= 1 && s[2] < s[1] ? s[2] : -1;
    }
  }
  return { words, lengthAt };
}

function decodeRecords(data: Buffer, from: number, sizes: readonly RecordSize[], warn: WarningSink): RawEvent[] {
  const words = (data.length - from) >> 3;
  // One aligned copy: the file's bytes need not start on an 8-byte boundary in memory.
  const aligned = new ArrayBuffer(words * 8);
  new Uint8Array(aligned).set(data.subarray(from, from + words * 8));
  const f = new Float64Array(aligned);
  const foreign = foreignSizes(sizes);
  const skipped = new Map<number, number>();
  const labels: string[] = FIXED_LABELS.slice();
  const events: RawEvent[] = [];
  let i = 0;
  while (i < words) {
    const code = f[i];
    const fixed = fixedReaders[code];
    let size: number;
    if (fixed !== undefined) size = fixed.words;
    else if (code === TEXT_RECORD) size = 2 + ((f[i + 1] + 7) >> 3);
    else if (code === LABEL_RECORD) size = 3 + ((f[i + 2] + 7) >> 3);
    else {
      const n = foreign.words[code];
      const at = foreign.lengthAt[code];
      size = n === undefined ? NaN : at >= 0 ? n + ((f[i + at] + 7) >> 3) : n;
    }
    if (!(size > 0) || i + size > words) break; // a torn or damaged record: nothing after it can be read
    if (fixed !== undefined) events.push(decodeFixed(f, i, fixed, labels));
    else if (code === TEXT_RECORD) {
      const at = from + (i + 2) * 8;
      try {
        events.push(JSON.parse(data.toString('utf8', at, at + f[i + 1])) as RawEvent);
      } catch {
        // a damaged text record: its length was sound, so the next record still starts after it
      }
    } else if (code === LABEL_RECORD) {
      const at = from + (i + 3) * 8;
      labels[f[i + 1]] = data.toString('utf8', at, at + f[i + 2]);
    } else {
      skipped.set(code, (skipped.get(code) ?? 0) + 1);
    }
    i += size;
  }
  for (const [code, n] of skipped) {
    warn(`loopscope: skipped ${n} record${n === 1 ? '' : 's'} of kind ${code}, which this Loopscope does not know (the runtime is from a newer build)`);
  }
  return events;
}

/** A fixed record at word i as its RawEvent tuple, field by field as the table says. */
function decodeFixed(f: Float64Array, i: number, reader: FixedReader, labels: readonly string[]): RawEvent {
  const types = reader.types;
  const n = types.length;
  const event: unknown[] = new Array(2 + n);
  event[0] = reader.event;
  event[1] = f[i + 1] / 1000;
  let w = i + 2;
  for (let k = 0; k < n; k++) {
    const type = types[k];
    if (type === 'null') {
      event[2 + k] = null;
      continue;
    }
    const x = f[w++];
    event[2 + k] =
      type === 'item' ? (x === 0 ? 'script' : String(x))
      : type === 'queue' ? QUEUE_NAMES[x]
      : type === 'label' ? (labels[x] ?? '?')
      : type === 'dueOrNull' ? (x === x ? x / 1000 : null)
      : type === 'micros' ? x / 1000
      : type === 'int' || x === x ? x
      : null; // lineOrNull, indexOrNull: NaN is how a record says null
  }
  return event as RawEvent;
}
