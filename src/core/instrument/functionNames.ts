// Readable names for function probes, in the spirit of V8's stack traces: `f`, `Class.method`,
// `Class.get x`, `obj.method`, the class name for constructors, the binding an arrow is assigned to,
// else `(anonymous)`.
import type {
  AnonymousFunctionDeclaration,
  AnyNode,
  ArrowFunctionExpression,
  Class,
  Expression,
  FunctionDeclaration,
  FunctionExpression,
  PrivateIdentifier,
  Pattern,
} from 'acorn';

export type FunctionNode = FunctionDeclaration | AnonymousFunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

export const ANONYMOUS = '(anonymous)';
const MAX_TEXT = 40;

/**
 * `ancestors` runs from the Program down to the function's parent. `aliases` maps names esbuild gave to TS
 * namespace objects (`NS2`) back to the user's names (`NS`).
 */
export function functionName(
  fn: FunctionNode,
  ancestors: readonly AnyNode[],
  code: string,
  aliases: ReadonlyMap<string, string> = NO_ALIASES,
): string {
  const name = rawFunctionName(fn, ancestors, code);
  if (aliases.size === 0) return name;
  const dot = name.indexOf('.');
  const owner = dot > 0 ? aliases.get(name.slice(0, dot)) : undefined;
  return owner ? owner + name.slice(dot) : name;
}

const NO_ALIASES: ReadonlyMap<string, string> = new Map();

function rawFunctionName(fn: FunctionNode, ancestors: readonly AnyNode[], code: string): string {
  const parent = ancestors[ancestors.length - 1];
  if (parent?.type === 'MethodDefinition' && parent.value === fn) {
    const className = classNameAt(ancestors, ancestors.length - 3, code);
    if (parent.kind === 'constructor') return className ?? ANONYMOUS;
    return qualify(className, accessorPrefix(parent.kind) + keyName(parent.key, parent.computed, code));
  }
  if (fn.id) return fn.id.name;
  if (!parent) return ANONYMOUS;
  switch (parent.type) {
    case 'Property': {
      if (parent.value !== fn) break;
      const owner = ancestors[ancestors.length - 2];
      const ownerName = owner ? bindingName(owner, ancestors[ancestors.length - 3], code) : undefined;
      return qualify(ownerName, accessorPrefix(parent.kind) + keyName(parent.key, parent.computed, code));
    }
    case 'PropertyDefinition': {
      if (parent.value !== fn) break;
      const className = classNameAt(ancestors, ancestors.length - 3, code);
      return qualify(className, keyName(parent.key, parent.computed, code));
    }
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return bindingName(fn, parent, code) ?? ANONYMOUS;
  }
  return ANONYMOUS;
}

/** The name a value gets from where it is stored: `const x = v`, `x = v`, `a.b = v`, `(x = v) =>`. */
export function bindingName(node: AnyNode, parent: AnyNode | undefined, code: string): string | undefined {
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'AssignmentExpression':
      return parent.right === node ? targetName(parent.left, code) : undefined;
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    case 'PropertyDefinition':
    case 'Property':
      return parent.value === node ? keyName(parent.key, parent.computed, code) : undefined;
    default:
      return undefined;
  }
}

function classNameAt(ancestors: readonly AnyNode[], index: number, code: string): string | undefined {
  const cls = ancestors[index];
  if (!cls || (cls.type !== 'ClassDeclaration' && cls.type !== 'ClassExpression')) return undefined;
  return className(cls, ancestors[index - 1], code);
}

function className(cls: Class, parent: AnyNode | undefined, code: string): string | undefined {
  return cls.id?.name ?? bindingName(cls as AnyNode, parent, code);
}

function targetName(target: Pattern, code: string): string | undefined {
  if (target.type === 'Identifier') return target.name;
  if (target.type === 'MemberExpression') return sourceText(code, target.start, target.end);
  return undefined;
}

function keyName(key: Expression | PrivateIdentifier, computed: boolean, code: string): string {
  if (computed) return `[${sourceText(code, key.start, key.end)}]`;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (key.type === 'Literal') return String(key.value);
  return sourceText(code, key.start, key.end);
}

function accessorPrefix(kind: string): string {
  return kind === 'get' || kind === 'set' ? `${kind} ` : '';
}

function qualify(owner: string | undefined, member: string): string {
  return owner ? `${owner}.${member}` : member;
}

function sourceText(code: string, start: number, end: number): string {
  const text = code.slice(start, Math.min(end, start + MAX_TEXT * 2)).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT || end - start > MAX_TEXT * 2 ? text.slice(0, MAX_TEXT - 1) + '…' : text;
}
