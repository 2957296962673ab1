// The declarative visitor table: for each node type, what the instrumenter injects (docs/ARCHITECTURE.md,
// "The injected runtime API"). Every injected statement ends with `;` so no ASI pitfall can join it to user code.
// Just over 300 lines on purpose: it is one table, and the point is to read every node type's rule in one place.
import type {
  AnyNode,
  ArrowFunctionExpression,
  AwaitExpression,
  BlockStatement,
  CallExpression,
  DoWhileStatement,
  ForInStatement,
  ForOfStatement,
  ForStatement,
  IfStatement,
  NewExpression,
  ReturnStatement,
  Statement,
  WhileStatement,
  YieldExpression,
  ModuleDeclaration,
} from 'acorn';
import type { FunctionFrame, InstrumentContext } from './context';
import { functionName, type FunctionNode } from './functionNames';
import { hasBlockScopingConflict } from './hoistingConflicts';
import { isPromiseResolveCall, scheduleSiteOfCall, scheduleSiteOfNew, type ScheduleSite } from './scheduleSites';

interface Visitor<N extends AnyNode> {
  enter?(node: N, ctx: InstrumentContext): void;
  leave?(node: N, ctx: InstrumentContext): void;
}

export type VisitorTable = { [T in AnyNode['type']]?: Visitor<Extract<AnyNode, { type: T }>> };

// ---- statements -------------------------------------------------------------------------------------------

/** Statements that get no line marker: directives (a marker would turn them into plain strings), hoisted ones. */
const UNMARKED = new Set(['ImportDeclaration', 'FunctionDeclaration', 'EmptyStatement']);

function isDirective(stmt: AnyNode): boolean {
  return stmt.type === 'ExpressionStatement' && typeof stmt.directive === 'string';
}

function markStatements(statements: ReadonlyArray<Statement | ModuleDeclaration>, ctx: InstrumentContext): void {
  for (const stmt of statements) {
    if (UNMARKED.has(stmt.type) || isDirective(stmt)) continue;
    const marker = ctx.lineMarker(stmt);
    if (marker) ctx.insert(stmt.start, marker);
  }
}

/** Declarations cannot be wrapped in a block without changing their scope. */
function isDeclaration(stmt: AnyNode): boolean {
  return stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration' || stmt.type === 'VariableDeclaration';
}

/** Gives a single-statement body (if/else/loop) a block, so it has room for a marker and a guard. */
function blockify(stmt: Statement, ctx: InstrumentContext, guard: string): void {
  if (stmt.type === 'BlockStatement') {
    if (guard) ctx.insert(stmt.start + 1, guard);
    return;
  }
  if (isDeclaration(stmt)) return;
  const marker = stmt.type === 'EmptyStatement' ? '' : ctx.lineMarker(stmt);
  if (!guard && !marker) return;
  ctx.insert(stmt.start, `{${guard}${marker}`);
  ctx.insertClosing(stmt.end, '}');
}

function guardLoop(
  loop: ForStatement | ForInStatement | ForOfStatement | WhileStatement | DoWhileStatement,
  ctx: InstrumentContext,
): void {
  // Loops in code esbuild generated (helpers) are finite: no guard.
  if (ctx.positions.at(loop.start)) blockify(loop.body, ctx, `if(--${ctx.api('guardCountdown')}<0)${ctx.api('guard')}();`);
}

// ---- functions ----------------------------------------------------------------------------------------------

