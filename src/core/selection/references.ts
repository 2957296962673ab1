// The names a piece of code may read: every identifier in a reading position. Deliberately generous: a local
// variable that shadows a top-level name still counts, so a selection may bring in a declaration it did
// not strictly need, but never misses one it does need (a missing one would be a ReferenceError of our
// making; an extra declaration only runs its initializer).
import type { AnyNode } from 'acorn';

export function referencedNames(root: AnyNode): Set<string> {
  const names = new Set<string>();
  const visit = (node: AnyNode, parent: AnyNode | null, key: string): void => {
    if (node.type === 'Identifier') {
      if (!isNameOnly(parent, key)) names.add(node.name);
      return;
    }
    const fields = node as unknown as Record<string, unknown>;
    for (const k in fields) {
      if (k === 'loc') continue;
      const value = fields[k];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) visit(item, node, k);
      } else if (isNode(value)) {
        visit(value, node, k);
      }
    }
  };
  visit(root, null, '');
  return names;
}

/** Identifiers that name something without reading a variable: `o.name`, `{ name: v }`, labels, `import.meta`. */
function isNameOnly(parent: AnyNode | null, key: string): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'MemberExpression':
      return key === 'property' && !parent.computed;
    case 'Property':
      return key === 'key' && !parent.computed && !parent.shorthand;
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key === 'key' && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return key === 'label';
    case 'MetaProperty':
      return true;
    case 'ExportSpecifier':
      return key === 'exported';
    case 'ImportSpecifier':
      return key === 'imported';
    default:
      return false;
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
