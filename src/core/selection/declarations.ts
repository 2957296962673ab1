// What a top-level statement declares, for a selection that brings in the declarations it uses: the names a
// statement binds (functions, classes, variables, imports, `require`s, enums and namespaces as esbuild
// compiles them) and whether it is an import.
import type { AnyNode, Pattern, Statement, ModuleDeclaration } from 'acorn';

export type TopLevel = Statement | ModuleDeclaration;

/** The names a top-level statement binds; empty for statements that only do something. */
export function declaredNames(stmt: TopLevel): string[] {
  switch (stmt.type) {
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return stmt.id ? [stmt.id.name] : [];
    case 'VariableDeclaration':
      return stmt.declarations.flatMap((d) => patternNames(d.id));
    case 'ImportDeclaration':
      return stmt.specifiers.map((s) => s.local.name);
    case 'ExportNamedDeclaration':
      return stmt.declaration ? declaredNames(stmt.declaration) : [];
    case 'ExportDefaultDeclaration': {
      const d = stmt.declaration;
      return (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id ? [d.id.name] : [];
    }
    case 'ExpressionStatement': {
      const filled = namespaceFilled(stmt.expression);
      return filled ? [filled] : [];
    }
    default:
      return [];
  }
}

/**
 * esbuild compiles a TypeScript namespace (and an enum merged with an earlier one) to `var N;` followed by
 * `((N) => { ... })(N || (N = {}))`: the second statement is part of N's declaration, not a use of N.
 */
function namespaceFilled(expr: AnyNode): string | null {
  if (expr.type !== 'CallExpression' || expr.arguments.length !== 1) return null;
  const callee = expr.callee.type === 'ParenthesizedExpression' ? expr.callee.expression : expr.callee;
  if (callee.type !== 'ArrowFunctionExpression' && callee.type !== 'FunctionExpression') return null;
  const arg = expr.arguments[0];
  if (arg.type !== 'LogicalExpression' || arg.operator !== '||' || arg.left.type !== 'Identifier') return null;
  const right = arg.right.type === 'ParenthesizedExpression' ? arg.right.expression : arg.right;
  if (right.type !== 'AssignmentExpression' || right.left.type !== 'Identifier' || right.left.name !== arg.left.name) return null;
  return arg.left.name;
}

function patternNames(p: Pattern): string[] {
  switch (p.type) {
    case 'Identifier':
      return [p.name];
    case 'ObjectPattern':
      return p.properties.flatMap((prop) => (prop.type === 'RestElement' ? patternNames(prop.argument) : patternNames(prop.value)));
    case 'ArrayPattern':
      return p.elements.flatMap((e) => (e ? patternNames(e) : []));
    case 'RestElement':
      return patternNames(p.argument);
    case 'AssignmentPattern':
      return patternNames(p.left);
    default:
      return [];
  }
}

/** An ES import, or a declaration whose every initializer is a `require(...)` (also `require(...).x`). */
export function isImport(stmt: TopLevel): boolean {
  if (stmt.type === 'ImportDeclaration') return true;
  if (stmt.type !== 'VariableDeclaration') return false;
  return stmt.declarations.every((d) => d.init != null && isRequire(d.init));
}

function isRequire(node: AnyNode): boolean {
  if (node.type === 'MemberExpression') return isRequire(node.object);
  if (node.type === 'AwaitExpression') return isRequire(node.argument);
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require'
    || (node.type === 'ImportExpression');
}

/** A directive prologue entry ('use strict'): always kept, it changes how the rest runs. */
export function isDirective(stmt: TopLevel): boolean {
  return stmt.type === 'ExpressionStatement' && typeof (stmt as { directive?: unknown }).directive === 'string';
}
