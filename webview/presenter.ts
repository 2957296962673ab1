// Presenter mode, for teaching with a projector: large type, the step's sentence prominent, the lanes without
// their boxes, and the Timeline revealed step by step (only what has happened by the current step). A toggle
// button in the toolbar; the app saves the choice with the panel state (the exported page's URL hash too),
// so a shared page link opens in presenter mode. The looks are styles/presenter.css, keyed on one class.

import { h } from './dom';

/** The class on the app's root while presenter mode is on. */
export const PRESENTER_CLASS = 'is-presenter';

export function createPresenterToggle(doc: Document): HTMLButtonElement {
  return h(doc, 'button', { type: 'button', class: 'ls-btn ls-presenter-toggle', 'aria-pressed': 'false', title: 'Presenter mode: large type, the sentence first, the timeline revealed step by step' }, ['Presenter mode']);
}

/** Shows presenter mode on or off: the root's class and the button's pressed state. */
export function applyPresenter(root: HTMLElement, button: HTMLButtonElement, on: boolean): void {
  root.classList.toggle(PRESENTER_CLASS, on);
  button.setAttribute('aria-pressed', String(on));
}
