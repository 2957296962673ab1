// Keeps the panel's trace and step in workspaceState so the serializer can restore the panel after a window
// reload WITHOUT running the user's code again. workspaceState is a SQLite row: big traces are not kept (the
// revived panel then says so) and the step is a separate key so stepping never re-writes the trace.
import * as vscode from 'vscode';
import type { RawTrace } from '../../shared/rawTrace';

const TRACE_KEY = 'loopscope.panel.trace';
const STEP_KEY = 'loopscope.panel.step';
/** Serialized bytes above which a trace is not kept across reloads. */
export const MAX_STORED_TRACE_BYTES = 4 * 1024 * 1024;

export interface PanelTrace {
  raw: RawTrace;
  /** The document the trace belongs to (a file, or an untitled document). */
  sourceUri: vscode.Uri;
  /** "sample.ts" or "sample.ts:3-7" */
  label: string;
}

interface StoredTrace {
  /** Which save this is: a stored step counts only for the trace it was taken on. */
  id: string;
  raw: RawTrace;
  sourceUri: string;
  label: string;
}
interface StoredTooLarge {
  id: string;
  tooLarge: true;
  label: string;
  bytes: number;
}
interface StoredStep {
  trace: string;
  step: number;
}

export type SavedPanel =
  | { kind: 'trace'; trace: PanelTrace; step: number }
  | { kind: 'too-large'; label: string; bytes: number };

export class TraceStore {
  /** The id of the trace the panel shows (saved or loaded last): steps are saved against it. */
  private traceId = '';
  private saves = 0;

  constructor(private readonly memento: vscode.Memento) {}

  /**
   * One write: the trace, with an id that makes any step stored for an earlier trace void. (Writing the step
   * first and the trace after it left a window in which a reload brought back the previous run's trace.)
   * The memento holds the new value as soon as this is called; the promise is its persistence.
   */
  saveTrace(trace: PanelTrace): Thenable<void> {
    this.traceId = `${Date.now().toString(36)}-${++this.saves}`;
    const bytes = JSON.stringify(trace.raw).length;
    const value: StoredTrace | StoredTooLarge = bytes > MAX_STORED_TRACE_BYTES
      ? { id: this.traceId, tooLarge: true, label: trace.label, bytes }
      : { id: this.traceId, raw: trace.raw, sourceUri: trace.sourceUri.toString(), label: trace.label };
    return this.memento.update(TRACE_KEY, value);
  }

  saveStep(step: number): Thenable<void> {
    const value: StoredStep = { trace: this.traceId, step };
    return this.memento.update(STEP_KEY, value);
  }

  load(): SavedPanel | undefined {
    const value = this.memento.get<StoredTrace | StoredTooLarge>(TRACE_KEY);
    if (!value || typeof value !== 'object') return undefined;
    this.traceId = typeof value.id === 'string' ? value.id : '';
    if ('tooLarge' in value) return { kind: 'too-large', label: value.label, bytes: value.bytes };
    if (!value.raw || typeof value.sourceUri !== 'string') return undefined;
    const stored = this.memento.get<StoredStep>(STEP_KEY);
    const step = stored && stored.trace === this.traceId ? stored.step : 0;
    return {
      kind: 'trace',
      trace: { raw: value.raw, sourceUri: vscode.Uri.parse(value.sourceUri), label: value.label },
      step: Number.isInteger(step) && step >= 0 ? step : 0,
    };
  }
}
