// Motion: transition durations that follow the playback interval (playback.ts), so at 8x the animations are
// short enough to finish before the next step and at 0.25x a move is slow enough to follow; and the d3
// helpers that move, place, fade in and remove elements with them.

import 'd3-transition';
import type { BaseType, Selection } from 'd3-selection';
import { stepIntervalMs } from './playback';

const MAX_TRANSITION_MS = 450;

export function transitionMs(speed: number, reducedMotion: boolean): number {
  if (reducedMotion) return 0;
  return Math.round(Math.min(MAX_TRANSITION_MS, stepIntervalMs(speed) * 0.6));
}

/** An element selection with datum D under any parent. */
export type ElementSelection<D, P extends BaseType = BaseType> = Selection<HTMLElement, D, P, unknown>;

/** The transform each element was last sent to (so unchanged elements get no new transition). */
const targets = new WeakMap<Element, string>();

/**
 * Moves elements to `transform(d, i)`, animated when `ms` > 0 (a new move interrupts the running one), after
 * `delay` ms (a lane lets leaving chips go before the others close the gap, so no two texts cross).
 */
export function moveTo<D, P extends BaseType>(sel: ElementSelection<D, P>, ms: number, transform: (d: D, i: number) => string, delay = 0): void {
  const moving = sel.filter(function (d, i) {
    const to = transform(d, i);
    if (targets.get(this) === to) return false;
    targets.set(this, to);
    return true;
  });
  if (moving.empty()) return;
  const target = function (this: HTMLElement): string {
    return targets.get(this) ?? '';
  };
  if (ms > 0) moving.transition('move').delay(delay).duration(ms).style('transform', target);
  else moving.interrupt('move').style('transform', target);
}

/**
 * Puts elements at `transform` without animation. `settled`: that is where they belong (the next moveTo to
 * the same place does nothing); otherwise it is a start position the next moveTo animates away from.
 */
export function placeAt<D, P extends BaseType>(sel: ElementSelection<D, P>, transform: (d: D, i: number) => string, settled: boolean): void {
  sel.style('transform', (d, i) => transform(d, i));
  sel.each(function (d, i) {
    if (settled) targets.set(this, transform(d, i));
    else targets.delete(this);
  });
}

/** Fades new elements in, after `delay` ms. */
export function fadeIn<D, P extends BaseType>(sel: ElementSelection<D, P>, ms: number, delay = 0): void {
  if (ms <= 0) {
    sel.style('opacity', null);
    return;
  }
  sel.style('opacity', '0').transition('fade').delay(delay).duration(ms).style('opacity', '1');
}

/**
 * Removes leaving elements, fading them out when `ms` > 0. They are marked `is-exiting` so the next join
 * (which selects `:not(.is-exiting)`) does not reuse an element that is on its way out.
 */
export function fadeOutAndRemove<D, P extends BaseType>(sel: ElementSelection<D, P>, ms: number, transform?: (d: D, i: number) => string): void {
  sel.classed('is-exiting', true).attr('aria-hidden', 'true');
  if (ms <= 0) {
    sel.remove();
    return;
  }
  const t = sel.interrupt('move').transition('fade').duration(ms).style('opacity', '0');
  if (transform) t.style('transform', (d, i) => transform(d, i));
  t.remove();
}
