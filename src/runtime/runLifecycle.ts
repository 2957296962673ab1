// The events file's life over the run: opened with its header and the start event before any user code runs,
// ended once with the end event (a normal exit, process.exit, a fatal error, or a limit), after which records
// are dropped.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';
import { eventsFileHeaderLines, type ThreadHeader as HeaderThread } from '../shared/eventRecords';
import { settle } from './deferredWork';
import { startRunClock, now } from './runClock';
import { openStream, writeHeader, rewriteHeader, closeStream, flush } from './recordStream';
import { measureTracerCosts } from './tracerCosts';
import { foldedCallCount } from './foldedCalls';
import { discardTimingRecords, eventCount, putTextRecord, setEventCap, startLabelRecords, stopRecording, isStopped } from './recordEncoding';

type ThreadHeader = HeaderThread & { epochStart: number };

let endHook: () => void = () => {};
/** The header line, and its maker with the costs (made before the user's code runs: eventRecords.ts). */
let header: ReturnType<typeof eventsFileHeaderLines> | undefined;

/** A worker thread's tracer: the thread, not the process, ends at a limit. */
let inWorker = false;

/** `thread`: a worker thread's (its header says which, and its clock is the main thread's). */
export function openEvents(path: string, limit: number, module: 'cjs' | 'esm', thread: ThreadHeader | null = null): void {
  // The header (not a RawEvent) tells the runner the file's format and which Node ran the code; written at
  // once, with the start event, so a run killed before its first flush still shows that the tracer started.
  openStream(path);
  inWorker = thread !== null;
  startRunClock(thread === null ? undefined : thread.epochStart);
  header = eventsFileHeaderLines(C.version, C.pid, thread === null ? undefined : { id: thread.id, name: thread.name, line: thread.line, parent: thread.parent });
  writeHeader(header.plain);
  putTextRecord('["start",0,"' + module + '"]');
  flush(true);
  setEventCap(limit, () => stopNow('event-cap'));
  startLabelRecords();
}

/** A run that recorded fewer events (and counted no calls) gets no estimate: its overhead is under a ms. */
const TIME_COSTS_FROM_EVENTS = 2000;

/**
 * The tracer's costs (tracerCosts.ts), timed on real records dropped again, written into the header's room for
 * them; for runs that recorded enough to matter. The cap is lifted first: timing must not end the run again.
 */
function timeTracerCosts(): void {
  const folded = foldedCallCount() > 0;
  if (!folded && eventCount() < TIME_COSTS_FROM_EVENTS) return;
  flush(true);
  setEventCap(Infinity, () => {});
  try {
    if (header) rewriteHeader(header.withCosts(measureTracerCosts(folded)));
  } catch {
    // the program broke a built-in the timing needs (hostile/broken-builtins.js): no estimate, and none of
    // the timing's records (the chunk held only those since the flush)
    discardTimingRecords();
  }
}

/** Called by endRun before the 'end' event: lets the task tracker close the running task. */
export function setEndHook(fn: () => void): void {
  endHook = fn;
}

/** Writes the final 'end' event and flushes. Later events are dropped. */
export function endRun(reason: ExitReason, code: number | null): void {
  if (isStopped()) return;
  settle();
  endHook();
  const end = now(); // the timing below is the tracer's, not the program's
  timeTracerCosts();
  stopRecording();
  putTextRecord('["end",' + end + ',"' + reason + '",' + (code === null ? 'null' : code) + ']');
  flush(true);
}

/** Limits (event cap, deadline): end the trace and leave at once, without running user exit listeners. */
export function stopNow(reason: 'event-cap' | 'timeout'): never {
  endRun(reason, null);
  closeStream();
  if (typeof C.reallyExit === 'function') C.apply(C.reallyExit, process, [0]); // in a worker: ends the thread
  if (inWorker) throw new Error('loopscope: the worker thread did not stop');
  C.apply(C.kill, process, [C.pid, 'SIGKILL']);
  throw new Error('unreachable');
}
