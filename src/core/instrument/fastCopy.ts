// The fast copy of a function body (README "Hot code"): once the running task's call budget or a function's is
// spent, calls are only counted, and a function that can be counted without the runtime runs this
// uninstrumented copy of its body, put in front of the instrumented one:
//
//   function fib(n) {if(R.h){R.k[0]++;R.k[1]++;{ ...the body as written, on one line... }return;}const Rf=R.e(0);...
//
// `R.h` is set by the runtime while a window of counted calls is open (src/runtime/foldedCalls.ts);
// `R.k[0]` counts every fast call, `R.k[probe + 1]` this function's. The copy is the same function, so `this`, `arguments`,
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
  /** At the same offset: a statement's `;` (0), then a block's closing (1), then openings (2). */
  rank: number;
}

/**
 * The fast copy of `fn`'s body, or null when it may not have one. `from`..`to` is the body's text to copy (a
 * block body's inside after its directives; an expression body's text after `=>`), `probe` its function probe.
 */
export function fastCopyOf(fn: FunctionNode, ctx: InstrumentContext, probe: number, from: number, to: number): FastCopy | null {
  if (fn.async || fn.generator) return null;
  const code = ctx.code;
  const resolvers = ctx.frame.resolvers;
  const edits: CopyEdit[] = [];
  const opaque: Array<{ start: number; end: number }> = [];
  const guard = `if(--${ctx.api('guardCountdown')}<0)${ctx.api('guard')}();`;
  const visit = (node: AnyNode, parent: AnyNode | null): boolean => {
    if (NESTED.has(node.type) || NEEDS_TRACER.has(node.type)) return false;
    if (node.type === 'CallExpression' && callNeedsTracer(node, resolvers)) return false;
    if (node.type === 'NewExpression' && scheduleSiteOfNew(node) !== null) return false;
    if (node.type === 'ForOfStatement' && node.await) return false;
    if (node.type === 'Literal' || node.type === 'TemplateElement') {
      // a line break inside a string or template (a line continuation, a multi-line template) cannot be joined
      if (LINE_BREAK.test(code.slice(node.start, node.end))) return false;
      if (node.end > node.start && node.start >= from) opaque.push({ start: node.start, end: node.end });
    }
    if (LOOPS.has(node.type) && ctx.positions.at(node.start)) guardEdits((node as { body: Statement }).body, guard, edits);
    if (node.start >= from && endsByAsi(node, parent, code)) edits.push({ at: node.end, text: ';', rank: 0 });
    const fields = node as unknown as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value !== 'object' || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item) && !visit(item, node)) return false;
      } else if (isNode(value) && !visit(value, node)) {
        return false;
      }
    }
    return true;
  };
  if (!visit(fn.body, null)) return null;
  if (LINE_BREAK_OTHER.test(code.slice(from, to))) return null;

  edits.sort((a, b) => a.at - b.at || a.rank - b.rank);
  opaque.sort((a, b) => a.start - b.start);
  const counts = ctx.api('fastCounts');
  const block = fn.body.type === 'BlockStatement';
  let text = `if(${ctx.api('fast')}){${counts}[0]++;${counts}[${probe + 1}]++;${block ? '{' : 'return('}`;
  const slices: CopiedSlice[] = [];
  // One line: the copy must not move the lines after it (stack call sites, the source map's line-for-line
  // layout). Whitespace and comments between tokens become one space; strings, templates and regular
  // expressions are copied as they are; a statement that ended by ASI gets its `;`.
  let space = false;
  let e = 0;
  let o = 0;
  const piece = (a: number, b: number): void => {
    if (space) text += ' ';
    space = false;
    slices.push({ at: text.length, from: a, to: b });
    text += code.slice(a, b);
  };
  for (let i = from; i < to; ) {
    while (e < edits.length && edits[e].at <= i) text += edits[e++].text;
    while (o < opaque.length && opaque[o].start < i) o++; // before the copied range (a directive's string)
    if (o < opaque.length && opaque[o].start === i) {
      piece(i, opaque[o].end);
      i = opaque[o++].end;
      continue;
    }
    const ch = code[i];
    if (/\s/.test(ch)) {
      space = true;
      i++;
    } else if (ch === '/' && code[i + 1] === '/') {
      while (i < to && code[i] !== '\n') i++;
      space = true;
    } else if (ch === '/' && code[i + 1] === '*') {
      const close = code.indexOf('*/', i + 2);
      i = close < 0 || close + 2 > to ? to : close + 2;
      space = true;
    } else {
      const nextEdit = e < edits.length ? edits[e].at : to;
      const nextOpaque = o < opaque.length ? opaque[o].start : to;
      let j = i + 1;
      while (j < to && j < nextEdit && j < nextOpaque && !/\s/.test(code[j]) && !(code[j] === '/' && (code[j + 1] === '/' || code[j + 1] === '*'))) j++;
      piece(i, j);
      i = j;
    }
  }
  while (e < edits.length) text += edits[e++].text;
  text += block ? '}return;}' : ');}';
  return { text, slices };
}

/** Line terminators: none may end up in a copy. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** Line terminators V8 counts that a copy would not collapse (\n and \r outside literals are whitespace). */
const LINE_BREAK_OTHER = /[\u2028\u2029]/;
/** Statements that end with a `;` that ASI may have supplied. */
const ASI_STATEMENTS = new Set([
  'ExpressionStatement', 'VariableDeclaration', 'ReturnStatement', 'ThrowStatement', 'BreakStatement',
  'ContinueStatement', 'DoWhileStatement', 'DebuggerStatement',
]);

/** A statement whose `;` is missing (ASI ended it, maybe at a line break the copy removes). */
function endsByAsi(node: AnyNode, parent: AnyNode | null, code: string): boolean {
  if (!ASI_STATEMENTS.has(node.type) || code[node.end - 1] === ';') return false;
  // the declaration of a for / for-in / for-of head is no statement
  if (node.type === 'VariableDeclaration' && parent !== null && (parent.type === 'ForStatement' || parent.type === 'ForInStatement' || parent.type === 'ForOfStatement')) return false;
  return true;
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
    edits.push({ at: body.start + 1, text: guard, rank: 2 });
  } else if (body.type !== 'FunctionDeclaration' && body.type !== 'ClassDeclaration' && body.type !== 'VariableDeclaration') {
    edits.push({ at: body.start, text: `{${guard}`, rank: 2 });
    edits.push({ at: body.end, text: '}', rank: 1 });
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
