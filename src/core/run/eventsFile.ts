// Reads the child's events file: a header object line ({"loopscope":1,"node":"v20...."}) then one RawEvent
// tuple per line. A run killed mid-write may leave a torn last line: it is dropped.
import type { RawEvent } from '../../shared/rawTrace';

export interface ParsedEvents {
  node: string | null;
  events: RawEvent[];
  /** The child's own 'end' event (removed from `events`), if it wrote one. */
  endHint: Extract<RawEvent, { 0: 'end' }> | null;
}

export function parseEventsFile(text: string): ParsedEvents {
  let node: string | null = null;
  let body = text;
  if (body.startsWith('{')) {
    const nl = body.indexOf('\n');
    const header = nl < 0 ? body : body.slice(0, nl);
    body = nl < 0 ? '' : body.slice(nl + 1);
    try {
      const h = JSON.parse(header) as { node?: unknown };
      if (typeof h.node === 'string') node = h.node;
    } catch {
      // torn header: no version
    }
  }
  let events: RawEvent[];
  const lastNl = body.lastIndexOf('\n');
  const complete = lastNl < 0 ? '' : body.slice(0, lastNl);
  try {
    events = complete === '' ? [] : (JSON.parse('[' + complete.replaceAll('\n', ',') + ']') as RawEvent[]);
  } catch {
    events = [];
    for (const line of complete.split('\n')) {
      try {
        events.push(JSON.parse(line) as RawEvent);
      } catch {
        // a torn line
      }
    }
  }
  let endHint: ParsedEvents['endHint'] = null;
  const endAt = events.findIndex((e) => e[0] === 'end');
  if (endAt >= 0) {
    endHint = events[endAt] as Extract<RawEvent, { 0: 'end' }>;
    events.length = endAt; // nothing after the end counts
  }
  return { node, events, endHint };
}
