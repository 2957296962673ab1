// A queue's colour on an element: --ls-q, which the lane, chip, drain and task-row rules draw with, set to
// the queue's token from the event-loop table (src/shared/eventLoop.ts SOURCES[q].colourToken; its value per
// theme is in styles/theme.css). Set from here rather than by one CSS selector per queue, so a new queue
// needs no stylesheet change. style.setProperty is allowed by the page's CSP (a style attribute is not).

import { SOURCES, type TaskSource } from '../src/shared/eventLoop';

/** The value to give --ls-q for `source`: `var(--ls-q-timer)`. */
export function queueColour(source: TaskSource): string {
  return `var(${SOURCES[source].colourToken})`;
}

/** Colours `el` (and what it contains) like the lane of `source`. */
export function paintQueueColour(el: HTMLElement, source: TaskSource): void {
  el.style.setProperty('--ls-q', queueColour(source));
}
