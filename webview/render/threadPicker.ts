// The thread picker, shown in the header when the program created worker threads: which thread the step
// view shows (each has its own stack, queues, console and steps), and "follow": stepping goes to whichever
// thread ran next (threadSteps.ts), switching the view as it goes.
import { h } from '../dom';
import type { ThreadChoice } from '../threadSteps';

export interface ThreadPickerCallbacks {
  choose(thread: number): void;
  follow(on: boolean): void;
}

export interface ThreadPicker {
  root: HTMLElement;
  select: HTMLSelectElement;
  follow: HTMLInputElement;
}

export function buildThreadPicker(doc: Document, threads: readonly ThreadChoice[], cb: ThreadPickerCallbacks): ThreadPicker {
  const select = h(doc, 'select', { class: 'ls-thread-select', 'aria-label': 'Thread shown' });
  for (const t of threads) select.append(h(doc, 'option', { value: String(t.id) }, [t.label]));
  select.addEventListener('change', () => cb.choose(Number(select.value)));
  const follow = h(doc, 'input', { type: 'checkbox', class: 'ls-thread-follow' });
  follow.addEventListener('change', () => cb.follow(follow.checked));
  const root = h(
    doc,
    'span',
    { class: 'ls-thread-picker', title: 'Each thread has its own stack, queues and console. Follow: a step goes to the thread that ran next.' },
    [h(doc, 'label', {}, ['thread ', select]), h(doc, 'label', {}, [follow, ' follow'])],
  );
  return { root, select, follow };
}

/** Shows which thread the step view is on. */
export function renderThreadPicker(p: ThreadPicker, thread: number, follow: boolean): void {
  if (p.select.value !== String(thread)) p.select.value = String(thread);
  p.follow.checked = follow;
}
