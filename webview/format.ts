// Words and numbers shown in the UI, in one place so every lane says things the same way.

import type { ExitReason, ModuleFormat, QueueName } from '../src/shared/rawTrace';
import type { LoopPhase } from '../src/shared/modelTypes';

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

export const QUEUE_TITLES: Record<QueueName, string> = {
  nextTick: 'nextTick',
  microtask: 'Microtasks',
  timer: 'Timers',
  immediate: 'Immediates',
  io: 'I/O',
  close: 'Close',
};

/** Longer names for screen readers and tooltips. */
export const QUEUE_LONG_TITLES: Record<QueueName, string> = {
  nextTick: 'nextTick queue',
  microtask: 'Microtask queue',
  timer: 'Timers',
  immediate: 'Immediates',
  io: 'I/O callbacks',
  close: 'Close callbacks',
};

export const PHASE_TITLES: Record<LoopPhase, string> = {
  main: 'main script',
  timers: 'timers',
  poll: 'poll (I/O)',
  check: 'check (immediates)',
  close: 'close',
};

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

export function lineLabel(line: number | null | undefined): string {
  return line == null ? '' : `L${line}`;
}
