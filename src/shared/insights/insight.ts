// What an insight is: a pattern in one run that explains surprising timing or order, with the lines and steps
// it is about and the fix. Each kind is found by its own pure function in this folder; findInsights runs them.

export type InsightKind =
  | 'sequential-awaits'
  | 'floating-promise'
  | 'blocked-loop'
  | 'timing-race'
  | 'order-varies'
  | 'unhandled-rejection';

export interface DelayedCallback {
  /** The line of the callback that ran late. */
  line: number | null;
  /** Its queue: `timer` or `immediate`. */
  queue: string;
  /** How long after it could have run it started, ms. */
  lateMs: number;
}

export interface Insight {
  kind: InsightKind;
  /** One sentence: what happened in this run. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** The file the insight is about, relative to the traced file's folder (the entry today). */
  file: string | null;
  line: number | null;
  /** Every line involved (the two racing schedules, the awaits). */
  lines?: number[];
  /** The worker thread whose run it is about (its steps are that thread's); absent: the main thread. */
  thread?: number;
  /** Steps to look at (the step view jumps to the first). */
  steps?: number[];
  /** sequential-awaits: the awaits' summed durations minus the longest, measured in this run, ms. */
  savingMs?: number;
  /** blocked-loop: how long the task ran, ms. */
  durationMs?: number;
  /** blocked-loop: the callbacks it made late. */
  delayed?: DelayedCallback[];
}

/** Tasks longer than this block the loop (`blocked-loop`), ms. */
export const DEFAULT_BLOCKED_LOOP_MS = 50;
