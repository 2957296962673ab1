// The Insights region: each pattern found in this run (src/shared/insights/: sequential awaits, floating
// promises, a blocked loop, timing races, unhandled rejections) with what happened, the fix, and links to its
// lines (reveal in the editor) and its step (moves the step view there). Links carry data-line / data-step,
// which input.ts turns into the app's reveal/goTo, so this file only builds elements. Built once per trace.

import type { Insight, InsightKind } from '../../src/shared/insights';
import { h } from '../dom';
import { otherFile, placeLabel } from '../format';

export const INSIGHT_TITLES: Record<InsightKind, string> = {
  'sequential-awaits': 'Sequential awaits',
  'floating-promise': 'Floating promise',
  'blocked-loop': 'Blocked event loop',
  'timing-race': 'Timing race',
  'order-varies': 'Order varies between runs',
  'unhandled-rejection': 'Unhandled rejection',
};

/** Step links shown per insight (a floating promise in a loop can name hundreds). */
const MAX_STEP_LINKS = 8;

function insightItem(doc: Document, insight: Insight, index: number, entry: string | null): HTMLElement {
  const lines = [...new Set([...(insight.line === null ? [] : [insight.line]), ...(insight.lines ?? [])])].sort((a, b) => a - b);
  // an insight about another file of a project: its links name that file and reveal it there (input.ts reads data-file)
  const other = entry === null ? null : otherFile(insight.file, entry);
  const links: HTMLElement[] = lines.map((line) =>
    h(
      doc,
      'button',
      { type: 'button', class: 'ls-btn ls-insight-line', 'data-line': line, ...(other === null ? {} : { 'data-file': other }), title: other === null ? `Show line ${line}` : `Show line ${line} of ${other}` },
      [placeLabel(line, other)],
    ),
  );
  const steps = insight.steps ?? [];
  for (const s of steps.slice(0, MAX_STEP_LINKS)) {
    links.push(h(doc, 'button', { type: 'button', class: 'ls-btn ls-insight-step', 'data-step': s, title: `Go to step ${s + 1}` }, [`step ${s + 1}`]));
  }
  if (steps.length > MAX_STEP_LINKS) links.push(h(doc, 'span', { class: 'ls-insight-more' }, [`and ${steps.length - MAX_STEP_LINKS} more steps`]));
  const step = steps[0];
  const titleId = `ls-insight-${index}`;
  // a click anywhere on it moves the step view to its step (input.ts reads data-step)
  // its steps are its thread's (main: 0; input.ts reads data-thread and shows that thread)
  const thread = insight.thread ?? 0;
  return h(doc, 'li', { class: `ls-insight ls-insight-${insight.kind}`, 'aria-labelledby': titleId, 'data-step': step, 'data-thread': thread }, [
    h(doc, 'h3', { class: 'ls-insight-title', id: titleId }, [INSIGHT_TITLES[insight.kind], ...(thread === 0 ? [] : [h(doc, 'span', { class: 'ls-insight-thread' }, [` · thread ${thread}`])])]),
    h(doc, 'p', { class: 'ls-insight-message' }, [insight.message]),
    h(doc, 'p', { class: 'ls-insight-fix' }, [h(doc, 'strong', {}, ['Fix: ']), insight.fix]),
    h(doc, 'div', { class: 'ls-insight-links' }, links),
  ]);
}

/** Fills the region with the run's insights (or says there are none); `entry`: the traced file's name (format.ts entryFileName). */
export function renderInsights(region: HTMLElement, insights: readonly Insight[], entry: string | null = null): void {
  const doc = region.ownerDocument;
  region.replaceChildren(
    insights.length === 0
      ? h(doc, 'p', { class: 'ls-insights-none' }, ['No insights for this run: no blocked loop, timing race, sequential awaits, floating promise or unhandled rejection was found.'])
      : h(doc, 'ol', { class: 'ls-insights-list' }, insights.map((insight, i) => insightItem(doc, insight, i, entry))),
  );
}
