// Prints a program tree as JavaScript in one of "our own" styles: the layouts a human writes that the
// formatters never produce (an arrow's expression body on the next line, a comment between `=>` and its
// body, no semicolons with the ASI guards a human adds, `return"x"` as a minifier writes it).

import type { Block, Code, Program, Stmt } from './program';

export interface OwnStyle {
  semicolons: boolean;
  quote: '"' | "'";
  /** `v => …` instead of `(v) => …`. */
  bareArrowParam: boolean;
  /** `=>` then a newline, then the expression body. */
  arrowBodyOnNextLine: boolean;
  /** A comment between `=>` and an expression body. */
  arrowComment: 'none' | 'block' | 'line';
  /** `return"x"` with no space. */
  compactReturn: boolean;
  indent: string;
}

export const CANONICAL_STYLE: OwnStyle = {
  semicolons: true,
  quote: '"',
  bareArrowParam: false,
  arrowBodyOnNextLine: false,
  arrowComment: 'none',
  compactReturn: false,
  indent: '  ',
};

export function renderProgram(program: Program, style: OwnStyle): string {
  return new Renderer(style).statements(program.body.stmts, 0) + '\n';
}

class Renderer {
  constructor(private readonly style: OwnStyle) {}

  statements(stmts: Stmt[], depth: number): string {
    return stmts.map((s) => this.style.indent.repeat(depth) + this.statement(s, depth)).join('\n');
  }

  statement(s: Stmt, depth: number): string {
    const text = this.code(s.code, depth);
    if (s.kind === 'decl') return text;
    if (this.style.semicolons) return `${text};`;
    // Without semicolons a line starting with ( [ or ` would continue the previous one: guard it as people do.
    return /^[([`]/.test(text) ? `;${text}` : text;
  }

  code(c: Code, depth: number): string {
    if (typeof c === 'string') return c;
    if (Array.isArray(c)) return c.map((x) => this.code(x, depth)).join('');
    switch (c.kind) {
      case 'str':
        return this.quote(c.text);
      case 'print':
        return `console.log(${[this.quote(c.id), ...c.args.map((a) => this.code(a, depth))].join(', ')})`;
      case 'block':
        return this.block(c, depth);
      case 'return': {
        if (c.value === undefined) return 'return';
        const value = this.code(c.value, depth);
        return this.style.compactReturn && /^["'`([{]/.test(value) ? `return${value}` : `return ${value}`;
      }
      case 'arrow': {
        const params = c.params.length === 1 && this.style.bareArrowParam ? c.params[0] : `(${c.params.join(', ')})`;
        const head = `${c.async ? 'async ' : ''}${params} =>`;
        if (c.body !== null && typeof c.body === 'object' && !Array.isArray(c.body) && c.body.kind === 'block') {
          return `${head} ${this.block(c.body, depth)}`;
        }
        const body = this.code(c.body, depth + 1);
        const inner = this.style.indent.repeat(depth + 1);
        switch (this.style.arrowComment) {
          case 'block':
            return `${head} /* body */${this.style.arrowBodyOnNextLine ? `\n${inner}` : ' '}${body}`;
          case 'line':
            return `${head} // body\n${inner}${body}`;
          case 'none':
            return this.style.arrowBodyOnNextLine ? `${head}\n${inner}${body}` : `${head} ${body}`;
        }
      }
    }
  }

  block(b: Block, depth: number): string {
    if (b.stmts.length === 0) return '{}';
    return `{\n${this.statements(b.stmts, depth + 1)}\n${this.style.indent.repeat(depth)}}`;
  }

  quote(text: string): string {
    const q = this.style.quote;
    return q + text.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`) + q;
  }
}
