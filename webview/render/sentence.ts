// The sentence for the current step. describeStep wraps code in backticks; those parts become <code>
// elements, everything is set as text (never markup). Under it, the just-my-code note. Beside it, the clock:
// when the step happened and how long its task had been running (src/shared/model/stepClock.ts).

import { setText } from '../dom';
import { clockText, durationText, type StepClock } from '../../src/shared/model/stepClock';

export function renderSentence(el: HTMLElement, sentence: string): void {
  if (el.dataset.text === sentence) return;
  el.dataset.text = sentence;
  const doc = el.ownerDocument;
  const parts = sentence.split('`');
  // an odd number of backticks would leave an unclosed code span: show the sentence as plain text then
  if (parts.length % 2 === 0) {
    el.textContent = sentence;
    return;
  }
  el.replaceChildren(
    ...parts.map((p, i) => {
      if (i % 2 === 0) return doc.createTextNode(p);
      const c = doc.createElement('code');
      c.textContent = p;
      return c;
    }),
  );
}

/** "Node's own code: 12 internal tasks (…)" under the sentence while the step is inside one, else nothing. */
export function renderInternalNote(el: HTMLElement, note: string | null): void {
  if (note !== null) setText(el, note);
  if (el.hidden !== (note === null)) el.hidden = note === null;
}

/** "at 212.4 ms" over "task +1,423 ms" (or "between tasks"). */
/** `tracingMs`: the run's estimated tracing overhead (RunMeta.tracing), stated beside the times it is part of. */
export function renderClock(el: HTMLElement, clock: StepClock, tracingMs?: number | null): void {
  const at = `at ${clockText(clock.time)}`;
  const task = clock.taskElapsed === null ? 'between tasks' : `task +${durationText(clock.taskElapsed)}`;
  const [first, second] = [el.querySelector('.ls-clock-time'), el.querySelector('.ls-clock-task')];
  if (first) setText(first, at);
  if (second) setText(second, task);
  const tracing = tracingMs == null ? '' : ` (the whole run's times include about ${durationText(tracingMs)} of tracing)`;
  const label =
    (clock.taskElapsed === null
      ? `${at} since the run started, between tasks`
      : `${at} since the run started; the running task started ${durationText(clock.taskElapsed)} before`) + tracing;
  if (el.title !== label) {
    el.title = label;
    el.setAttribute('aria-label', label);
  }
}
