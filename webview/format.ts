// Words and numbers shown in the UI, in one place so every lane says things the same way.

import type { ExitReason, ModuleFormat } from '../src/shared/rawTrace';
import { PHASE_RULES, PHASES, QUEUE_NAMES, SOURCES, type LoopPhase, type QueueName } from '../src/shared/eventLoop';

export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

/**
 * The traced file's own name as the model names files (Frame.file, QueueItem.file, ...): a line in it needs no
 * file in a label; a line in another file of the project does.
 */
export function entryFileName(model: { files?: readonly { path: string }[]; meta: { file: string } }): string {
  return model.files?.[0]?.path ?? basename(model.meta.file);
}

/** `file` when it is another file than the traced one (`entry`), else null. */
export function otherFile(file: string | null | undefined, entry: string): string | null {
  return file != null && file !== entry ? file : null;
}

/** "L3" for a line of the traced file; "util.ts:3" for a line of another file (`other`, from otherFile). */
export function placeLabel(line: number | null | undefined, other: string | null): string {
  if (line == null) return '';
  if (other === null) return lineLabel(line);
  // a folder's index file says its folder ("shapes/index.ts:3"): "index.ts" alone names nothing
  const parts = other.split('/');
  const name = /^index\.[cm]?[jt]sx?$/.test(parts[parts.length - 1]) && parts.length > 1 ? parts.slice(-2).join('/') : parts[parts.length - 1];
  return `${name}:${line}`;
}

/** "line 3", or "line 3 of lib/util.ts" in another file: titles and screen-reader labels. */
export function placeWords(line: number, other: string | null): string {
  return other === null ? `line ${line}` : `line ${line} of ${other}`;
}

export function moduleFormatName(m: ModuleFormat): string {
  return m === 'esm' ? 'ES module' : 'CommonJS';
}

export function exitDescription(reason: ExitReason, code: number | null, timeoutMs?: number, maxEvents?: number): string {
  switch (reason) {
    case 'completed':
      return code === null || code === 0 ? 'completed' : `completed, exit code ${code}`;
    case 'timeout':
      return timeoutMs ? `stopped: timeout after ${timeoutMs} ms` : 'stopped: timeout';
    case 'event-cap':
      return maxEvents ? `stopped: event cap (${maxEvents.toLocaleString('en')} events)` : 'stopped: event cap';
    case 'uncaught-error':
      return code === null ? 'uncaught error' : `uncaught error, exit code ${code}`;
    case 'process-exit':
      return `process.exit(${code ?? ''})`;
  }
}

// Titles come from the shared event-loop table, so the panel, the sentences and the text report agree.
const byQueue = <T>(pick: (q: QueueName) => T): Record<QueueName, T> =>
  Object.fromEntries(QUEUE_NAMES.map((q) => [q, pick(q)])) as Record<QueueName, T>;

export const QUEUE_TITLES: Record<QueueName, string> = byQueue((q) => SOURCES[q].title);

/** Longer names for screen readers and tooltips. */
export const QUEUE_LONG_TITLES: Record<QueueName, string> = byQueue((q) => SOURCES[q].longTitle);

export const PHASE_TITLES: Record<LoopPhase, string> = Object.fromEntries(
  PHASES.map((p) => [p, PHASE_RULES[p].title]),
) as Record<LoopPhase, string>;

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

export function lineLabel(line: number | null | undefined): string {
  return line == null ? '' : `L${line}`;
}
