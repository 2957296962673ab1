// The sentence for the current step. describeStep wraps code in backticks; those parts become <code>
// elements, everything is set as text (never markup). Under it, the just-my-code note.

import { setText } from '../dom';

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
