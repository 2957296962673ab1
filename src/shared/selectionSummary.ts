// What a traced selection brought in, in words, for the text report and the panel: "also ran: imports on
// lines 1-2, `log` on line 8". One wording for both, from RunMeta.selection.
import type { SelectionMeta } from './rawTrace';

function onLines(from: number, to: number): string {
  return from === to ? `on line ${from}` : `on lines ${from}-${to}`;
}

/** One entry of the list: "imports on lines 1-2", "`log` on line 8", "`a`, `b` on line 3". */
export function broughtInPhrase(entry: SelectionMeta['alsoRan'][number]): string {
  if (entry.kind === 'imports') return `${entry.names.length === 1 ? 'the import' : 'imports'} ${onLines(entry.from, entry.to)}`;
  const names = entry.names.length > 0 ? entry.names.map((n) => `\`${n}\``).join(', ') : 'a declaration';
  return `${names} ${onLines(entry.from, entry.to)}`;
}

/** "also ran: imports on lines 1-2, `log` on line 8", or null when the selection used nothing around it. */
export function alsoRanSummary(selection: SelectionMeta | undefined): string | null {
  if (!selection || selection.alsoRan.length === 0) return null;
  return `also ran: ${selection.alsoRan.map(broughtInPhrase).join(', ')}`;
}
