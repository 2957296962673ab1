// The text report's "Insights" section: each pattern found in the run, where it is, and the fix.

import type { Insight } from '../shared/insights';
import { plainStyle, type Style } from './style';

const TITLES: Record<Insight['kind'], string> = {
  'sequential-awaits': 'sequential awaits',
  'floating-promise': 'floating promise',
  'blocked-loop': 'blocked event loop',
  'timing-race': 'timing race',
  'order-varies': 'order varies between runs',
  'unhandled-rejection': 'unhandled rejection',
};

/** Delayed callbacks listed per insight before "… N more". */
const MAX_DELAYED_SHOWN = 5;

export function* insightsLines(insights: readonly Insight[], style: Style = plainStyle): Iterable<string> {
  if (insights.length === 0) return;
  yield style.bold('Insights');
  for (const insight of insights) {
    const where = /\blines? \d/.test(insight.message) ? '' : insight.lines && insight.lines.length > 1 ? ` (lines ${insight.lines.join(', ')})` : insight.line === null ? '' : ` (line ${insight.line})`;
    const thread = insight.thread === undefined ? '' : ` (thread ${insight.thread})`;
    yield `  ${style.error(TITLES[insight.kind])}${thread}${where}: ${insight.message}`;
    const delayed = insight.delayed ?? [];
    for (const d of delayed.slice(0, MAX_DELAYED_SHOWN)) {
      yield style.dim(`    ${d.queue} callback${d.line === null ? '' : ` at line ${d.line}`} ran ${Math.round(d.lateMs)} ms late`);
    }
    if (delayed.length > MAX_DELAYED_SHOWN) yield style.dim(`    … ${delayed.length - MAX_DELAYED_SHOWN} more`);
    yield `    fix: ${insight.fix}`;
  }
}
