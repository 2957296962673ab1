// Is the instrumented program the user's program plus injected calls, and nothing else? Both acorn trees are
// compared node by node after looking through what the instrumenter may add (docs/ARCHITECTURE.md, "The
// injected runtime API"; R = the runtime name, Rf = its frame variable):
//   statements `R.l = N;`, `R.g();`, `const Rf = R.e(N);`      dropped
//   the loop guard `if (--R.n < 0) R.g();`                         dropped
//   `try { BODY } finally { R.x(Rf); }`                           BODY
//   `R.c(p, X)`, `R.t(p, X)`, `R.s(Rf, X)`, `R.fa(Rf, X)`, `R.r(Rf, X)`   X
//   `=> EXPR` (user) and `=> { return EXPR }` (instrumented)      the same
//   a body `{ S }` of if/else/loops with one statement left        S   (blockify gives bodies a block)
//   `yield void 0` (instrumented bare yield)                      `yield`
//   a fast copy `if (R.h) { R.k[i]++; ... { BODY } return; }` (or `return EXPR;` for an arrow) opening a
//   function body (src/core/instrument/fastCopy.ts)                dropped, once BODY is checked to be the
//                                                                  body as written (loop guards looked through)
// Anything else that differs is a change of the user's program: a `return` cut from its value by ASI, an
// argument wrapped at the wrong place, a directive turned into a plain string, lost or doubled code.

import type { AnyNode, Program, Statement, ModuleDeclaration } from 'acorn';

export interface ProgramDifference {
  /** Property path from the program to the first differing place, e.g. `body[3].declarations[0].init`. */
  path: string;
  what: string;
  /** Offsets of the nearest nodes on each side. */
  originalStart: number;
  instrumentedStart: number;
}

type Listed = Statement | ModuleDeclaration;
/** A statement list after dropping injected statements and unwrapping injected try/finally. */
type StatementView = { list: Listed[] };
type Fields = Record<string, unknown>;

const POSITION_KEYS = new Set(['start', 'end', 'loc', 'range', 'sourceFile']);
const UNWRAPPED_CALLS = new Set(['c', 't', 's', 'fa', 'r']);
/** `R.l = N;` */
const INJECTED_ASSIGNMENTS = new Set(['l']);
/** `R.g();` and the `R.x(Rf);` of an injected finally. */
const INJECTED_CALL_STATEMENTS = new Set(['g', 'x']);
/** `R.n`, the loop guard's countdown. */
const LOOP_COUNTDOWN = new Set(['n']);
/** `if (R.h)`: a fast copy's check; `R.k[i]++`: its counters. */
const FAST_FLAG = new Set(['h']);
const FAST_COUNTS = new Set(['k']);
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export function firstProgramDifference(original: Program, instrumented: Program, runtimeName: string): ProgramDifference | null {
  return new Comparison(runtimeName).nodes(original, instrumented, 'program');
}

class Comparison {
  private readonly frameVar: string;

  constructor(private readonly runtime: string) {
    this.frameVar = runtime + 'f';
  }

  nodes(a: AnyNode, b: AnyNode, path: string): ProgramDifference | null {
    a = this.throughCalls(a);
    b = this.throughCalls(b);
    if (a.type !== b.type) return diff(path, `${a.type} became ${b.type}`, a, b);
    // a literal is its text: `value` may be a RegExp or a bigint, which do not compare
    if (a.type === 'Literal' && b.type === 'Literal') return a.raw === b.raw ? null : diff(path, `literal ${a.raw} became ${b.raw}`, a, b);
    const fa = a as unknown as Fields;
    const fb = b as unknown as Fields;
    for (const key in fa) {
      if (POSITION_KEYS.has(key)) continue;
      const at = `${path}.${key}`;
      const found = this.field(a, b, key, fa[key], fb[key], at);
      if (found) return found;
    }
    return null;
  }

