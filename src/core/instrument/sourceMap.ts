// The final map, instrumented -> original, inlined in the code so `node --enable-source-maps` reports the user's
// own lines in error stacks.
//
// The instrumenter only ever inserts text, never containing a newline, so instrumented -> transpiled is a pure
// column shift per line, and composing it with esbuild's transpiled -> original map is exact and linear: each of
// esbuild's segments moves right by the text inserted before it on its line, and each insertion gets a segment
// of its own pointing where the code it precedes points (a loop guard maps to its loop body). This replaces a
// generic composition (magic-string hires map + @jridgewell/remapping), which cost ~10x more on large files.
import {
  TraceMap,
  decodedMappings,
  encodedMappings,
  type DecodedSourceMap,
  type EncodedSourceMap,
  type SourceMapSegment,
} from '@jridgewell/trace-mapping';
import { lineStarts } from './originalPositions';

/** Text inserted before the transpiled character at `at` (magic-string appendLeft). */
export interface Insertion {
  at: number;
  length: number;
}

export function composeSourceMap(
  transpiledCode: string,
  transpiledMap: TraceMap,
  insertions: readonly Insertion[],
  originalSource: string,
): EncodedSourceMap {
  const sources = transpiledMap.sources.map((s) => s ?? '');
  const decoded: DecodedSourceMap = {
    version: 3,
    names: [...transpiledMap.names],
    sources,
    // The whole original file (also when only a selection was transpiled), for error messages with source lines.
    sourcesContent: sources.map(() => originalSource),
    mappings: shiftSegments(transpiledCode, decodedMappings(transpiledMap), insertions),
  };
  return { ...decoded, mappings: encodedMappings(new TraceMap(decoded)) };
}

function shiftSegments(
  code: string,
  transpiledLines: readonly (readonly SourceMapSegment[])[],
  insertions: readonly Insertion[],
): SourceMapSegment[][] {
  const starts = lineStarts(code);
  const sorted = insertions.slice().sort((a, b) => a.at - b.at);
  const lines: SourceMapSegment[][] = [];
  let next = 0; // index into `sorted`
  for (let line = 0; line < starts.length; line++) {
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : Number.MAX_SAFE_INTEGER;
    const source = transpiledLines[line] ?? [];
    const out: SourceMapSegment[] = [];
    let shift = 0; // length inserted so far on this line
    let s = 0; // index into `source`
    let previous: SourceMapSegment | undefined; // the last esbuild segment at or before the current column
    while (next < sorted.length && sorted[next].at < lineEnd) {
      const column = sorted[next].at - starts[line];
      for (; s < source.length && source[s][0] < column; s++) {
        out.push(moved(source[s], shift));
        previous = source[s];
      }
      // Where the inserted text points: the esbuild segment at this column, else the previous one, else the next.
      const target = s < source.length && source[s][0] === column ? source[s] : (previous ?? source[s]);
      if (target && target.length > 1) out.push([column + shift, target[1]!, target[2]!, target[3]!]);
      for (; next < sorted.length && sorted[next].at - starts[line] === column; next++) shift += sorted[next].length;
    }
    for (; s < source.length; s++) out.push(moved(source[s], shift));
    lines.push(out);
  }
  return lines;
}

function moved(segment: SourceMapSegment, shift: number): SourceMapSegment {
  if (shift === 0) return segment;
  const copy = segment.slice() as SourceMapSegment;
  copy[0] += shift;
  return copy;
}

export function inlineSourceMapComment(map: EncodedSourceMap): string {
  const base64 = Buffer.from(JSON.stringify(map), 'utf8').toString('base64');
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
