// The events file's life over the run: opened with its header and the start event before any user code runs,
// ended once with the end event (a normal exit, process.exit, a fatal error, or a limit), after which records
// are dropped.
import { C } from './captured';
import type { ExitReason } from '../shared/rawTrace';
import { eventsFileHeader } from '../shared/eventRecords';
import { settle } from './deferredWork';
import { startRunClock, now } from './runClock';
import { openStream, writeHeader, rewriteHeader, closeStream, flush } from './recordStream';
import { measureTracerCosts } from './tracerCosts';
import { putTextRecord, setEventCap, startLabelRecords, stopRecording, isStopped } from './recordEncoding';

let endHook: () => void = () => {};

export function openEvents(path: string, limit: number, module: 'cjs' | 'esm'): void {
  // The header (not a RawEvent) tells the runner the file's format and which Node ran the code; written at
  // once, with the start event, so a run killed before its first flush still shows that the tracer started.
  openStream(path);
  startRunClock();
  writeHeader(eventsFileHeader(C.version, C.pid));
  putTextRecord('["start",0,"' + module + '"]');
  flush(true);
  // Then the tracer's costs, timed on real records (dropped again) before the first real one and the cap, and
  // written into the header's room for them.
  rewriteHeader(eventsFileHeader(C.version, C.pid, measureTracerCosts()));
  setEventCap(limit, () => stopNow('event-cap'));
  startLabelRecords();
  startRunClock(); // the run's times start after the timing
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
  stopRecording();
  putTextRecord('["end",' + now() + ',"' + reason + '",' + (code === null ? 'null' : code) + ']');
  flush(true);
}

/** Limits (event cap, deadline): end the trace and leave at once, without running user exit listeners. */
export function stopNow(reason: 'event-cap' | 'timeout'): never {
  endRun(reason, null);
  closeStream();
  if (typeof C.reallyExit === 'function') C.apply(C.reallyExit, process, [0]);
  C.apply(C.kill, process, [C.pid, 'SIGKILL']);
  throw new Error('unreachable');
}
