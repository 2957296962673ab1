// Stage 1 of the pipeline: the user's file (TS, TSX, JSX or JS) -> plain modern JS plus a source map back to the
// file. esbuild never changes the module format (no `format`), so ESM stays ESM and CJS stays CJS, and the
// output does not depend on `opts.module`: the runner may detect the format on the transpiled code afterwards.
//
// Plain JavaScript (.js/.mjs/.cjs) has nothing to transpile: it goes on exactly as the user wrote it (Node will run
// that text, so this is also the most faithful choice), with an identity map from magic-string, and never starts
// esbuild's service process (a sixth of a short CLI run). Only when acorn finds a syntax error is esbuild asked,
// for its clearer message at the same place.
import { parse, type Program } from 'acorn';
import MagicString from 'magic-string';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type { Loader, Message } from 'esbuild';
import type { ModuleFormat } from '../shared/rawTrace';
import { LoopscopeInputError } from './errors';
import { getEsbuildTransform, type EsbuildTransform } from './esbuildProvider';
import type { SelectionMeta } from '../shared/rawTrace';
import { OriginalPositions } from './instrument/originalPositions';
import { planSelection, type LineRange } from './selection/planSelection';
import type { TopLevel } from './selection/declarations';

export type { EncodedSourceMap };

export interface TranspileResult {
  code: string;
  /** transpiled -> original (sources: [file]) */
  map: EncodedSourceMap;
  /** Plain JS only: the acorn tree of `code`, already parsed as `module`, so the instrumenter need not parse again. */
  parsed?: { module: ModuleFormat; program: Program };
  /** With `lines`: what runs (the selected statements and the declarations they use). */
  selection?: SelectionMeta;
  /** With `lines`: the whole file's transpiled code, whose syntax decides the module format as node would. */
  wholeFileCode?: string;
}

export interface TranspileOptions {
  /** The module format the code will run as. Recorded only: the output format is never changed. */
  module: ModuleFormat;
  /**
   * Trace only these lines (1-based, inclusive): the statements they touch and the top-level declarations
   * those use (src/core/selection/). Statements left out are blanked, so positions stay the file's.
   */
  lines?: { from: number; to: number };
  /** Another esbuild implementation with the same `transform` (e.g. esbuild-wasm); default: the provider's. */
  esbuild?: EsbuildTransform;
}

const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.jsx': 'jsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
};

export function loaderForFile(file: string): Loader {
  const dot = file.lastIndexOf('.');
  const ext = dot >= 0 ? file.slice(dot).toLowerCase() : '';
  return LOADERS[ext] ?? 'js';
}

export async function transpileSource(source: string, file: string, opts: TranspileOptions): Promise<TranspileResult> {
  return opts.lines ? transpileSelection(source, file, opts, opts.lines) : transpileWhole(source, file, opts);
}

/**
 * The selection with its context: the whole file is transpiled (so TypeScript needs no special casing), then
 * the top-level statements that do not run are blanked in the JavaScript, keeping every position and so the
 * source map. A file that does not compile as a whole (a half-typed line elsewhere) falls back to the
 * selected lines alone.
 */
async function transpileSelection(source: string, file: string, opts: TranspileOptions, lines: LineRange): Promise<TranspileResult> {
  const selectedOnly = blankOutsideLines(source, lines, file); // also checks the range
  let whole: TranspileResult;
  let program: Program | undefined;
  try {
    whole = await transpileWhole(source, file, opts);
    program = whole.parsed?.program ?? parseAnyFormat(whole.code);
  } catch (e) {
    if (!(e instanceof LoopscopeInputError)) throw e;
  }
  if (!program) return transpileWhole(selectedOnly, file, opts);
  const positions = new OriginalPositions(whole!.code, whole!.map, source);
  const originalLines = (start: number, end: number): LineRange | null => {
    const first = positions.at(start);
    const last = positions.at(Math.max(start, end - 1));
    if (!first || !last) return null;
    return { from: Math.min(first.line, last.line), to: Math.max(first.line, last.line) };
  };
  const plan = planSelection(program, lines, originalLines, file);
  const leftOut = (program.body as TopLevel[]).filter((s) => !plan.keep.has(s));
  return { code: blankStatements(whole!.code, leftOut), map: whole!.map, selection: plan.meta, wholeFileCode: whole!.code };
}

