// Words and numbers shown in the UI, in one place so every lane says things the same way.

import type { ExitReason, ModuleFormat } from '../src/shared/rawTrace';
import { PHASE_RULES, PHASES, QUEUE_NAMES, SOURCES, type LoopPhase, type QueueName } from '../src/shared/eventLoop';

export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
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
