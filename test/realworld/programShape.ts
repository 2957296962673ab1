// What instrumentation must never change in a program, cheap enough to count on thousands of files: the
// instrumenter only inserts calls and wraps bodies in try/finally, so the number of functions and of bare
// `return;` statements stays the same, and no `return X` is lost. A `return` cut from its value (ASI after an
// inserted newline, or an edit between `return` and `"c"` in minified code) shows up here although the output
// still parses.

import type { Program } from 'acorn';
import { full } from 'acorn-walk';

export interface ProgramShape {
  functions: number;
  bareReturns: number;
  valueReturns: number;
}

export function programShape(program: Program): ProgramShape {
  const shape: ProgramShape = { functions: 0, bareReturns: 0, valueReturns: 0 };
  full(program, (node) => {
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') shape.functions++;
    else if (node.type === 'ReturnStatement') shape[node.argument ? 'valueReturns' : 'bareReturns']++;
  });
  return shape;
}

/** Why `after` (the instrumented program) is not the shape of `before`, empty when it is. */
export function shapeChanges(before: ProgramShape, after: ProgramShape): string[] {
  const changes: string[] = [];
  if (after.functions !== before.functions) changes.push(`${before.functions} functions became ${after.functions}`);
  if (after.bareReturns !== before.bareReturns) changes.push(`${before.bareReturns} bare returns became ${after.bareReturns}`);
  if (after.valueReturns < before.valueReturns) changes.push(`${before.valueReturns} returns with a value became ${after.valueReturns}`);
  return changes;
}
