// State shared by the visitors during the single instrumenting walk: the edits (magic-string, at transpiled
// offsets), the probe table, the ancestors of the current node and the stack of enclosing function frames.
//
// Ordering of inserts: openings are inserted when a node is entered (outer before inner, source order), closings
// are queued and inserted when the node that queued them is left (inner before outer). With magic-string's
// appendLeft this nests correctly even when several edits land on the same offset.
import type { AnyNode } from 'acorn';
import type MagicString from 'magic-string';
import type { OriginalPositions } from './originalPositions';
import type { ProbeTable } from './probeTable';
import { snippetAt } from './snippet';
import { FRAME_SUFFIX, INJECTED_API, TOP_LEVEL_FRAME } from './injectedApi';
import { InsertionTable } from './insertionTable';
import { fastCopyOf, type FastCopy } from './fastCopy';
import type { FunctionNode } from './functionNames';

export interface FunctionFrame {
  /** How injected calls name this frame: the frame variable, or `null` outside any function. */
  frameVar: string;
  /** False for code esbuild generated (no original position): it is left untouched. */
  instrumented: boolean;
  isAsync: boolean;
  isGenerator: boolean;
  name: string;
  /** In-scope names that resolve a promise under construction (first parameters of `new Promise` executors). */
  resolvers: ReadonlySet<string>;
}

/** A fast copy as inserted: `marker` is a prefix of `copy.text` found nowhere else in the output. */
export interface PlacedFastCopy {
  marker: string;
  copy: FastCopy;
}

export class InstrumentContext {
  /** The injected global, `R` in docs/ARCHITECTURE.md. */
  readonly R: string;
  /** The per-function frame variable, `Rf`. */
  readonly Rf: string;
  readonly ancestors: AnyNode[] = [];
  readonly frames: FunctionFrame[];
  /** esbuild's names for TS namespace/enum objects inside their IIFE (`NS2`) -> the user's names (`NS`). */
  readonly aliases = new Map<string, string>();
  /** Closings queued by the nodes being walked (inserted text never contains a newline). */
  private readonly closings: Array<{ at: number; text: string }> = [];
  /** Where text was inserted, so the runtime can give a function's original source back (functionSource). */
  readonly insertions = new InsertionTable();
  /** The fast copies made (fastCopy.ts), each found in the output by its `marker`, for the source map. */
  readonly fastCopies: PlacedFastCopy[] = [];

  constructor(
    readonly code: string,
    readonly edits: MagicString,
    readonly positions: OriginalPositions,
    readonly probes: ProbeTable,
    runtimeName: string,
    /** Added to every line marker: the file's located-line base (src/shared/sourceFiles.ts), 0 for the entry. */
    private readonly lineBase = 0,
  ) {
    this.R = runtimeName;
    this.Rf = runtimeName + FRAME_SUFFIX;
    const topLevel: FunctionFrame = {
      frameVar: TOP_LEVEL_FRAME,
      instrumented: true,
      isAsync: false,
      isGenerator: false,
      name: '(top level)',
      resolvers: new Set(),
    };
    this.frames = [topLevel];
  }

  get frame(): FunctionFrame {
    return this.frames[this.frames.length - 1];
  }

  get parent(): AnyNode | undefined {
    return this.ancestors[this.ancestors.length - 1];
  }

  /** `R.name`, e.g. api('enter') -> `__ls_1.e` */
  api(member: keyof typeof INJECTED_API): string {
    return `${this.R}.${INJECTED_API[member]}`;
  }

  /**
   * Inserts `text` before the code at `at`. Inserted text never fuses with its neighbours: a space is added
   * where a word would otherwise join a word of the user's code (`return"c"` -> `return R.t(0,"c")`, not
   * `returnR.t`). Every insertion lands at an AST node's boundary, so separation is all the layout can demand.
   */
  insert(at: number, text: string): void {
    let separated = text;
    if (at > 0 && isWordChar(text.charCodeAt(0)) && isWordChar(this.code.charCodeAt(at - 1))) separated = ' ' + separated;
    if (at < this.code.length && isWordChar(text.charCodeAt(text.length - 1)) && isWordChar(this.code.charCodeAt(at))) separated += ' ';
    this.edits.appendLeft(at, separated);
    this.insertions.add(at, separated.length);
  }

  insertClosing(at: number, text: string): void {
    this.closings.push({ at, text });
  }

  closingMark(): number {
    return this.closings.length;
  }

  /** Inserts the closings queued since `mark`, last queued first (they belong to the innermost wrappers). */
  flushClosings(mark: number): void {
    for (let i = this.closings.length - 1; i >= mark; i--) this.insert(this.closings[i].at, this.closings[i].text);
    this.closings.length = mark;
  }

  /** Wraps an expression as the last argument of a call: `prefix` is e.g. `R.s(Rf,`. */
  wrapInCall(expr: AnyNode, prefix: string): void {
    // A parenthesised sequence `(a, b)` starts inside its parentheses: keep it one argument.
    const sequence = expr.type === 'SequenceExpression';
    this.insert(expr.start, sequence ? `${prefix}(` : prefix);
    this.insertClosing(expr.end, sequence ? '))' : ')');
  }

  /**
   * The text putting function `probe`'s fast copy (fastCopy.ts) of code[from, to) in front of its instrumented
   * body, or '' when it gets none.
   */
  fastCopy(fn: FunctionNode, probe: number, from: number, to: number): string {
    const copy = fastCopyOf(fn, this, probe, from, to);
    if (copy === null) return '';
    this.fastCopies.push({ marker: `${this.api('fastCounts')}[${probe + 1}]++;`, copy });
    return copy.text;
  }

  /** `R.l=LINE;` for a statement, or '' for code esbuild generated. */
  lineMarker(stmt: AnyNode): string {
    const pos = this.positions.at(stmt.start);
    return pos ? `${this.api('line')}=${pos.line + this.lineBase};` : '';
  }

  /** A short one-line text of a node's ORIGINAL source (the transpiled text when it has no original). */
  snippetOf(node: AnyNode): string {
    const pos = this.positions.at(node.start);
    if (!pos) return snippetAt(this.code, node.start);
    return snippetAt(this.positions.originalSource, this.positions.originalOffset(pos));
  }
}

/**
 * Characters that can continue an identifier or a number (`\\` starts a unicode escape). Any non-ASCII
 * character counts: a space at a node boundary is always harmless, so erring on that side costs nothing.
 */
function isWordChar(code: number): boolean {
  if (code >= 128) return true;
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code === 92;
}
