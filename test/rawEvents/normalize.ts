// What "the same raw trace" means across two builds: every event and probe with the times taken out.
// Times (and timers' due times and counted calls' durations, which are times) differ on every run; everything else the tracer writes
// (kinds, ids, queues, labels, lines, site probes, console text, exit) must not change in a refactoring.

import type { RawEvent, RawTrace } from '../../src/shared/rawTrace';

export interface NormalizedTrace {
  module: string;
  exit: { code: number | null; reason: string };
  probes: RawTrace['probes'];
  /** Each event without its time; an enqueue's due time becomes `true` when it had one, a `calls` event's ms `true`. */
  events: unknown[][];
}

function withoutTime(ev: RawEvent): unknown[] {
  const [kind, , ...rest] = ev as unknown as [string, number, ...unknown[]];
  if (kind === 'enqueue') rest[5] = rest[5] !== null;
  if (kind === 'calls') rest[2] = true; // the counted calls' duration
  return [kind, ...rest];
}

export function normalizeTrace(raw: RawTrace): NormalizedTrace {
  return {
    module: raw.meta.module,
    exit: raw.meta.exit,
    probes: raw.probes,
    events: raw.events.map(withoutTime),
  };
}

/** Events kept in the recorded file for a readable diff; the rest is covered by the hash. */
export const HEAD_EVENTS = 2000;

export interface RecordedTrace extends Omit<NormalizedTrace, 'events'> {
  eventCount: number;
  /** sha256 of the JSON of all normalized events. */
  eventsHash: string;
  head: unknown[][];
}

export function recordTrace(trace: NormalizedTrace, sha256: (text: string) => string): RecordedTrace {
  const { events, ...rest } = trace;
  return { ...rest, eventCount: events.length, eventsHash: sha256(JSON.stringify(events)), head: events.slice(0, HEAD_EVENTS) };
}
