// The text report's "Order stability" section (`--runs N`): how many distinct console orders the runs printed,
// how often each, and where each one first departs from the most frequent.

import { firstDifference, type OrderVariants } from '../shared/orderVariants';
import { plainStyle, type Style } from './style';

/** Printed lines shown per variant before the rest is summarised. */
const MAX_LINES_PER_VARIANT = 12;

const quote = (text: string | undefined): string => (text === undefined ? '(nothing)' : JSON.stringify(text.length > 60 ? text.slice(0, 59) + '…' : text));

export function* orderStabilityLines(runs: OrderVariants, style: Style = plainStyle): Iterable<string> {
  const [usual, ...others] = runs.variants;
  yield style.bold(`Order stability (${runs.count} runs)`);
  if (usual === undefined) return;
  if (others.length === 0) {
    yield `  every run printed the same ${usual.console.length} lines in the same order`;
    return;
  }
  yield `  ${runs.variants.length} different console orders: Node does not guarantee this program's order`;
  for (const [i, variant] of runs.variants.entries()) {
    const share = `${variant.count} of ${runs.count} runs`;
    if (i === 0) {
      yield `  order 1 (${share}, shown above):`;
    } else {
      const at = firstDifference(usual.console, variant.console) ?? 0;
      yield `  order ${i + 1} (${share}): from console line ${at + 1} it printed ${quote(variant.console[at])} where order 1 printed ${quote(usual.console[at])}`;
    }
    const shown = variant.console.slice(0, MAX_LINES_PER_VARIANT);
    for (const text of shown) yield style.dim(`    ${text.split('\n')[0]}`);
    if (variant.console.length > shown.length) yield style.dim(`    … ${variant.console.length - shown.length} more lines`);
  }
}
