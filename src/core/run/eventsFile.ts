// Reads the child's events file: a header object line ({"loopscope":1,"node":"v20...."}) then one RawEvent
// tuple per line. A run killed mid-write may leave a torn last line: it is dropped.
//
// Speed matters (a capped run is 100k-1M lines): the file's bytes are turned into one JSON array in place (a
// JSON line never holds a raw newline byte, so every newline between lines becomes a comma, and the header's
// newline and the last one become the brackets), decoded once, and parsed with one JSON.parse.
import type { RawEvent } from '../../shared/rawTrace';

export interface ParsedEvents {
  node: string | null;
  events: RawEvent[];
  /** The child's own 'end' event (removed from `events`), if it wrote one. */
  endHint: Extract<RawEvent, { 0: 'end' }> | null;
}

const NL = 10;
const COMMA = 44;
const OPEN = 91; // [
const CLOSE = 93; // ]

export function parseEventsFile(text: string): ParsedEvents {
  return parseEventsData(Buffer.from(text, 'utf8'));
}

/** Parses the file's bytes. `data` is overwritten (its newlines become commas). */
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
  const lastNl = data.lastIndexOf(NL);
  const events = lastNl < bodyStart ? [] : parseLines(data, bodyStart, lastNl);
  let endHint: ParsedEvents['endHint'] = null;
  const endAt = events.findIndex((e) => e[0] === 'end');
  if (endAt >= 0) {
    endHint = events[endAt] as Extract<RawEvent, { 0: 'end' }>;
    events.length = endAt; // nothing after the end counts
  }
  return { node, events, endHint };
}

/** The complete lines in data[from, to) (`to` is the last newline). */
function parseLines(data: Buffer, from: number, to: number): RawEvent[] {
  for (let i = data.indexOf(NL, from); i >= 0 && i < to; i = data.indexOf(NL, i + 1)) data[i] = COMMA;
  data[to] = CLOSE;
  let json: string;
  if (from > 0) {
    data[from - 1] = OPEN; // the header's newline
    json = data.toString('utf8', from - 1, to + 1);
  } else {
    json = '[' + data.toString('utf8', 0, to + 1);
  }
  try {
    return JSON.parse(json) as RawEvent[];
  } catch {
    // A damaged line somewhere: parse line by line and skip what does not parse. The lines are now joined by
    // commas; `,["` marks each join (every event line starts with `["`, and a quote inside a JSON string is
    // escaped, so the sequence cannot come from inside a line).
    const events: RawEvent[] = [];
    for (const line of data.toString('utf8', from, to).split(/,(?=\[")/)) {
      try {
        events.push(JSON.parse(line) as RawEvent);
      } catch {
        // a torn line
      }
    }
    return events;
  }
}
