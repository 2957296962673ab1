// The fast copy of a function body (README "Hot code"): once the running task's call budget is spent, calls are
// only counted, and a function that can be counted without the runtime runs this uninstrumented copy of its
// body, put in front of the instrumented one:
//
//   function fib(n) {if(R.h){R.k[0]++;R.k[1]++;{ ...the body as written... }return;}const Rf=R.e(0);try{...
//
// `R.h` is set by the runtime while the budget is spent (src/runtime/foldedCalls.ts); `R.k[0]` counts every
// fast call, `R.k[probe + 1]` this function's. The copy is the same function, so `this`, `arguments`,
// `new.target`, `super` and the parameters (defaults included) behave as in the instrumented body.
//
// Only bodies that need nothing from the tracer but its loop guard get a copy: no nested functions or classes
// (copying them would double the code per nesting level and leave their closures untraced later), no
// await/yield (async functions and generators get none), no schedule site, thenable or console call (their
// records want the line the copy does not write). Loops keep their guard, so an endless loop still times out.
// The copy writes no line: what the running line was when it was called stays the running line, which is
// what a counted call gives back on return anyway. So a record made while a copy runs (console calls are kept
// out; an I/O callback or a promise a library call queues is not) carries the line of the recorded code that
// made the counted call, not the line inside the copy.
import type { AnyNode, CallExpression, Statement } from 'acorn';
import type { InstrumentContext } from './context';
import type { FunctionNode } from './functionNames';
import { isPromiseResolveCall, scheduleSiteOfCall, scheduleSiteOfNew } from './scheduleSites';

/** A slice of the transpiled code as it stands in a copy: copy offset `at` holds code[from, to). */
export interface CopiedSlice {
  at: number;
  from: number;
  to: number;
}

export interface FastCopy {
  /** The text to insert: the check, the counters, the copy and its exit. */
  text: string;
  /** Where, in `text`, the slices of the transpiled code stand (for the source map: sourceMap.ts). */
  slices: CopiedSlice[];
}

const NESTED = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ClassDeclaration', 'ClassExpression']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
/** Nodes that need the tracer or the running line: no copy for a body that holds one. */
const NEEDS_TRACER = new Set(['AwaitExpression', 'YieldExpression', 'ImportExpression', 'WithStatement']);

/** An edit of the copy: text inserted at an offset of the transpiled code (the loop guards). */
interface CopyEdit {
  at: number;
  text: string;
  /** Closings go before openings at the same offset. */
  opening: boolean;
}

/**
 * The fast copy of `fn`'s body, or null when it may not have one. `from`..`to` is the body's text to copy (a
 * block body's inside after its directives; an expression body's text after `=>`), `probe` its function probe.
 */
export function fastCopyOf(fn: FunctionNode, ctx: InstrumentContext, probe: number, from: number, to: number): FastCopy | null {
  if (fn.async || fn.generator) return null;
  const resolvers = ctx.frame.resolvers;
  const edits: CopyEdit[] = [];
  const guard = `if(--${ctx.api('guardCountdown')}<0)${ctx.api('guard')}();`;
  const visit = (node: AnyNode): boolean => {
    if (NESTED.has(node.type) || NEEDS_TRACER.has(node.type)) return false;
    if (node.type === 'CallExpression' && callNeedsTracer(node, resolvers)) return false;
    if (node.type === 'NewExpression' && scheduleSiteOfNew(node) !== null) return false;
    if (node.type === 'ForOfStatement' && node.await) return false;
    if (LOOPS.has(node.type) && ctx.positions.at(node.start)) guardEdits((node as { body: Statement }).body, guard, edits);
    const fields = node as unknown as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item) && !visit(item)) return false;
      } else if (isNode(value) && !visit(value)) {
        return false;
      }
    }
    return true;
  };
  if (!visit(fn.body)) return null;

  edits.sort((a, b) => a.at - b.at || Number(a.opening) - Number(b.opening));
  const counts = ctx.api('fastCounts');
  const block = fn.body.type === 'BlockStatement';
  let text = `if(${ctx.api('fast')}){${counts}[0]++;${counts}[${probe + 1}]++;${block ? '{' : 'return('}`;
  const slices: CopiedSlice[] = [];
  let at = from;
  for (const edit of edits) {
    if (edit.at > at) {
      slices.push({ at: text.length, from: at, to: edit.at });
      text += ctx.code.slice(at, edit.at);
      at = edit.at;
    }
    text += edit.text;
  }
  if (to > at) {
    slices.push({ at: text.length, from: at, to });
    text += ctx.code.slice(at, to);
  }
  text += block ? '}return;}' : ');}';
  return { text, slices };
}

/** Calls the instrumenter wraps (visitors.ts visitCall), and console calls, whose records want the running line. */
function callNeedsTracer(call: CallExpression, resolvers: ReadonlySet<string>): boolean {
  if (scheduleSiteOfCall(call) !== null || isPromiseResolveCall(call)) return true;
  const callee = call.callee;
  if (callee.type === 'Identifier') return resolvers.has(callee.name);
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
}

/** The loop guard in a loop's body, as guardLoop (visitors.ts) puts it in the instrumented body. */
function guardEdits(body: Statement, guard: string, edits: CopyEdit[]): void {
  if (body.type === 'BlockStatement') {
    edits.push({ at: body.start + 1, text: guard, opening: true });
  } else if (body.type !== 'FunctionDeclaration' && body.type !== 'ClassDeclaration' && body.type !== 'VariableDeclaration') {
    edits.push({ at: body.start, text: `{${guard}`, opening: true });
    edits.push({ at: body.end, text: '}', opening: false });
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
