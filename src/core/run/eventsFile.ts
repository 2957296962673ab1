// Reads the child's events file (layout: src/shared/eventCodes.ts): a JSON header line
// ({"loopscope":2,"node":"v20...."}) padded to a word boundary, then binary records, turned back into the
// RawEvent tuples of rawTrace.ts. A run killed mid-write may leave a torn last record: it is dropped, and so is
// anything after a record that does not decode (nothing after it can be trusted to start on a record).
import { QUEUE_NAMES, type RawEvent } from '../../shared/rawTrace';
import {
  K_ENQUEUE, K_RUN, K_DONE, K_CANCEL, K_ENTER, K_EXIT, K_SUSPEND, K_RESUME, K_TEXT, K_LABEL, RECORD_WORDS, FIXED_LABELS,
} from '../../shared/eventCodes';

export interface ParsedEvents {
  node: string | null;
  events: RawEvent[];
  /** The child's own 'end' event (removed from `events`), if it wrote one. */
  endHint: Extract<RawEvent, { 0: 'end' }> | null;
}

const NL = 10;

/** Parses the file's bytes. */
export function parseEventsData(data: Buffer): ParsedEvents {
  let node: string | null = null;
  let bodyStart = 0;
  if (data.length > 0 && data[0] === 0x7b /* { */) {
    const nl = data.indexOf(NL);
    const header = data.toString('utf8', 0, nl < 0 ? data.length : nl);
    bodyStart = nl < 0 ? data.length : nl + 1;
    try {
      const h = JSON.parse(header) as { node?: unknown };
      if (typeof h.node === 'string') node = h.node;
    } catch {
      // torn header: no version
    }
  }
  const events = bodyStart % 8 === 0 ? decodeRecords(data, bodyStart) : [];
  let endHint: ParsedEvents['endHint'] = null;
  const endAt = events.findIndex((e) => e[0] === 'end');
  if (endAt >= 0) {
    endHint = events[endAt] as Extract<RawEvent, { 0: 'end' }>;
    events.length = endAt; // nothing after the end counts
  }
  return { node, events, endHint };
}

/** NaN is how a record says null. */
function orNull(x: number): number | null {
  return x === x ? x : null;
}

/** Item ids: 0 is the script task. */
function itemId(x: number): string {
  return x === 0 ? 'script' : String(x);
}

function decodeRecords(data: Buffer, from: number): RawEvent[] {
  const words = (data.length - from) >> 3;
  // One aligned copy: the file's bytes need not start on an 8-byte boundary in memory.
  const aligned = new ArrayBuffer(words * 8);
  new Uint8Array(aligned).set(data.subarray(from, from + words * 8));
  const f = new Float64Array(aligned);
  const labels: string[] = FIXED_LABELS.slice();
  const events: RawEvent[] = [];
  let i = 0;
  while (i < words) {
    const kind = f[i];
    const size = kind === K_TEXT ? 2 + ((f[i + 1] + 7) >> 3) : kind === K_LABEL ? 3 + ((f[i + 2] + 7) >> 3) : RECORD_WORDS[kind];
    if (!(size > 0) || i + size > words) break; // a torn or damaged record: nothing after it can be read
    const t = f[i + 1] / 1000;
    switch (kind) {
      case K_ENQUEUE: {
        const due = f[i + 7];
        events.push(['enqueue', t, itemId(f[i + 2]), QUEUE_NAMES[f[i + 3]], labels[f[i + 4]] ?? '?', orNull(f[i + 5]), orNull(f[i + 6]), due === due ? due / 1000 : null]);
        break;
      }
      case K_RUN:
        events.push(['run', t, itemId(f[i + 2]), null]);
        break;
      case K_DONE:
        events.push(['done', t, itemId(f[i + 2])]);
        break;
      case K_CANCEL:
        events.push(['cancel', t, itemId(f[i + 2])]);
        break;
      case K_ENTER:
        events.push(['enter', t, f[i + 2], f[i + 3], orNull(f[i + 4])]);
        break;
      case K_EXIT:
        events.push(['exit', t, f[i + 2]]);
        break;
      case K_SUSPEND:
        events.push(['suspend', t, f[i + 2], orNull(f[i + 3])]);
        break;
      case K_RESUME:
        events.push(['resume', t, f[i + 2]]);
        break;
      case K_TEXT: {
        const at = from + (i + 2) * 8;
        try {
          events.push(JSON.parse(data.toString('utf8', at, at + f[i + 1])) as RawEvent);
        } catch {
          // a damaged text record: its length was sound, so the next record still starts after it
        }
        break;
      }
      case K_LABEL: {
        const at = from + (i + 3) * 8;
        labels[f[i + 1]] = data.toString('utf8', at, at + f[i + 2]);
        break;
      }
    }
    i += size;
  }
  return events;
}
