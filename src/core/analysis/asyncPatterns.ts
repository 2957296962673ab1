// Reads the places in the (transpiled) program where async code is commonly misused, with ORIGINAL lines:
// - consecutive awaits of independent operations (`sequential-awaits`): each binds the call's result to a name
//   (`const a = await getA()`), and its call does not mention a name an earlier await of the run bound. An
//   `await save(x)` whose result is dropped is kept out: it is awaited for its effect, whose order often
//   matters (a write, a sleep, a demo step), and flagging it would teach the wrong thing;
// - promises nobody waits for (`floating-promise`): `forEach(async …)`, `map(async …)` whose result is dropped
//   or never used, and a call of one of the file's async functions as a bare statement inside a function.
// A top-level `main();` is the usual entry point and is not flagged. The run decides whether a site matters.
// Also the lines of 0 ms timers (`setTimeout(fn)`, `…, 0)`, `…, 1)`), for the timing-race insight.
// Every module of a project is read (each with its file index): lines are located lines (src/shared/sourceFiles.ts),
// so an insight points into the file the pattern is in, and they match the run's located lines.

import type { AnyNode, ArrowFunctionExpression, CallExpression, FunctionDeclaration, FunctionExpression, Node, Pattern, Program, Statement } from 'acorn';
import { fullAncestor } from 'acorn-walk';
import type { FloatingPromiseSite, SequentialAwaitsSite, SourcePatterns } from '../../shared/sourcePatterns';
import type { OriginalPositions } from '../instrument/originalPositions';
import { locatedLine } from '../../shared/sourceFiles';

type AnyFunction = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** `fileIndex`: the file's index in the project (0: the entry), for located lines. */
export function findAsyncPatterns(program: Program, positions: OriginalPositions, fileIndex = 0): SourcePatterns {
  const lineOf = (node: Node): number | null => {
    const line = positions.at(node.start)?.line;
    return line === undefined ? null : locatedLine(fileIndex, line);
  };
  const asyncNames = asyncFunctionNames(program);
  const sequentialAwaits: SequentialAwaitsSite[] = [];
  const floatingPromises: FloatingPromiseSite[] = [];
  const zeroDelayTimers: number[] = [];

  fullAncestor(program, (node, _state, path) => {
    const ancestors = path as AnyNode[];
    if (isFunction(node) && node.async && node.body.type === 'BlockStatement') {
      for (const run of independentAwaitRuns(node.body.body)) {
        const lines = run.map(lineOf).filter((l): l is number => l !== null);
        const functionLine = lineOf(node);
        if (lines.length >= 2 && functionLine !== null) sequentialAwaits.push({ functionName: functionNameOf(node, ancestors), functionLine, lines });
      }
    }
    if (node.type === 'CallExpression') {
      const site = floatingSite(node, ancestors, asyncNames);
      const line = site && lineOf(node);
      if (site && line != null) floatingPromises.push({ ...site, line });
      const timerLine = isZeroDelayTimer(node) ? lineOf(node) : null;
      if (timerLine !== null) zeroDelayTimers.push(timerLine);
    }
  });
  return { sequentialAwaits, floatingPromises, zeroDelayTimers };
}

/** Runs of two or more consecutive `await call()` statements, split where one uses an earlier one's result. */
function independentAwaitRuns(body: readonly Statement[]): Statement[][] {
  const runs: Statement[][] = [];
  let run: Statement[] = [];
  let bound = new Set<string>();
  const close = (): void => {
    if (run.length >= 2) runs.push(run);
    run = [];
    bound = new Set();
  };
  for (const statement of body) {
    const awaited = awaitedCall(statement);
    if (!awaited || awaited.binds.length === 0) {
      close();
      continue;
    }
    if (mentionsAny(awaited.call, bound)) close(); // dependent: `findOrders(user.id)` after `user = await …`
    run.push(statement);
    for (const name of awaited.binds) bound.add(name);
  }
  close();
  return runs;
}

