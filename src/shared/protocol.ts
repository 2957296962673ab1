// The messages between the VS Code host (src/host) and the webview (webview/). One module imported by both
// sides so the two ends cannot drift. Names are `scope/verb`; each message is a discriminated union member.
//
// Handshake: the webview posts `webview/ready` once its script runs; the host answers with `trace/load` (or
// `trace/running` while a run is in progress, then `trace/load` / `trace/error`).
//
// The host validates EVERYTHING the webview sends with `isWebviewMessage` (a webview is a web page: treat it
// as untrusted input). The webview validates what it receives with `isHostMessage`. Pure: no DOM, no Node.

import { RAW_TRACE_FORMAT, RAW_TRACE_VERSION, type RawTrace } from './rawTrace';

// ---- webview -> host -------------------------------------------------------------------------------------

/** The webview's script is running and can receive `trace/load`. */
export interface WebviewReadyMessage {
  type: 'webview/ready';
}

/** Show this line of the traced file in the editor (the user clicked a frame, queue item, console line...). */
export interface EditorRevealMessage {
  type: 'editor/reveal';
  line: number;
  /** A line of another file of a multi-file project: its path as RawTrace.files names it. Absent: the traced file. */
  file?: string;
}

/** The current step's running line, for the editor decoration; null clears it. */
export interface EditorHighlightMessage {
  type: 'editor/highlight';
  line: number | null;
  /** As EditorRevealMessage.file. */
  file?: string;
}

/** The step the user is looking at (the host may keep it to restore the panel). */
export interface StateStepMessage {
  type: 'state/step';
  step: number;
}

/**
 * Show the run that printed another of the runs' console orders (Check Order Stability, --runs): `index` as in
 * RawTrace meta.orderVariant (0 = the most frequent order).
 */
export interface OrderShowMessage {
  type: 'order/show';
  index: number;
}

export type WebviewMessage = WebviewReadyMessage | EditorRevealMessage | EditorHighlightMessage | StateStepMessage | OrderShowMessage;

// ---- host -> webview -------------------------------------------------------------------------------------

/** Show this trace. `step` (default: the webview's saved step, else 0) and `playbackSpeed` (1 = normal). */
export interface TraceLoadMessage {
  type: 'trace/load';
  raw: RawTrace;
  step?: number;
  playbackSpeed?: number;
}

/** A run of `file` started: show a progress state until `trace/load` or `trace/error`. */
export interface TraceRunningMessage {
  type: 'trace/running';
  file: string;
}

/** The run could not produce a trace (bad input, crash of the tracer...). Position in the user's file if known. */
export interface TraceErrorMessage {
  type: 'trace/error';
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export type HostMessage = TraceLoadMessage | TraceRunningMessage | TraceErrorMessage;

/** Playback speeds the UI offers (multipliers of the normal speed). */
export const PLAYBACK_SPEEDS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8];
export const MIN_PLAYBACK_SPEED = 0.25;
export const MAX_PLAYBACK_SPEED = 8;

// ---- validation ------------------------------------------------------------------------------------------

type Fields = Record<string, unknown>;

function isRecord(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A 1-based line number. */
function isLine(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}

function isStepIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function isSpeed(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= MIN_PLAYBACK_SPEED && x <= MAX_PLAYBACK_SPEED;
}

/** Only the listed keys (plus `type`) may be present: an extra field means the sender is not who we think. */
function hasOnlyKeys(x: Fields, allowed: readonly string[]): boolean {
  for (const k of Object.keys(x)) if (k !== 'type' && !allowed.includes(k)) return false;
  return true;
}

function optional(x: Fields, key: string, check: (v: unknown) => boolean): boolean {
  return !(key in x) || x[key] === undefined || check(x[key]);
}

/**
 * A file path as RawTrace.files names files: relative, `/` separators (never absolute, no drive, no `\\`).
 * The host also accepts it only when it is one of the trace's own files (src/host/traceFiles.ts).
 */
function isFilePath(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0 && v.length < 4096 && !v.startsWith('/') && !/[\\:\0]/.test(v);
}

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'webview/ready':
      return hasOnlyKeys(x, []);
    case 'editor/reveal':
      return hasOnlyKeys(x, ['line', 'file']) && isLine(x.line) && optional(x, 'file', isFilePath);
    case 'editor/highlight':
      return hasOnlyKeys(x, ['line', 'file']) && (x.line === null || isLine(x.line)) && optional(x, 'file', isFilePath);
    case 'state/step':
      return hasOnlyKeys(x, ['step']) && isStepIndex(x.step);
    case 'order/show':
      return hasOnlyKeys(x, ['index']) && isStepIndex(x.index);
    default:
      return false;
  }
}

/**
 * The envelope of a raw trace: format, version, meta, source, probes and events of the right types. Events
 * are checked to be arrays starting with a kind string and a time (readers skip kinds they do not know);
 * the per-kind tuple shapes are the model's business, not the transport's. O(events), no copies.
 */
export function isRawTraceEnvelope(x: unknown): x is RawTrace {
  if (!isRecord(x)) return false;
  if (x.format !== RAW_TRACE_FORMAT || x.version !== RAW_TRACE_VERSION) return false;
  if (typeof x.source !== 'string' || !Array.isArray(x.probes) || !Array.isArray(x.events)) return false;
  const meta = x.meta;
  if (!isRecord(meta)) return false;
  if (typeof meta.node !== 'string' || typeof meta.file !== 'string') return false;
  if (meta.module !== 'cjs' && meta.module !== 'esm') return false;
  if (!isRecord(meta.exit) || typeof meta.exit.reason !== 'string') return false;
  if (!(meta.exit.code === null || typeof meta.exit.code === 'number')) return false;
  for (const p of x.probes) {
    if (!isRecord(p) || typeof p.kind !== 'string' || typeof p.name !== 'string') return false;
    if (typeof p.line !== 'number' || typeof p.column !== 'number') return false;
  }
  for (const e of x.events) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number') return false;
  }
  return true;
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'trace/load':
      return (
        hasOnlyKeys(x, ['raw', 'step', 'playbackSpeed']) &&
        isRawTraceEnvelope(x.raw) &&
        optional(x, 'step', isStepIndex) &&
        optional(x, 'playbackSpeed', isSpeed)
      );
    case 'trace/running':
      return hasOnlyKeys(x, ['file']) && typeof x.file === 'string';
    case 'trace/error':
      return (
        hasOnlyKeys(x, ['message', 'file', 'line', 'column']) &&
        typeof x.message === 'string' &&
        optional(x, 'file', (v) => typeof v === 'string') &&
        optional(x, 'line', isLine) &&
        // columns are 1-based by contract; 0 is tolerated so a message is never dropped over an off-by-one
        optional(x, 'column', isStepIndex)
      );
    default:
      return false;
  }
}
