// Maps offsets in the transpiled code to positions in the user's ORIGINAL file through esbuild's source map.
// Code esbuild generated (helpers for lowered decorators, ...) has no mapping on its line: `at` returns null,
// and the instrumenter leaves such code alone.
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  TraceMap,
  originalPositionFor,
  type EncodedSourceMap,
} from '@jridgewell/trace-mapping';
import type { SourcePosition } from '../../shared/rawTrace';

export class OriginalPositions {
  readonly traceMap: TraceMap;
  private readonly generatedLineStarts: number[];
  private readonly originalLineStarts: number[];

  constructor(
    generatedCode: string,
    map: EncodedSourceMap,
    readonly originalSource: string,
  ) {
    this.traceMap = new TraceMap(map);
    this.generatedLineStarts = lineStarts(generatedCode);
    this.originalLineStarts = lineStarts(originalSource);
  }

  /** 1-based line, 0-based column of an offset in the transpiled code. */
  generatedPosition(offset: number): { line: number; column: number } {
    const index = lastStartAtOrBefore(this.generatedLineStarts, offset);
    return { line: index + 1, column: offset - this.generatedLineStarts[index] };
  }

  /** The original position (1-based line and column) of a transpiled offset, or null for generated code. */
  at(offset: number): SourcePosition | null {
    const { line, column } = this.generatedPosition(offset);
    let mapped = originalPositionFor(this.traceMap, { line, column, bias: GREATEST_LOWER_BOUND });
    if (mapped.line === null) mapped = originalPositionFor(this.traceMap, { line, column, bias: LEAST_UPPER_BOUND });
    if (mapped.line === null) return null;
    return { line: mapped.line, column: mapped.column + 1 };
  }

  /** Offset in the original source of a 1-based position (clamped to the source). */
  originalOffset(pos: SourcePosition): number {
    const lineStart = this.originalLineStarts[Math.min(pos.line, this.originalLineStarts.length) - 1] ?? 0;
    return Math.min(lineStart + pos.column - 1, this.originalSource.length);
  }
}

/** Offsets where lines start; \r\n, \n and \r all end a line (as in source maps and editors). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function lastStartAtOrBefore(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