/** `await f(…)`, `const x = await f(…)` or `x = await f(…)`: the awaited call and the names it binds. */
function awaitedCall(statement: Statement): { call: Node; binds: string[] } | null {
  if (statement.type === 'ExpressionStatement') {
    const e = statement.expression;
    if (e.type === 'AwaitExpression' && isCall(e.argument)) return { call: e.argument, binds: [] };
    if (e.type === 'AssignmentExpression' && e.right.type === 'AwaitExpression' && isCall(e.right.argument)) {
      return { call: e.right.argument, binds: patternNames(e.left as Pattern) };
    }
    return null;
  }
  if (statement.type === 'VariableDeclaration' && statement.declarations.length === 1) {
    const [d] = statement.declarations;
    if (d.init?.type === 'AwaitExpression' && isCall(d.init.argument)) return { call: d.init.argument, binds: patternNames(d.id) };
  }
  return null;
}

const isCall = (node: Node): boolean => node.type === 'CallExpression' || node.type === 'NewExpression';

function patternNames(pattern: Pattern): string[] {
  const names: string[] = [];
  fullAncestor(pattern, (node, _s, path) => {
    const ancestors = path as AnyNode[];
    if (node.type !== 'Identifier') return;
    const parent = ancestors[ancestors.length - 2];
    // `{ a: b }` binds b, not the key a; a default value's identifiers bind nothing
    if (parent?.type === 'Property' && parent.key === node && !parent.shorthand) return;
    if (parent?.type === 'AssignmentPattern' && parent.right === node) return;
    names.push(node.name);
  });
  return names;
}

function mentionsAny(node: Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  fullAncestor(node, (n) => {
    if (n.type === 'Identifier' && names.has(n.name)) found = true;
  });
  return found;
}

function floatingSite(call: CallExpression, ancestors: readonly AnyNode[], asyncNames: ReadonlySet<string>): Omit<FloatingPromiseSite, 'line'> | null {
  const parent = ancestors[ancestors.length - 2];
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
    const method = callee.property.name;
    const asyncCallback = call.arguments.some((a) => isFunction(a) && (a as AnyFunction).async);
    if (!asyncCallback) return null;
    if (method === 'forEach') return { kind: 'forEach', callee: 'forEach' };
    if (method === 'map' && resultIsDropped(parent, ancestors)) return { kind: 'map', callee: 'map' };
    return null;
  }
  if (callee.type === 'Identifier' && asyncNames.has(callee.name) && parent?.type === 'ExpressionStatement' && insideFunction(ancestors)) {
    return { kind: 'call', callee: callee.name };
  }
  return null;
}

/** `setTimeout(fn)`, `setTimeout(fn, 0)`, `setTimeout(fn, 1)` (also `timers.setTimeout`): Node's 1 ms timer. */
function isZeroDelayTimer(call: CallExpression): boolean {
  const callee = call.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : null;
  if (name !== 'setTimeout' || call.arguments.length === 0) return false;
  const delay = call.arguments[1];
  return delay === undefined || (delay.type === 'Literal' && typeof delay.value === 'number' && delay.value <= 1);
}

/** The value of `xs.map(async …)` goes nowhere: a bare statement, or a variable nothing reads. */
function resultIsDropped(parent: AnyNode | undefined, ancestors: readonly AnyNode[]): boolean {
  if (parent?.type === 'ExpressionStatement') return true;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const name = parent.id.name;
    const scope = [...ancestors].reverse().find((a) => isFunction(a) || a.type === 'Program');
    let reads = 0;
    if (scope) fullAncestor(scope, (n) => {
      if (n.type === 'Identifier' && n.name === name && n !== parent.id) reads++;
    });
    return reads === 0;
  }
  return false;
}

function insideFunction(ancestors: readonly AnyNode[]): boolean {
  return ancestors.slice(0, -1).some((a) => isFunction(a));
}

/** Names of the async functions the file declares: `async function f`, `const f = async (…) =>`. */
function asyncFunctionNames(program: Program): Set<string> {
  const names = new Set<string>();
  fullAncestor(program, (node) => {
    if (node.type === 'FunctionDeclaration' && node.async && node.id) names.add(node.id.name);
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isFunction(node.init as AnyNode) && (node.init as AnyFunction).async) {
      names.add(node.id.name);
    }
  });
  return names;
}

function isFunction(node: AnyNode): node is AnyFunction {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

function functionNameOf(fn: AnyFunction, ancestors: readonly AnyNode[]): string {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id.name;
  const parent = ancestors[ancestors.length - 2];
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  return '(anonymous)';
}
