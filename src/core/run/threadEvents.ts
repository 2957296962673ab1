// Worker threads (src/runtime/workerThreads.ts): each traced worker wrote its own events file beside the main
// thread's; read them all back as RawThreads, in thread id order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawEvent, RawThread } from '../../shared/rawTrace';
import { threadEventsPath } from '../../shared/runtimeContract';
import { parseEventsData } from './eventsFile';

/** Does any traced file's text name node:worker_threads? Only then the tracer traces workers (it costs ~2 ms). */
export function usesWorkerThreads(...sources: (string | readonly string[])[]): boolean {
  return sources.flat().some((s) => s.includes('worker_threads'));
}

/** The worker threads' events files beside `mainEventsPath`, parsed. */
export function readThreadEvents(mainEventsPath: string): RawThread[] {
  const dir = path.dirname(mainEventsPath);
  const prefix = path.basename(threadEventsPath(mainEventsPath, 0)).slice(0, -1);
  if (!existsSync(dir)) return [];
  const threads: RawThread[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
    const parsed = parseEventsData(readFileSync(path.join(dir, name)));
    if (parsed.thread === undefined) continue;
    const events = parsed.events;
    let last = 0;
    for (const e of events) if (e[1] > last) last = e[1];
    // a worker still running when the process ended (Node stops it) writes no end of its own
    events.push(parsed.endHint ?? (['end', last, 'completed', null] satisfies RawEvent));
    threads.push({ id: parsed.thread.id, name: parsed.thread.name, line: parsed.thread.line, parent: parsed.thread.parent, events });
  }
  return threads.sort((a, b) => a.id - b.id);
}