  private field(a: AnyNode, b: AnyNode, key: string, va: unknown, vb: unknown, path: string): ProgramDifference | null {
    const type = a.type;
    if (FUNCTIONS.has(type) && key === 'body') return this.functionBodies(a, b, path);
    if (FUNCTIONS.has(type) && key === 'expression') return null; // `=> X` vs `=> { return X }`: compared as bodies
    if (key === 'body' && (type === 'Program' || type === 'BlockStatement' || type === 'StaticBlock')) {
      return this.views(this.statements(va as Listed[]), this.statements(vb as Listed[]), path, a, b);
    }
    if (key === 'consequent' && type === 'SwitchCase') return this.views(this.statements(va as Listed[]), this.statements(vb as Listed[]), path, a, b);
    if ((type === 'IfStatement' && (key === 'consequent' || key === 'alternate')) || (LOOPS.has(type) && key === 'body')) {
      if (va === null || vb === null) return va === vb ? null : diff(path, 'an else branch appeared or vanished', a, b);
      return this.views(this.bodyView(va as Listed), this.bodyView(vb as Listed), path, a, b);
    }
    if (type === 'YieldExpression' && key === 'argument') return this.values(this.yielded(va), this.yielded(vb), path, a, b);
    return this.values(va, vb, path, a, b);
  }

  private values(va: unknown, vb: unknown, path: string, a: AnyNode, b: AnyNode): ProgramDifference | null {
    if (isNode(va) && isNode(vb)) return this.nodes(va, vb, path);
    if (Array.isArray(va) && Array.isArray(vb)) {
      if (va.length !== vb.length) return diff(path, `${va.length} items became ${vb.length}`, a, b);
      for (let i = 0; i < va.length; i++) {
        const found = this.values(va[i], vb[i], `${path}[${i}]`, a, b);
        if (found) return found;
      }
      return null;
    }
    if (typeof va === 'object' && va !== null && typeof vb === 'object' && vb !== null) {
      return JSON.stringify(va) === JSON.stringify(vb) ? null : diff(path, `${JSON.stringify(va)} became ${JSON.stringify(vb)}`, a, b);
    }
    return va === vb ? null : diff(path, `${JSON.stringify(va) ?? String(va)} became ${JSON.stringify(vb) ?? String(vb)}`, a, b);
  }

