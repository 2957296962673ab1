// The event-loop indicator: which phase the loop is in (main script, then timers -> poll -> check -> close
// around the loop) and whether it is draining the nextTick queue or the microtask queue between two
// callbacks. Fixed set of elements built once; a step only toggles classes.

import type { StepState } from '../../src/shared/modelTypes';
import { PHASES } from '../../src/shared/eventLoop';
import { h } from '../dom';
import { PHASE_TITLES } from '../format';
import { paintQueueColour } from '../queueColour';

const DRAINS = [
  { id: 'nextTick', title: 'nextTick queue' },
  { id: 'microtask', title: 'microtasks' },
] as const;

export function createPhaseIndicator(doc: Document): HTMLElement {
  const list = h(doc, 'ol', { class: 'ls-phase-list' });
  PHASES.forEach((p) => {
    list.append(h(doc, 'li', { class: `ls-phase ls-phase-${p}`, 'data-phase': p }, [PHASE_TITLES[p]]));
  });
  const drains = h(doc, 'div', { class: 'ls-drains' }, [h(doc, 'span', { class: 'ls-drains-title' }, ['between callbacks:'])]);
  for (const d of DRAINS) {
    const drain = h(doc, 'span', { class: `ls-drain ls-drain-${d.id}`, 'data-drain': d.id }, [d.title]);
    paintQueueColour(drain, d.id);
    drains.append(drain);
  }
  return h(doc, 'div', { class: 'ls-phase-indicator', role: 'group', 'aria-label': 'Event loop phase' }, [
    h(doc, 'span', { class: 'ls-loop-glyph', 'aria-hidden': 'true' }, ['⟳']),
    list,
    drains,
  ]);
}

export function phaseSummary(state: Pick<StepState, 'phase' | 'draining'>): string {
  const phase = state.phase ? `phase: ${PHASE_TITLES[state.phase]}` : 'between phases';
  const drain = state.draining === 'nextTick' ? ', draining process.nextTick queue' : state.draining === 'microtask' ? ', draining microtasks' : '';
  return `Event loop ${phase}${drain}`;
}

export function renderPhase(indicator: HTMLElement, state: Pick<StepState, 'phase' | 'draining'>): void {
  for (const li of indicator.querySelectorAll<HTMLElement>('.ls-phase')) {
    const on = li.dataset.phase === state.phase;
    li.classList.toggle('is-current', on);
    if (on) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
  for (const d of indicator.querySelectorAll<HTMLElement>('.ls-drain')) {
    d.classList.toggle('is-current', d.dataset.drain === state.draining);
  }
  indicator.setAttribute('aria-label', phaseSummary(state));
}
