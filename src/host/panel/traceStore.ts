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
  raw: RawTrace;
  sourceUri: string;
  label: string;
}
interface StoredTooLarge {
  tooLarge: true;
  label: string;
  bytes: number;
}

export type SavedPanel =
  | { kind: 'trace'; trace: PanelTrace; step: number }
  | { kind: 'too-large'; label: string; bytes: number };

export class TraceStore {
  constructor(private readonly memento: vscode.Memento) {}

  async saveTrace(trace: PanelTrace): Promise<void> {
    const bytes = JSON.stringify(trace.raw).length;
    const value: StoredTrace | StoredTooLarge = bytes > MAX_STORED_TRACE_BYTES
      ? { tooLarge: true, label: trace.label, bytes }
      : { raw: trace.raw, sourceUri: trace.sourceUri.toString(), label: trace.label };
    await this.memento.update(STEP_KEY, 0);
    await this.memento.update(TRACE_KEY, value);
  }

  saveStep(step: number): Thenable<void> {
    return this.memento.update(STEP_KEY, step);
  }

  load(): SavedPanel | undefined {
    const value = this.memento.get<StoredTrace | StoredTooLarge>(TRACE_KEY);
    if (!value || typeof value !== 'object') return undefined;
    if ('tooLarge' in value) return { kind: 'too-large', label: value.label, bytes: value.bytes };
    if (!value.raw || typeof value.sourceUri !== 'string') return undefined;
    const step = this.memento.get<number>(STEP_KEY, 0);
    return {
      kind: 'trace',
      trace: { raw: value.raw, sourceUri: vscode.Uri.parse(value.sourceUri), label: value.label },
      step: Number.isInteger(step) && step >= 0 ? step : 0,
    };
  }
}
