// The header: which file ran, on which Node version and module format, and how the run ended.

import type { TraceModel } from '../../src/shared/modelTypes';
import { h } from '../dom';
import { basename, exitDescription, formatMs, moduleFormatName } from '../format';

export function renderHeader(header: HTMLElement, model: Pick<TraceModel, 'meta' | 'stepCount'>): void {
  const doc = header.ownerDocument;
  const m = model.meta;
  const chip = (cls: string, text: string, title?: string): HTMLElement => h(doc, 'span', { class: `ls-meta ${cls}`, title }, [text]);
  const exitBad = m.exit.reason !== 'completed' || (m.exit.code !== null && m.exit.code !== 0);
  const file = h(doc, 'h1', { class: 'ls-file', title: m.file }, [basename(m.file)]);
  if (m.lines) file.append(h(doc, 'span', { class: 'ls-file-lines' }, [` lines ${m.lines.from}–${m.lines.to}`]));
  header.replaceChildren(
    file,
    h(doc, 'div', { class: 'ls-meta-row' }, [
      chip('ls-meta-node', `Node ${m.node}`, 'Node version that ran the code'),
      chip('ls-meta-module', moduleFormatName(m.module), 'Module format the file ran as'),
      chip(`ls-meta-exit${exitBad ? ' is-bad' : ''}`, exitDescription(m.exit.reason, m.exit.code, m.timeoutMs, m.maxEvents), 'How the run ended'),
      chip('ls-meta-steps', `${model.stepCount.toLocaleString('en')} steps`),
      chip('ls-meta-time', `ran in ${formatMs(m.timings.run)}`, `transpile ${formatMs(m.timings.transpile)}, instrument ${formatMs(m.timings.instrument)}, run ${formatMs(m.timings.run)}, total ${formatMs(m.timings.total)}`),
    ]),
  );
  header.setAttribute('aria-label', `${basename(m.file)}, Node ${m.node}, ${moduleFormatName(m.module)}, ${exitDescription(m.exit.reason, m.exit.code, m.timeoutMs, m.maxEvents)}`);
}
