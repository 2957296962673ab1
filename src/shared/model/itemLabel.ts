// How a queued callback is named. The instrumenter's probe at the scheduling site knows the source text;
// the runtime's label (e.g. "Timeout", "PromiseReaction") is only the fallback when there is no probe.

import type { Probe } from '../rawTrace';

export const SCRIPT_LABEL_CJS = 'main script';
/** A worker thread's top-level code (its own script task, on its own stack). */
export const SCRIPT_LABEL_WORKER = 'worker script';
export const SCRIPT_LABEL_ESM = 'ES module body (runs as a job)';
/** The runtime's label of the job that resumes an ES module body after a top-level await (eventRecords.ts FIXED_LABELS). */
export const RESUME_MODULE_LABEL = 'resume module';

export function itemLabel(probe: Probe | undefined, eventLabel: string): string {
  if (!probe) return eventLabel;
  switch (probe.kind) {
    case 'schedule':
      return probe.snippet || probe.name || eventLabel;
    case 'function':
    case 'await':
    case 'yield':
      // the item is the continuation of a suspended function
      return `resume ${probe.name}`;
    default:
      return probe.snippet || eventLabel;
  }
}
