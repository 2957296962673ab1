// The event-loop indicator: which phase the loop is in (main script, then timers -> poll -> check -> close
// around the loop) and whether it is draining the nextTick queue or the microtask queue between two
// callbacks. An ES module's body is itself a microtask job (eventLoop.ts): while it runs, "main script" and
// the microtask queue are lit together, as the sentence says. Fixed set of elements built once; a step only
// toggles classes. The loop glyph and the phases are one unit that never wraps apart (styles/phase.css).

import type { StepState, TraceModel } from '../../src/shared/modelTypes';
import { PHASES, SOURCES, scriptJobQueue, type JobQueue } from '../../src/shared/eventLoop';
import { h } from '../dom';
import { PHASE_TITLES } from '../format';
import { paintQueueColour } from '../queueColour';

const JOB_QUEUES: readonly JobQueue[] = ['nextTick', 'microtask'];

/** A job queue's name in the strip, from the shared phrase: "nextTick queue", "microtask queue". */
export const drainTitle = (q: JobQueue): string => SOURCES[q].phrase.replace(/^the /, '');

export type PhaseState = Pick<StepState, 'phase' | 'draining'> & {
  /** The job queue whose job is running as the main script (an ES module's body), if so. */
  scriptJob?: JobQueue | null;
};

/** What the strip needs of a step: its phase and drain, and (to tell the ES module body) its task and kind. */
export type PhaseStep = Pick<StepState, 'phase' | 'draining'> & Partial<Pick<StepState, 'task' | 'kind'>>;

/** The trace each strip shows (set once per load): its tasks' sources and its module format. */
const traces = new WeakMap<HTMLElement, Pick<TraceModel, 'tasks' | 'meta'>>();

/** Tells the strip which trace its steps belong to (the app calls it when a trace is loaded). */
export function setPhaseTrace(indicator: HTMLElement, model: Pick<TraceModel, 'tasks' | 'meta'>): void {
  traces.set(indicator, model);
}

/** What the strip shows at a step of `model`: the step's phase and drain, and whether the body runs as a job. */
export function phaseStateAt(state: PhaseStep, model: Pick<TraceModel, 'tasks' | 'meta'> | undefined): PhaseState {
  const task = state.task == null ? undefined : model?.tasks[state.task];
  const bodyRuns = task?.queue === 'script' && state.kind !== 'task-end';
  return { phase: state.phase, draining: state.draining, scriptJob: bodyRuns && model ? scriptJobQueue(model.meta.module) : null };
}

export function createPhaseIndicator(doc: Document): HTMLElement {
  const list = h(doc, 'ol', { class: 'ls-phase-list' });
  PHASES.forEach((p) => {
    list.append(h(doc, 'li', { class: `ls-phase ls-phase-${p}`, 'data-phase': p }, [PHASE_TITLES[p]]));
  });
  const drains = h(doc, 'div', { class: 'ls-drains' }, [h(doc, 'span', { class: 'ls-drains-title' }, ['between callbacks:'])]);
  for (const q of JOB_QUEUES) {
    const drain = h(doc, 'span', { class: `ls-drain ls-drain-${q}`, 'data-drain': q }, [drainTitle(q)]);
    paintQueueColour(drain, q);
    drains.append(drain);
  }
  return h(doc, 'div', { class: 'ls-phase-indicator', role: 'group', 'aria-label': 'Event loop phase' }, [
    h(doc, 'div', { class: 'ls-phase-loop' }, [h(doc, 'span', { class: 'ls-loop-glyph', 'aria-hidden': 'true' }, ['⟳']), list]),
    drains,
  ]);
}

export function phaseSummary(state: PhaseState): string {
  const phase = state.phase ? `phase: ${PHASE_TITLES[state.phase]}` : 'between phases';
  const job = state.scriptJob ? `, running as a job of the ${drainTitle(state.scriptJob)}` : '';
  const drain = state.draining ? `, draining the ${drainTitle(state.draining)}` : '';
  return `Event loop ${phase}${job}${drain}`;
}

export function renderPhase(indicator: HTMLElement, step: PhaseStep): void {
  const state = phaseStateAt(step, traces.get(indicator));
  for (const li of indicator.querySelectorAll<HTMLElement>('.ls-phase')) {
    const on = li.dataset.phase === state.phase;
    li.classList.toggle('is-current', on);
    if (on) li.setAttribute('aria-current', 'step');
    else li.removeAttribute('aria-current');
  }
  for (const d of indicator.querySelectorAll<HTMLElement>('.ls-drain')) {
    const job = d.dataset.drain === state.scriptJob;
    d.classList.toggle('is-current', d.dataset.drain === state.draining || job);
    d.classList.toggle('is-job', job);
    if (job) d.title = 'The ES module body runs as a job of this queue';
    else d.removeAttribute('title');
  }
  indicator.setAttribute('aria-label', phaseSummary(state));
}
