// The header: which file ran (and which lines, for a selection, with what the selection brought in), on
// which Node version and module format, and how the run ended.

import type { TraceModel } from '../../src/shared/modelTypes';
import { alsoRanSummary } from '../../src/shared/selectionSummary';
import { h } from '../dom';
import { basename, exitDescription, formatMs, moduleFormatName } from '../format';
import { tracedRange } from '../selectionLines';

/** A piece of the "also ran" text: plain words, a declaration's name, or a line reference to reveal. */
export type AlsoRanPart = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'line'; text: string; line: number };

/**
 * Splits the shared "also ran: imports on lines 1-2, `log` on line 8" wording into parts: names (in
 * backticks) become code, each "on line(s) N" a reference to line N (the first of a range).
 */
export function alsoRanParts(text: string): AlsoRanPart[] {
  const parts: AlsoRanPart[] = [];
  const pieces = text.split('`');
  // an unclosed backtick: no code spans, only the line references
  const balanced = pieces.length % 2 === 1;
  (balanced ? pieces : [text]).forEach((piece, i) => {
    if (balanced && i % 2 === 1) {
      parts.push({ kind: 'code', text: piece });
      return;
    }
    let last = 0;
    for (const m of piece.matchAll(/on lines? (\d+)(?:-\d+)?/g)) {
      if (m.index > last) parts.push({ kind: 'text', text: piece.slice(last, m.index) });
      parts.push({ kind: 'line', text: m[0], line: Number(m[1]) });
      last = m.index + m[0].length;
    }
    if (last < piece.length) parts.push({ kind: 'text', text: piece.slice(last) });
  });
  return parts;
}

function alsoRanLine(doc: Document, text: string): HTMLElement {
  const children = alsoRanParts(text).map((p): Node | string => {
    if (p.kind === 'text') return p.text;
    if (p.kind === 'code') return h(doc, 'code', {}, [p.text]);
    // data-line: the panel's click handling (input.ts) reveals the line in the editor and the source view
    return h(doc, 'button', { type: 'button', class: 'ls-line-link', 'data-line': p.line, title: `Show line ${p.line}` }, [p.text]);
  });
  return h(doc, 'p', { class: 'ls-also-ran' }, children);
}

/** Every duration the panel shows includes the tracer's own work: the header says how much, once. */
export function tracingTitle(overheadMs: number): string {
  return `The times and durations shown include about ${formatMs(overheadMs)} the tracer added to this run (estimated: recorded events and counted calls times their measured cost)`;
}

type OrderVariant = NonNullable<TraceModel['meta']['orderVariant']>;

/** Check Order Stability / --runs: which of the runs' console orders this trace printed. */
export function orderVariantText(v: OrderVariant): string {
  return v.of === 1 ? `same order in all ${v.runs} runs` : `order ${v.index + 1} of ${v.of} · ${v.count} of ${v.runs} runs`;
}

function orderChip(doc: Document, chip: (cls: string, text: string, title?: string) => HTMLElement, v: OrderVariant, o: HeaderOptions): HTMLElement {
  const title =
    v.of === 1
      ? `Every one of the ${v.runs} runs printed the same console order`
      : `The ${v.runs} runs printed ${v.of} different console orders; this run printed order ${v.index + 1}, as ${v.count} of them did`;
  const canPick = (i: number): boolean => i === v.index || (o.canPick?.(i) ?? false);
  if (v.of === 1 || v.orders === undefined || v.orders.length !== v.of || o.pickOrder === undefined || !v.orders.some((_, i) => i !== v.index && canPick(i))) {
    return chip(`ls-meta-order${v.of > 1 ? ' is-bad' : ''}`, orderVariantText(v), title);
  }
  // the other orders are one choice away: a native select (keyboard, screen readers and VS Code's theming for free)
  const pickOrder = o.pickOrder;
  const select = h(doc, 'select', { class: 'ls-order-pick', 'aria-label': 'Console order of the runs: show a run that printed another order', title }, v.orders.map((order, i) =>
    h(doc, 'option', { value: String(i), title: order.console.join(' · '), disabled: !canPick(i) }, [orderVariantText({ ...v, index: i, count: order.count })]),
  ));
  select.value = String(v.index);
  select.addEventListener('change', () => {
    const index = Number(select.value);
    // the select names the order shown: it changes when that run loads (the header is drawn again), not before
    select.value = String(v.index);
    pickOrder(index);
  });
  return h(doc, 'span', { class: 'ls-meta ls-meta-order is-bad is-pick' }, [select]);
}

export interface HeaderOptions {
  /** Show a run that printed another of the runs' console orders; absent: the order is named, not offered. */
  pickOrder?: (index: number) => void;
  /** Whether order `index` can be shown (an exported page embeds at most a few); absent: none can. */
  canPick?: (index: number) => boolean;
}

export function renderHeader(header: HTMLElement, model: Pick<TraceModel, 'meta' | 'stepCount'>, o: HeaderOptions = {}): void {
  const doc = header.ownerDocument;
  const m = model.meta;
  const chip = (cls: string, text: string, title?: string): HTMLElement => h(doc, 'span', { class: `ls-meta ${cls}`, title }, [text]);
  const exitBad = m.exit.reason !== 'completed' || (m.exit.code !== null && m.exit.code !== 0);
  const file = h(doc, 'h1', { class: 'ls-file', title: m.file }, [basename(m.file)]);
  const range = tracedRange(m);
  if (range) file.append(h(doc, 'span', { class: 'ls-file-lines' }, [range.from === range.to ? ` line ${range.from}` : ` lines ${range.from}–${range.to}`]));
  const alsoRan = alsoRanSummary(m.selection);
  header.replaceChildren(
    file,
    h(doc, 'div', { class: 'ls-meta-row' }, [
      chip('ls-meta-node', `Node ${m.node}`, 'Node version that ran the code'),
      chip('ls-meta-module', moduleFormatName(m.module), 'Module format the file ran as'),
      chip(`ls-meta-exit${exitBad ? ' is-bad' : ''}`, exitDescription(m.exit.reason, m.exit.code, m.timeoutMs, m.maxEvents), 'How the run ended'),
      chip('ls-meta-steps', `${model.stepCount.toLocaleString('en')} steps`),
      chip('ls-meta-time', `ran in ${formatMs(m.timings.run)}`, `transpile ${formatMs(m.timings.transpile)}, instrument ${formatMs(m.timings.instrument)}, run ${formatMs(m.timings.run)}, total ${formatMs(m.timings.total)}`),
      ...(m.tracing?.overheadMs != null ? [chip('ls-meta-tracing', `tracing ~${formatMs(m.tracing.overheadMs)}`, tracingTitle(m.tracing.overheadMs))] : []),
      ...(m.orderVariant ? [orderChip(doc, chip, m.orderVariant, o)] : []),
    ]),
    ...(alsoRan ? [alsoRanLine(doc, alsoRan)] : []),
  );
  header.setAttribute('aria-label', `${basename(m.file)}, Node ${m.node}, ${moduleFormatName(m.module)}, ${exitDescription(m.exit.reason, m.exit.code, m.timeoutMs, m.maxEvents)}`);
}
