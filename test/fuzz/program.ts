// The generated program as a small tree: statements made of code pieces. The generator builds it, the
// renderer prints it in a chosen style, the minimizer removes statements from its blocks. Print pieces carry
// the queue(s) their line must run in, so the expectation survives any layout (it is keyed by the printed
// text's first word, which every layout keeps).

import type { TaskSource } from '../../src/shared/rawTrace';

export type Code = string | Code[] | StringLiteral | Print | Arrow | Block | Return;

export interface StringLiteral {
  kind: 'str';
  text: string;
}

/** `console.log("<id>", ...args)`: the printed line starts with `id`. */
export interface Print {
  kind: 'print';
  id: string;
  /** The task source(s) Node runs this line in (several for loop bodies whose first turn runs before an await). */
  queues: TaskSource[];
  args: Code[];
}

export interface Arrow {
  kind: 'arrow';
  async: boolean;
  params: string[];
  /** A block body, or an expression body (the layout-sensitive form). */
  body: Block | Code;
}

export interface Block {
  kind: 'block';
  stmts: Stmt[];
}

export interface Return {
  kind: 'return';
  value?: Code;
}

/**
 * `expr` statements end with a semicolon (or rely on ASI); `decl` statements (function, class, if, for, try,
 * blocks, methods) never do. `pinned` statements are kept by the minimizer: removing them would change which
 * queue later lines run in (an await), or would never end (an interval's clear).
 */
export interface Stmt {
  kind: 'expr' | 'decl';
  code: Code;
  pinned?: boolean;
}

export interface Program {
  body: Block;
}

export const str = (text: string): StringLiteral => ({ kind: 'str', text });
export const block = (stmts: Stmt[]): Block => ({ kind: 'block', stmts });
export const expr = (code: Code, pinned = false): Stmt => ({ kind: 'expr', code, pinned });
export const decl = (code: Code, pinned = false): Stmt => ({ kind: 'decl', code, pinned });
export const arrow = (params: string[], body: Block | Code, isAsync = false): Arrow => ({ kind: 'arrow', async: isAsync, params, body });
export const ret = (value?: Code): Return => ({ kind: 'return', value });

type Piece = Print | Arrow | Block | Return | StringLiteral;

/** Visits every structured piece of a tree (prints, arrows, blocks, returns, strings), outermost first, in source order. */
export function eachPiece(code: Code | Stmt, visit: (piece: Piece) => void): void {
  if (typeof code === 'string') return;
  if (Array.isArray(code)) {
    for (const c of code) eachPiece(c, visit);
    return;
  }
  if ('code' in code) return eachPiece(code.code, visit);
  visit(code);
  switch (code.kind) {
    case 'print':
      for (const a of code.args) eachPiece(a, visit);
      break;
    case 'arrow':
      eachPiece(code.body, visit);
      break;
    case 'block':
      for (const s of code.stmts) eachPiece(s, visit);
      break;
    case 'return':
      if (code.value !== undefined) eachPiece(code.value, visit);
      break;
    case 'str':
      break;
  }
}

/** Every print piece of a tree, in source order. */
export function printsOf(code: Code | Stmt): Print[] {
  const found: Print[] = [];
  eachPiece(code, (piece) => {
    if (piece.kind === 'print') found.push(piece);
  });
  return found;
}

/** Expected task source(s) per print id. */
export function expectationsOf(program: Program): Map<string, TaskSource[]> {
  return new Map(printsOf(program.body).map((p) => [p.id, p.queues]));
}
