// The Promise.all / allSettled / race / any call a queued reaction belongs to, from the model's item table
// ('group' and 'member' events, src/shared/eventRecords.ts), and how a chip, a tooltip and a sentence name it.
import type { PromiseGroup } from '../modelTypes';
import type { ItemTable } from './modelData';

/** The group of item record `r`, or undefined; `line` turns a located line into the line in its file. */
export function promiseGroupOf(items: ItemTable, r: number, line: (located: number) => number | null): PromiseGroup | undefined {
  const member = items.members.get(r);
  if (member === undefined) return undefined;
  const group = items.groups.get(member[0]);
  if (group === undefined) return undefined;
  return { label: group.label, number: member[0], index: member[1] + 1, count: group.count, line: group.line >= 0 ? line(group.line) : null };
}

/** "Promise.all #1 · 2/3": short, for a chip's label and the text report. */
export function promiseGroupText(g: PromiseGroup): string {
  return `${g.label} #${g.number} · ${g.index}/${g.count}`;
}

/** "member 2 of 3 of Promise.all #1 (L8)": for a tooltip or a sentence. */
export function promiseGroupWords(g: PromiseGroup): string {
  return `member ${g.index} of ${g.count} of ${g.label} #${g.number}${g.line === null ? '' : ` (L${g.line})`}`;
}

/** "→ 42" / "✗ Error: boom": what a promise settled with, as a chip says it. */
export function settledText(s: { text: string; rejected: boolean }): string {
  return `${s.rejected ? '✗' : '→'} ${s.text}`;
}

/** "settled with 42" / "rejected with Error: boom": for a tooltip or a sentence. */
export function settledWords(s: { text: string; rejected: boolean }): string {
  return `${s.rejected ? 'rejected with' : 'settled with'} ${s.text}`;
}
