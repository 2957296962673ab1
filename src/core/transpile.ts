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

export type { EncodedSourceMap };

export interface TranspileResult {
  code: string;
  /** transpiled -> original (sources: [file]) */
  map: EncodedSourceMap;
  /** Plain JS only: the acorn tree of `code`, already parsed as `module`, so the instrumenter need not parse again. */
  parsed?: { module: ModuleFormat; program: Program };
}

export interface TranspileOptions {
  /** The module format the code will run as. Recorded only: the output format is never changed. */
  module: ModuleFormat;
  /** Trace only these lines (1-based, inclusive): every other line is blanked, so line numbers stay the file's. */
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
  const input = opts.lines ? blankOutsideLines(source, opts.lines, file) : source;
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