function enterFunction(fn: FunctionNode, ctx: InstrumentContext): void {
  const parent = ctx.parent;
  const outer = ctx.frame;
  // Methods and accessors are located at their key (`get x() {}`), other functions at their start.
  const located =
    parent && (parent.type === 'MethodDefinition' || (parent.type === 'Property' && (parent.method || parent.kind !== 'init')))
      ? parent
      : fn;
  const pos = ctx.positions.at(located.start);
  const scopeAlias = typeScriptScopeAlias(fn, parent);
  if (scopeAlias) ctx.aliases.set(scopeAlias.generated, scopeAlias.user);
  const name = functionName(fn, ctx.ancestors, ctx.code, ctx.aliases);
  const instrumented =
    pos !== null && !scopeAlias && !(fn.body.type === 'BlockStatement' && hasBlockScopingConflict(fn.body));
  const frame: FunctionFrame = {
    frameVar: ctx.Rf,
    instrumented,
    isAsync: fn.async,
    isGenerator: fn.generator,
    name,
    resolvers: resolversInside(fn, parent, outer),
  };
  ctx.frames.push(frame);
  if (!pos || !instrumented) return;

  const probe = ctx.probes.add('function', name, pos);
  if (fn.async && !fn.generator) ctx.probes.markAsync(probe);
  const enter = `const ${ctx.Rf}=${ctx.api('enter')}(${probe});`;
  const exit = `}finally{${ctx.api('exit')}(${ctx.Rf});}`;
  if (fn.body.type === 'BlockStatement') {
    const prologue = afterDirectives(fn.body, ctx.code);
    const fast = ctx.fastCopy(fn, probe, prologue.at, fn.body.end - 1);
    ctx.insert(prologue.at, `${prologue.separator}${fast}${enter}try{`);
    ctx.insertClosing(fn.body.end - 1, exit);
    return;
  }
  // Expression body: `=> EXPR` becomes `=> {enter; try { return (EXPR); } finally { exit }}`. The opening
  // parenthesis stands on the `return` line, right after `=>`, so no line break or comment between `=>` and
  // EXPR can end the `return` early (ASI), and a sequence or an object literal stays one expression.
  // The body expression gets its own line marker, as a statement would: it may stand lines below the `=>`.
  const bodyStart = arrowBodyStart(fn as ArrowFunctionExpression, ctx.code);
  const marker = ctx.lineMarker(fn.body);
  if (fn.async) {
    // An async arrow's value may be a thenable the runtime has to adopt.
    const thenable = ctx.probes.add('thenable', name, pos, ctx.snippetOf(fn.body));
    ctx.insert(bodyStart, `{${enter}try{${marker}return ${ctx.api('thenable')}(${thenable},(`);
    ctx.insertClosing(fn.end, `));${exit}}`);
  } else {
    ctx.insert(bodyStart, `{${ctx.fastCopy(fn, probe, bodyStart, fn.end)}${enter}try{${marker}return(`);
    ctx.insertClosing(fn.end, `);${exit}}`);
  }
}

/**
 * Where a function body's own code starts: after its directive prologue (`'use strict'` must stay first). A
 * directive that ends without `;` needs one before the injected statement, or the two would join.
 */
function afterDirectives(body: BlockStatement, code: string): { at: number; separator: string } {
  let at = body.start + 1;
  let separator = '';
  for (const stmt of body.body) {
    if (!isDirective(stmt)) break;
    at = stmt.end;
    separator = code[stmt.end - 1] === ';' ? '' : ';';
  }
  return { at, separator };
}

/** The offset just after `=>` (params and comments may precede it; strings cannot). */
function arrowBodyStart(fn: ArrowFunctionExpression, code: string): number {
  let i = fn.params.length > 0 ? fn.params[fn.params.length - 1].end : fn.start;
  while (i < fn.body.start) {
    if (code.startsWith('=>', i)) return i + 2;
    if (code.startsWith('/*', i)) i = code.indexOf('*/', i + 2) + 2;
    else if (code.startsWith('//', i)) i = code.indexOf('\n', i);
    else i++;
  }
  return fn.body.start;
}

/**
 * esbuild compiles a TS `enum E {}` / `namespace N {}` into `((E2) => {...})(E || (E = {}))`: not a function the
 * user wrote, so it gets no probe (its body's statements still get line markers). Returns `{ E2 -> E }` for one.
 */
function typeScriptScopeAlias(fn: FunctionNode, parent: AnyNode | undefined): { generated: string; user: string } | null {
  if (fn.type !== 'ArrowFunctionExpression' || parent?.type !== 'CallExpression' || parent.callee !== fn) return null;
  const param = fn.params[0];
  const arg = parent.arguments[0];
  if (
    fn.params.length === 1 &&
    param.type === 'Identifier' &&
    parent.arguments.length === 1 &&
    arg.type === 'LogicalExpression' &&
    arg.operator === '||' &&
    arg.left.type === 'Identifier' &&
    param.name.startsWith(arg.left.name)
  ) {
    return { generated: param.name, user: arg.left.name };
  }
  return null;
}

/** Which resolver names are visible in `fn`: the outer ones minus shadowing parameters, plus its own if it is a `new Promise` executor. */
function resolversInside(fn: FunctionNode, parent: AnyNode | undefined, outer: FunctionFrame): ReadonlySet<string> {
  let resolvers = outer.resolvers;
  if (resolvers.size > 0 && fn.params.some((p) => p.type === 'Identifier' && resolvers.has(p.name))) {
    const narrowed = new Set(resolvers);
    for (const p of fn.params) if (p.type === 'Identifier') narrowed.delete(p.name);
    resolvers = narrowed;
  }
  const first = fn.params[0];
  if (
    parent?.type === 'NewExpression' &&
    parent.arguments[0] === fn &&
    scheduleSiteOfNew(parent) !== null &&
    first?.type === 'Identifier'
  ) {
    resolvers = new Set(resolvers).add(first.name);
  }
  return resolvers;
}

// ---- suspensions and thenables ----------------------------------------------------------------------------

function wrapAwait(node: AwaitExpression, ctx: InstrumentContext): void {
  const frame = ctx.frame;
  if (frame.instrumented) ctx.wrapInCall(node.argument, `${ctx.api('suspend')}(${frame.frameVar},`);
}

