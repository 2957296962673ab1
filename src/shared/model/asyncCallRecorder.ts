// Each call of one of the user's async functions, from the call until its body finished, with the intervals it
// spent suspended at an `await`: what the timeline draws under the task lanes and what the sequential-awaits
// and floating-promise insights measure. Filled by the replay handlers (enter, suspend, resume, exit) in the
// model's single pass; O(1) per event.

import type { Probe } from '../rawTrace';
import type { AsyncCall } from '../modelTypes';

export class AsyncCallRecorder {
  readonly calls: AsyncCall[] = [];
  /** model frame index -> index into `calls`, while the call's body has not finished */
  private readonly open = new Map<number, number>();

  constructor(private readonly probes: readonly Probe[]) {}

  enter(frame: number, probe: number, t: number, step: number, callerLine: number | null, task: number | null): void {
    const p = this.probes[probe];
    if (!p?.async) return;
    this.open.set(frame, this.calls.length);
    this.calls.push({ id: this.calls.length, name: p.name, line: p.line, file: p.file ?? 0, callerLine, task, start: t, end: null, step, awaits: [] });
  }

  suspend(frame: number, t: number, step: number, line: number | null): void {
    const call = this.open.get(frame);
    if (call !== undefined) this.calls[call].awaits.push({ line, start: t, end: null, step });
  }

  resume(frame: number, t: number): void {
    const call = this.open.get(frame);
    if (call === undefined) return;
    const awaits = this.calls[call].awaits;
    const last = awaits[awaits.length - 1];
    if (last && last.end === null) last.end = t;
  }

  /** The body finished (returned or threw): its promise settles now, as far as the user's code can tell. */
  exit(frame: number, t: number): void {
    const call = this.open.get(frame);
    if (call === undefined) return;
    this.calls[call].end = t;
    this.open.delete(frame);
  }
}
