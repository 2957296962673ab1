// Which top-level statements run when only some lines are traced (Visualize Selection, `--lines A-B`):
// the statements the lines touch, widened to whole statements, plus the top-level declarations they use,
// directly or through each other, wherever those sit in the file (imports, requires, functions, classes,
// variables, enums). Every other statement is left out: a `main()`, a `console.log`, a `bus.on(...)` outside
// the selection does not run. A selection wholly inside a declared function's body cannot run on its own:
// it is refused with the function's name.
import type { AnyNode, Program } from 'acorn';
import type { SelectionMeta } from '../../shared/rawTrace';
import { LoopscopeInputError } from '../errors';
import { declaredNames, isDirective, isImport, type TopLevel } from './declarations';
import { referencedNames } from './references';

export interface LineRange {
  from: number;
  to: number;
}

/** The original lines a piece of the transpiled code comes from; null for code the transpiler generated. */
export type OriginalLines = (start: number, end: number) => LineRange | null;

export interface SelectionPlan {
  /** The top-level statements that run, in source order. */
  keep: Set<TopLevel>;
  meta: SelectionMeta;
}

/** The selection lies inside a function body: nothing there runs unless the function is called. */
export class SelectionInsideFunctionError extends LoopscopeInputError {
  constructor(
    readonly functionName: string,
    readonly functionLines: LineRange,
    file: string,
    lines: LineRange,
  ) {
    super(
      `${describeLines(lines)} ${lines.from === lines.to ? 'is' : 'are'} inside the body of \`${functionName}\` (lines ${functionLines.from}-${functionLines.to}), ` +
        'which cannot run on its own: select the function together with a call to it, or visualize the whole file',
      file,
      lines.from,
      1,
    );
  }
}

export function planSelection(program: Program, lines: LineRange, originalLines: OriginalLines, file: string): SelectionPlan {
  const tops = program.body as TopLevel[];
  const rangeOf = new Map<TopLevel, LineRange | null>(tops.map((s) => [s, originalLines(s.start, s.end)]));
  const touches = (r: LineRange | null): r is LineRange => r !== null && r.from <= lines.to && r.to >= lines.from;
  const selected = tops.filter((s) => touches(rangeOf.get(s)!));
  if (selected.length === 0) {
    throw new LoopscopeInputError(`${describeLines(lines)} hold${lines.from === lines.to ? 's' : ''} no statement that runs (only comments, types or blank lines)`, file, lines.from, 1);
  }
  if (selected.length === 1) refuseInsideFunctionBody(selected[0], rangeOf.get(selected[0])!, lines, originalLines, file);

  const declaredBy = new Map<string, TopLevel[]>();
  for (const s of tops) {
    for (const name of declaredNames(s)) declaredBy.set(name, [...(declaredBy.get(name) ?? []), s]);
  }
  const keep = new Set<TopLevel>([...selected, ...tops.filter(isDirective)]);
  const pending = [...selected];
  while (pending.length > 0) {
    for (const name of referencedNames(pending.pop()!)) {
      for (const decl of declaredBy.get(name) ?? []) {
        if (keep.has(decl)) continue;
        keep.add(decl);
        pending.push(decl);
      }
    }
  }

  const selectedRanges = selected.map((s) => rangeOf.get(s)!);
  const ran = { from: Math.min(...selectedRanges.map((r) => r.from)), to: Math.max(...selectedRanges.map((r) => r.to)) };
  return { keep, meta: { ran, alsoRan: alsoRan(tops.filter((s) => keep.has(s) && !selected.includes(s) && !isDirective(s)), rangeOf) } };
}

/** The brought-in declarations in source order: all imports as one entry, then each declaration. */
function alsoRan(brought: TopLevel[], rangeOf: Map<TopLevel, LineRange | null>): SelectionMeta['alsoRan'] {
  const out: SelectionMeta['alsoRan'] = [];
  const imports = brought.filter(isImport).filter((s) => rangeOf.get(s));
  if (imports.length > 0) {
    const ranges = imports.map((s) => rangeOf.get(s)!);
    out.push({
      kind: 'imports',
      names: imports.flatMap(declaredNames),
      from: Math.min(...ranges.map((r) => r.from)),
      to: Math.max(...ranges.map((r) => r.to)),
    });
  }
  for (const s of brought) {
    const r = rangeOf.get(s);
    if (!r || isImport(s)) continue; // no lines: code the transpiler generated (a helper), not the user's
    const prev = out[out.length - 1];
    const names = declaredNames(s);
    // `var N;` + `((N) => {...})(N || (N = {}))`: one namespace, one entry
    if (prev && prev.kind === 'declaration' && names.length === 1 && prev.names.includes(names[0])) {
      prev.from = Math.min(prev.from, r.from);
      prev.to = Math.max(prev.to, r.to);
      continue;
    }
    out.push({ kind: 'declaration', names, from: r.from, to: r.to });
  }
  return out;
}

function refuseInsideFunctionBody(stmt: TopLevel, range: LineRange, lines: LineRange, originalLines: OriginalLines, file: string): void {
  if (lines.from <= range.from) return; // the selection starts at or before the statement: run it whole
  const fn = declaredFunction(stmt);
  if (!fn) return; // a top-level call, loop, IIFE or callback: it runs when the statement runs
  let inner = fn;
  // name the innermost function (or method) whose body holds the whole selection
  const visit = (node: AnyNode, name: string): void => {
    const fields = node as unknown as Record<string, unknown>;
    for (const k in fields) {
      const v = fields[k];
      for (const child of Array.isArray(v) ? v : [v]) {
        if (typeof child !== 'object' || child === null || typeof (child as AnyNode).type !== 'string') continue;
        const c = child as AnyNode;
        const childName = functionNameOf(c, node) ?? name;
        const r = originalLines(c.start, c.end);
        if (r && r.from < lines.from && r.to >= lines.to) {
          if (isFunction(c)) inner = { node: c, name: childName };
          visit(c, childName);
        }
      }
    }
  };
  visit(fn.node, fn.name);
  const fnLines = originalLines(inner.node.start, inner.node.end) ?? range;
  throw new SelectionInsideFunctionError(inner.name, fnLines, file, lines);
}

interface NamedFunction {
  node: AnyNode;
  name: string;
}

/** A function or class the statement declares (function f, class C, const f = () => ..., export of those). */
function declaredFunction(stmt: TopLevel): NamedFunction | null {
  const s: AnyNode = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration ?? stmt : stmt;
  if ((s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') && s.id) return { node: s, name: s.id.name };
  if (s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration') return { node: s, name: 'default' };
  if (s.type === 'VariableDeclaration' && s.declarations.length === 1) {
    const d = s.declarations[0];
    if (d.id.type === 'Identifier' && d.init && (isFunction(d.init) || d.init.type === 'ClassExpression')) return { node: d.init, name: d.id.name };
  }
  return null;
}

function isFunction(node: AnyNode): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The readable name of a function node from its own id or where it sits (method key, variable). */
function functionNameOf(node: AnyNode, parent: AnyNode): string | null {
  if (!isFunction(node)) return null;
  if ((node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') && node.id) return node.id.name;
  if ((parent.type === 'MethodDefinition' || parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.key.type === 'Identifier') return parent.key.name;
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  return null;
}

function describeLines(lines: LineRange): string {
  return lines.from === lines.to ? `line ${lines.from}` : `lines ${lines.from}-${lines.to}`;
}