function wrapYield(node: YieldExpression, ctx: InstrumentContext): void {
  const frame = ctx.frame;
  if (!frame.instrumented || !frame.isGenerator) return;
  const suspend = `${ctx.api('suspend')}(${frame.frameVar},`;
  ctx.insert(node.start, `${ctx.api('resume')}(${frame.frameVar},`);
  ctx.insertClosing(node.end, ')');
  if (node.argument) ctx.wrapInCall(node.argument, suspend);
  else ctx.insert(node.end, ` ${suspend}void 0)`);
}

function wrapForAwaitSource(loop: ForOfStatement, ctx: InstrumentContext): void {
  const frame = ctx.frame;
  if (loop.await && frame.instrumented) ctx.wrapInCall(loop.right, `${ctx.api('forAwait')}(${frame.frameVar},`);
}

/** `X` -> `R.t(probe, X)` where X may be a thenable that the promise being resolved adopts. */
function wrapThenable(arg: AnyNode | undefined, name: string, site: AnyNode, ctx: InstrumentContext): void {
  if (!arg || arg.type === 'SpreadElement') return;
  const pos = ctx.positions.at(site.start);
  if (!pos) return;
  const probe = ctx.probes.add('thenable', name, pos, ctx.snippetOf(arg));
  ctx.wrapInCall(arg, `${ctx.api('thenable')}(${probe},`);
}

function wrapAsyncReturn(node: ReturnStatement, ctx: InstrumentContext): void {
  const frame = ctx.frame;
  if (node.argument && frame.instrumented && frame.isAsync && !frame.isGenerator && ctx.frames.length > 1) {
    wrapThenable(node.argument, frame.name, node, ctx);
  }
}

// ---- schedule sites ---------------------------------------------------------------------------------------

/** Arguments that cannot be callbacks: `setTimeout("code", 10)`, a delay passed to timers/promises. */
const NEVER_CALLBACK = new Set(['Literal', 'TemplateLiteral', 'SpreadElement']);

function wrapCallbacks(node: CallExpression | NewExpression, site: ScheduleSite, ctx: InstrumentContext): void {
  const pos = ctx.positions.at(site.at);
  if (!pos) return;
  for (const index of site.callbackArgs) {
    const arg = node.arguments[index];
    if (!arg || NEVER_CALLBACK.has(arg.type)) continue;
    const probe = ctx.probes.add('schedule', site.api, pos, ctx.snippetOf(arg));
    ctx.wrapInCall(arg, `${ctx.api('callback')}(${probe},`);
  }
}

function visitCall(call: CallExpression, ctx: InstrumentContext): void {
  const site = scheduleSiteOfCall(call);
  if (site) {
    wrapCallbacks(call, site, ctx);
  } else if (isPromiseResolveCall(call)) {
    wrapThenable(call.arguments[0], 'Promise.resolve', call, ctx);
  } else if (call.callee.type === 'Identifier' && ctx.frame.resolvers.has(call.callee.name)) {
    wrapThenable(call.arguments[0], call.callee.name, call, ctx);
  }
}

function visitNew(node: NewExpression, ctx: InstrumentContext): void {
  const site = scheduleSiteOfNew(node);
  if (site) wrapCallbacks(node, site, ctx);
}

// ---- the table --------------------------------------------------------------------------------------------

const functionVisitor = {
  enter: enterFunction,
  leave: (_node: FunctionNode, ctx: InstrumentContext) => {
    ctx.frames.pop();
  },
};

export const VISITORS: VisitorTable = {
  Program: { enter: (node, ctx) => markStatements(node.body, ctx) },
  BlockStatement: { enter: (node, ctx) => markStatements(node.body, ctx) },
  StaticBlock: { enter: (node, ctx) => markStatements(node.body, ctx) },
  SwitchCase: { enter: (node, ctx) => markStatements(node.consequent, ctx) },
  IfStatement: {
    enter: (node: IfStatement, ctx) => {
      blockify(node.consequent, ctx, '');
      if (node.alternate) blockify(node.alternate, ctx, '');
    },
  },
  ForStatement: { enter: guardLoop },
  ForInStatement: { enter: guardLoop },
  ForOfStatement: {
    enter: (node, ctx) => {
      wrapForAwaitSource(node, ctx);
      guardLoop(node, ctx);
    },
  },
  WhileStatement: { enter: guardLoop },
  DoWhileStatement: { enter: guardLoop },
  FunctionDeclaration: functionVisitor,
  FunctionExpression: functionVisitor,
  ArrowFunctionExpression: functionVisitor,
  AwaitExpression: { enter: wrapAwait },
  YieldExpression: { enter: wrapYield },
  ReturnStatement: { enter: wrapAsyncReturn },
  CallExpression: { enter: visitCall },
  NewExpression: { enter: visitNew },
};
