// The states shown instead of a trace: waiting for one, a run in progress (runs can take seconds), or an
// error with its position. Always something to read. A run in progress says honestly what is known: which
// file runs, for how long so far (ticking), that the end is not known (an indeterminate indicator, never a
// bar that looks full), and how to stop it.

import { h } from '../dom';
import { basename } from '../format';
import { withoutPosition } from '../../src/shared/errorPosition';

export type StatusView =
  | { kind: 'empty'; message: string }
  | { kind: 'running'; file: string; startedAt: number }
  | { kind: 'error'; message: string; file?: string; line?: number; column?: number };

export function errorLocation(s: { file?: string; line?: number; column?: number }): string {
  if (!s.file) return s.line ? `line ${s.line}${s.column ? `:${s.column}` : ''}` : '';
  return `${s.file}${s.line ? `:${s.line}${s.column ? `:${s.column}` : ''}` : ''}`;
}

export function renderStatus(panel: HTMLElement, s: StatusView): void {
  const doc = panel.ownerDocument;
  panel.dataset.kind = s.kind;
  switch (s.kind) {
    case 'empty':
      panel.replaceChildren(
        h(doc, 'h2', {}, ['No trace yet']),
        h(doc, 'p', {}, [s.message]),
      );
      return;
    case 'running':
      panel.replaceChildren(
        h(doc, 'h2', {}, [`Tracing ${basename(s.file)}…`]),
        h(doc, 'p', { class: 'ls-status-file', title: s.file }, [s.file]),
        // no aria-valuenow: how long a run takes is not known, so the indicator is indeterminate
        h(doc, 'div', { class: 'ls-progress', role: 'progressbar', 'aria-label': 'Tracing in progress', 'aria-valuetext': 'running, end not known' }, [
          h(doc, 'div', { class: 'ls-progress-bar' }),
        ]),
        // its own live setting: the ticking time is not announced every tick
        h(doc, 'p', { class: 'ls-status-elapsed', 'aria-live': 'off' }, [elapsedText(0)]),
        h(doc, 'p', { class: 'ls-status-what' }, [
          `Node runs ${basename(s.file)} in a child process while Loopscope records every call, queued callback and console line. ` +
            'It ends when the event loop has nothing left to do, or at the time limit.',
        ]),
        h(doc, 'p', { class: 'ls-status-cancel' }, [
          'To stop it: Cancel in the “Loopscope: running…” notification, or start another run (it replaces this one). ' +
            'The time limit is the loopscope.timeoutMs setting.',
        ]),
      );
      return;
    case 'error': {
      const where = errorLocation(s);
      const children: (Node | string)[] = [h(doc, 'h2', {}, ['Could not trace this file'])];
      if (where) {
        const loc = h(doc, 'p', { class: 'ls-status-location' }, [where]);
        if (s.line) {
          loc.dataset.line = String(s.line);
          loc.setAttribute('role', 'button');
          loc.tabIndex = 0;
          loc.title = 'Show in the editor';
        }
        children.push(loc);
      }
      // the position is the location line above: not a second time inside the message
      children.push(h(doc, 'pre', { class: 'ls-status-message' }, [s.line ? withoutPosition(s.message) : s.message]));
      panel.replaceChildren(...children);
      return;
    }
  }
}

/** How often the app updates the running time, ms (tenths of a second show). */
export const ELAPSED_TICK_MS = 100;

/** "Running for 3.4 s" (tenths under a minute), "Running for 2 min 05 s". */
export function elapsedText(ms: number): string {
  const t = Math.max(0, ms);
  if (t < 60000) return `Running for ${(Math.floor(t / 100) / 10).toFixed(1)} s`;
  const s = Math.floor(t / 1000);
  return `Running for ${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** The running time under the running state, updated by the app's timer. */
export function renderElapsed(panel: HTMLElement, ms: number): void {
  const el = panel.querySelector('.ls-status-elapsed');
  const text = elapsedText(ms);
  if (el && el.textContent !== text) el.textContent = text;
}