  private views(va: StatementView | AnyNode, vb: StatementView | AnyNode, path: string, a: AnyNode, b: AnyNode): ProgramDifference | null {
    const la = 'list' in va ? va.list : [va];
    const lb = 'list' in vb ? vb.list : [vb];
    if (la.length !== lb.length) return diff(path, `${la.length} statements became ${lb.length}`, a, b);
    for (let i = 0; i < la.length; i++) {
      const found = this.nodes(la[i], lb[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }

  /** The original function's body and the instrumented one's, whose fast copy (if any) must be the body too. */
  private functionBodies(a: AnyNode, b: AnyNode, path: string): ProgramDifference | null {
    const original = this.functionBody(a);
    const instrumented = this.functionBody(b);
    const at = instrumented.list.findIndex((s) => !isDirective(s));
    const copy = at >= 0 ? this.fastCopy(instrumented.list[at]) : null;
    if (copy === null) return this.views(original, instrumented, path, a, b);
    const rest = { list: [...instrumented.list.slice(0, at), ...instrumented.list.slice(at + 1)] };
    return this.views(original, rest, path, a, b) ?? this.views({ list: original.list.filter((s) => !isDirective(s)) }, copy, `${path}(fast copy)`, a, b);
  }

  /** The statements of a fast copy, or null when `stmt` is not one. */
  private fastCopy(stmt: Listed): StatementView | null {
    if (stmt.type !== 'IfStatement' || stmt.alternate || !this.isRuntimeMember(stmt.test, FAST_FLAG)) return null;
    if (stmt.consequent.type !== 'BlockStatement') return null;
    const inside = stmt.consequent.body.filter((s) => !this.isFastCounter(s));
    const [first, second] = inside;
    if (inside.length === 2 && first.type === 'BlockStatement' && second.type === 'ReturnStatement' && !second.argument) return this.statements(first.body);
    if (inside.length === 1 && first.type === 'ReturnStatement') return { list: inside };
    return null;
  }

  /** `R.k[i]++;` */
  private isFastCounter(stmt: Listed): boolean {
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'UpdateExpression') return false;
    const target = stmt.expression.argument;
    return target.type === 'MemberExpression' && target.computed && this.isRuntimeMember(target.object, FAST_COUNTS);
  }

  /** A function's statements; an expression body is the statement `return EXPR`. */
  private functionBody(fn: AnyNode): StatementView {
    const body = (fn as unknown as { body: AnyNode }).body;
    if (body.type !== 'BlockStatement') {
      const synthetic = { type: 'ReturnStatement', argument: body, start: body.start, end: body.end } as unknown as Listed;
      return { list: [synthetic] };
    }
    return this.statements(body.body);
  }

  /** An if/loop body: a block left with one statement is that statement (blockify adds blocks). */
  private bodyView(stmt: Listed): StatementView | AnyNode {
    if (stmt.type !== 'BlockStatement') return stmt;
    const view = this.statements(stmt.body);
    return view.list.length === 1 ? view.list[0] : view;
  }

  private statements(list: Listed[]): StatementView {
    const out: Listed[] = [];
    for (const stmt of list) {
      if (this.isInjectedStatement(stmt)) continue;
      const body = this.injectedTryBody(stmt);
      if (body) out.push(...this.statements(body).list);
      else out.push(stmt);
    }
    return { list: out };
  }

  private isInjectedStatement(stmt: Listed): boolean {
    if (stmt.type === 'ExpressionStatement') {
      const e = stmt.expression;
      if (e.type === 'AssignmentExpression') return this.isRuntimeMember(e.left, INJECTED_ASSIGNMENTS);
      if (e.type === 'CallExpression') return this.isRuntimeMember(e.callee, INJECTED_CALL_STATEMENTS);
      return false;
    }
    if (stmt.type === 'VariableDeclaration' && stmt.declarations.length === 1) {
      const id = stmt.declarations[0].id;
      return id.type === 'Identifier' && id.name === this.frameVar;
    }
    return this.isLoopGuard(stmt);
  }

  /** `if (--R.n < 0) R.g();`: the loop guard's inline countdown (it calls the clock only now and then). */
  private isLoopGuard(stmt: Listed): boolean {
    if (stmt.type !== 'IfStatement' || stmt.alternate) return false;
    const test = stmt.test;
    const counted =
      test.type === 'BinaryExpression' &&
      test.operator === '<' &&
      test.left.type === 'UpdateExpression' &&
      test.left.operator === '--' &&
      test.left.prefix &&
      this.isRuntimeMember(test.left.argument, LOOP_COUNTDOWN);
    return counted && stmt.consequent.type === 'ExpressionStatement' && this.isInjectedStatement(stmt.consequent);
  }

  /** `try { BODY } finally { R.x(Rf); }` -> BODY. */
  private injectedTryBody(stmt: Listed): Listed[] | null {
    if (stmt.type !== 'TryStatement' || stmt.handler || !stmt.finalizer) return null;
    const fin = stmt.finalizer.body;
    return fin.length === 1 && this.isInjectedStatement(fin[0]) ? stmt.block.body : null;
  }

  /** `R.name` for one of `names`. */
  private isRuntimeMember(node: AnyNode, names: ReadonlySet<string>): boolean {
    return (
      node.type === 'MemberExpression' &&
      !node.computed &&
      node.object.type === 'Identifier' &&
      node.object.name === this.runtime &&
      node.property.type === 'Identifier' &&
      names.has(node.property.name)
    );
  }

  /** `R.c(p, X)` and the other identity calls -> X. */
  private throughCalls(node: AnyNode): AnyNode {
    while (node.type === 'CallExpression' && node.arguments.length === 2 && this.isRuntimeMember(node.callee, UNWRAPPED_CALLS)) {
      node = node.arguments[1];
    }
    return node;
  }

  /** `yield` and the instrumented `yield R.s(Rf, void 0)`: no argument. */
  private yielded(arg: unknown): unknown {
    if (!isNode(arg)) return arg;
    const inner = this.throughCalls(arg);
    const isVoid0 = inner.type === 'UnaryExpression' && inner.operator === 'void' && inner.argument.type === 'Literal' && inner.argument.raw === '0';
    return isVoid0 ? null : arg;
  }
}

function isDirective(stmt: Listed): boolean {
  return stmt.type === 'ExpressionStatement' && typeof (stmt as { directive?: unknown }).directive === 'string';
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function diff(path: string, what: string, a: AnyNode, b: AnyNode): ProgramDifference {
  return { path, what, originalStart: a.start, instrumentedStart: b.start };
}
