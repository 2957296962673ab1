// One generic pass over the AST in source order: visitor `enter`, the children (every property holding a node or
// an array of nodes), visitor `leave`, then the closings the node queued. No per-type child lists to keep up to
// date with new syntax.
import type { AnyNode } from 'acorn';
import type { InstrumentContext } from './context';
import { VISITORS } from './visitors';

interface AnyVisitor {
  enter?(node: AnyNode, ctx: InstrumentContext): void;
  leave?(node: AnyNode, ctx: InstrumentContext): void;
}

export function walk(node: AnyNode, ctx: InstrumentContext): void {
  const visitor = VISITORS[node.type] as AnyVisitor | undefined;
  const mark = ctx.closingMark();
  visitor?.enter?.(node, ctx);
  ctx.ancestors.push(node);
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, ctx);
    } else if (isNode(value)) {
      walk(value, ctx);
    }
  }
  ctx.ancestors.pop();
  visitor?.leave?.(node, ctx);
  ctx.flushClosings(mark);
}

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