async function transpileWhole(input: string, file: string, opts: TranspileOptions): Promise<TranspileResult> {
  const loader = loaderForFile(file);
  const program = loader === 'js' ? parsePlainJs(input, opts.module) : undefined;
  if (program) {
    const map = new MagicString(input).generateMap({ hires: 'boundary', source: file, includeContent: false });
    return { code: input, map: JSON.parse(map.toString()) as EncodedSourceMap, parsed: { module: opts.module, program } };
  }
  const transform = opts.esbuild ?? getEsbuildTransform();
  try {
    const result = await transform(input, {
      loader,
      target: 'esnext',
      sourcemap: 'external',
      sourcefile: file,
      // No Node version runs decorators natively: lower them so TS code with decorators still runs.
      supported: { decorators: false },
      logLevel: 'silent',
    });
    return { code: result.code, map: JSON.parse(result.map) as EncodedSourceMap };
  } catch (err) {
    throw toInputError(err, file);
  }
}

/** esbuild's output for a TypeScript file, parsed as a module if it is one, else as a CommonJS script. */
function parseAnyFormat(code: string): Program | undefined {
  return parsePlainJs(code, 'esm') ?? parsePlainJs(code, 'cjs');
}

/**
 * Blanks statements that must not run: each becomes `;` (an empty statement, so the statements around it
 * stay apart even without semicolons) followed by spaces, with its line breaks kept.
 */
export function blankStatements(code: string, statements: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const s of [...statements].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, s.start) + ';' + code.slice(s.start + 1, s.end).replace(/[^\r\n]/g, ' ');
    at = s.end;
  }
  return out + code.slice(at);
}

/** The tree of JavaScript Node can run as it is (the acorn options the instrumenter parses with), else undefined. */
function parsePlainJs(code: string, module: ModuleFormat): Program | undefined {
  try {
    return parse(code, {
      ecmaVersion: 'latest',
      sourceType: module === 'esm' ? 'module' : 'script',
      allowReturnOutsideFunction: module === 'cjs',
      allowHashBang: true,
    });
  } catch {
    return undefined; // esbuild reports it (or, if esbuild accepts it, the instrumenter's parse will)
  }
}

/**
 * Replaces every line outside [from, to] by an empty line, keeping each line's own terminator (\n, \r\n or \r),
 * so positions inside the selection are the file's positions.
 */
export function blankOutsideLines(source: string, lines: { from: number; to: number }, file: string): string {
  const parts = source.split(/(\r\n|\n|\r)/); // [line, sep, line, sep, ..., line]
  const lineCount = (parts.length + 1) / 2;
  const { from, to } = lines;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < from) {
    throw new LoopscopeInputError(`invalid line selection ${from}-${to}`, file);
  }
  if (from > lineCount) {
    throw new LoopscopeInputError(`line selection ${from}-${to} is outside the file (${lineCount} lines)`, file);
  }
  for (let line = 1; line <= lineCount; line++) {
    if (line < from || line > to) parts[(line - 1) * 2] = '';
  }
  return parts.join('');
}

interface EsbuildFailure {
  errors: Message[];
}

function isEsbuildFailure(err: unknown): err is EsbuildFailure {
  return typeof err === 'object' && err !== null && Array.isArray((err as { errors?: unknown }).errors);
}

function toInputError(err: unknown, file: string): Error {
  if (!isEsbuildFailure(err) || err.errors.length === 0) return err instanceof Error ? err : new Error(String(err));
  const first = err.errors[0];
  const more = err.errors.length > 1 ? ` (and ${err.errors.length - 1} more error${err.errors.length > 2 ? 's' : ''})` : '';
  const loc = first.location;
  if (!loc) return new LoopscopeInputError(first.text + more, file);
  return new LoopscopeInputError(first.text + more, file, loc.line, utf16Column(loc.lineText, loc.column) + 1);
}

/** esbuild reports columns in UTF-8 bytes; editors and source maps count UTF-16 code units. */
function utf16Column(lineText: string, byteColumn: number): number {
  const bytes = Buffer.from(lineText, 'utf8');
  if (byteColumn >= bytes.length) return lineText.length + (byteColumn - bytes.length);
  return bytes.subarray(0, byteColumn).toString('utf8').length;
}
