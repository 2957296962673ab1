// The states shown instead of a trace: waiting for one, a run in progress (runs can take seconds), or an
// error with its position. Always something to read.

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
        h(doc, 'div', { class: 'ls-progress', role: 'progressbar', 'aria-label': 'Tracing in progress' }, [h(doc, 'div', { class: 'ls-progress-bar' })]),
        h(doc, 'p', { class: 'ls-status-elapsed' }, ['Running the code in a child Node process and recording every queue operation.']),
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

/** "3 s" under the running state, updated by the app's timer. */
export function renderElapsed(panel: HTMLElement, ms: number): void {
  const el = panel.querySelector('.ls-status-elapsed');
  if (el) el.textContent = `Running for ${Math.floor(ms / 1000)} s — recording every queue operation in a child Node process.`;
}
