// The playback toolbar's state for a step: counter, scrubber, disabled buttons, play/pause label.

import type { Controls } from '../layout';
import { setText } from '../dom';

export interface ControlsState {
  step: number;
  stepCount: number;
  playing: boolean;
  speed: number;
  canPrevOutput: boolean;
  canNextOutput: boolean;
  canPrevTask: boolean;
  canNextTask: boolean;
}

export function stepCounterText(step: number, stepCount: number): string {
  return stepCount === 0 ? 'step 0 / 0' : `step ${step + 1} / ${stepCount}`;
}

function enable(b: HTMLButtonElement, on: boolean): void {
  if (b.disabled === on) b.disabled = !on;
}

export function renderControls(c: Controls, s: ControlsState): void {
  const last = Math.max(0, s.stepCount - 1);
  setText(c.counter, stepCounterText(s.step, s.stepCount));
  if (c.scrubber.max !== String(last)) c.scrubber.max = String(last);
  if (c.scrubber.valueAsNumber !== s.step) c.scrubber.value = String(s.step);
  c.scrubber.setAttribute('aria-valuetext', stepCounterText(s.step, s.stepCount));
  enable(c.first, s.step > 0);
  enable(c.back, s.step > 0);
  enable(c.forward, s.step < last);
  enable(c.last, s.step < last);
  enable(c.play, s.stepCount > 1);
  enable(c.prevOutput, s.canPrevOutput);
  enable(c.nextOutput, s.canNextOutput);
  enable(c.prevTask, s.canPrevTask);
  enable(c.nextTask, s.canNextTask);
  const label = s.playing ? 'Pause (Space)' : 'Play (Space)';
  if (c.play.getAttribute('aria-label') !== label) {
    c.play.setAttribute('aria-label', label);
    c.play.title = label;
    c.play.classList.toggle('is-playing', s.playing);
  }
  if (c.speed.value !== String(s.speed)) c.speed.value = String(s.speed);
}

/** The "Node's internal tasks: folded / shown" toggle (task navigation skips them while folded). */
export interface InternalToggleState {
  /** Task navigation visits Node's internal tasks too. */
  shown: boolean;
  /** How many of the trace's tasks are Node's own (none: the toggle has nothing to do). */
  internalCount: number;
}

export function internalToggleText(shown: boolean): string {
  return `Node's internal tasks: ${shown ? 'shown' : 'folded'}`;
}

export function renderInternalToggle(button: HTMLButtonElement, s: InternalToggleState): void {
  setText(button, internalToggleText(s.shown));
  const pressed = String(s.shown);
  if (button.getAttribute('aria-pressed') !== pressed) button.setAttribute('aria-pressed', pressed);
  const n = s.internalCount;
  const title =
    n === 0
      ? "This trace has no tasks that ran only Node's own code"
      : `${n.toLocaleString('en')} task${n === 1 ? '' : 's'} ran only Node's own code. ${s.shown ? 'Task navigation (T/Shift+T) visits them; press to skip them.' : 'Task navigation (T/Shift+T) skips them; press to visit them too.'} The step arrows and the scrubber visit every step.`;
  if (button.title !== title) button.title = title;
  enable(button, n > 0);
}
