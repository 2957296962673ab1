// Wrapping a function body in `try { ... }` moves its top-level function declarations into a block, where they
// are lexical: `var g; function g() {}` (legal at function level) becomes a SyntaxError, and so do duplicate
// function declarations in strict code. Such (rare) functions are left unwrapped so the program still runs.
import type { AnyNode, BlockStatement, Pattern } from 'acorn';

export function hasBlockScopingConflict(body: BlockStatement): boolean {
  const functionNames = new Set<string>();
  for (const stmt of body.body) {
    if (stmt.type !== 'FunctionDeclaration' || !stmt.id) continue;
    if (functionNames.has(stmt.id.name)) return true;
    functionNames.add(stmt.id.name);
  }
  if (functionNames.size === 0) return false;
  const varNames = new Set<string>();
  collectVarNames(body, varNames);
  for (const name of functionNames) if (varNames.has(name)) return true;
  return false;
}

/** Names declared with `var` in this function (not in nested functions). */
function collectVarNames(node: AnyNode, names: Set<string>): void {
  if (node.type === 'VariableDeclaration' && node.kind === 'var') {
    for (const declarator of node.declarations) collectPatternNames(declarator.id, names);
  }
  const fields = node as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (typeof value !== 'object' || value === null) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!child || typeof (child as { type?: unknown }).type !== 'string') continue;
      const type = (child as AnyNode).type;
      if (type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ArrowFunctionExpression') continue;
      if (type === 'ClassDeclaration' || type === 'ClassExpression') continue; // class bodies have no vars of ours
      collectVarNames(child as AnyNode, names);
    }
  }
}

function collectPatternNames(pattern: Pattern, names: Set<string>): void {
  switch (pattern.type) {
    case 'Identifier':
      names.add(pattern.name);
      break;
    case 'ObjectPattern':
      for (const prop of pattern.properties) collectPatternNames(prop.type === 'RestElement' ? prop : prop.value, names);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collectPatternNames(element, names);
      break;
    case 'RestElement':
      collectPatternNames(pattern.argument, names);
      break;
    case 'AssignmentPattern':
      collectPatternNames(pattern.left, names);
      break;
    default:
      break; // MemberExpression targets declare nothing
  }
}
