// What the "Loopscope" output channel says about a run: enough to answer "what ran, with what, how did it end,
// where did the time go" without opening the panel.
import type { RawTrace } from '../shared/rawTrace';

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

export function describeRun(raw: RawTrace, nodeBinary: string): string[] {
  const m = raw.meta;
  const t = m.timings;
  const lines = m.lines ? ` lines ${m.lines.from}-${m.lines.to}` : '';
  return [
    `traced ${m.file}${lines}`,
    `  node ${m.node} (${nodeBinary}), module ${m.module}, timeout ${m.timeoutMs} ms, max events ${m.maxEvents}`,
    `  exit: ${m.exit.reason}${m.exit.code === null ? '' : ` (code ${m.exit.code})`}, ${raw.events.length} events, ${raw.probes.length} probes`,
    `  timings: transpile ${ms(t.transpile)}, instrument ${ms(t.instrument)}, run ${ms(t.run)}, total ${ms(t.total)}`,
  ];
}

/** A sentence for a run that did not complete normally, or undefined when there is nothing to warn about. */
export function exitWarning(raw: RawTrace, label: string): string | undefined {
  const m = raw.meta;
  switch (m.exit.reason) {
    case 'timeout':
      return `Loopscope stopped ${label} after ${m.timeoutMs} ms (setting loopscope.timeoutMs). The panel shows what ran until then.`;
    case 'event-cap':
      return `Loopscope stopped ${label} after ${m.maxEvents} events (setting loopscope.maxEvents). The panel shows what ran until then.`;
    default:
      return undefined;
  }
}
