// The final map, instrumented -> original, inlined in the code so `node --enable-source-maps` reports the user's
// own lines in error stacks. magic-string describes its own edits (instrumented -> transpiled) and
// @jridgewell/remapping composes that with esbuild's map (transpiled -> original). The one mapping code of ours:
// the fast copies of function bodies (fastCopy.ts) are inserted text, which magic-string leaves unmapped; their
// copied slices get the segments the code they copy has, so an error thrown in a copy points where the user
// wrote it.
import remapping from '@jridgewell/remapping';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type MagicString from 'magic-string';
import type { PlacedFastCopy } from './context';

type Segment = [number] | [number, number, number, number] | [number, number, number, number, number];

export function composeSourceMap(
  edits: MagicString,
  transpiledMap: EncodedSourceMap,
  file: string,
  originalSource: string,
  copies: readonly PlacedFastCopy[] = [],
): EncodedSourceMap {
  // 'boundary' maps every word boundary: exact enough for error columns, far smaller than per-character maps.
  const instrumentedMap = edits.generateDecodedMap({ hires: 'boundary', source: file, includeContent: false });
  if (copies.length > 0) mapFastCopies(instrumentedMap.mappings as Segment[][], copies, edits.original, edits.toString());
  const composed = remapping([{ ...instrumentedMap, version: 3 } as never, transpiledMap as never], () => null);
  // The whole original file (also when only a selection was transpiled), for error messages with source lines.
  composed.sourcesContent = composed.sources.map(() => originalSource);
  return JSON.parse(composed.toString()) as EncodedSourceMap;
}

/** Adds segments for the copied slices: each token start of a slice maps to where it stands in `code`. */
function mapFastCopies(mappings: Segment[][], copies: readonly PlacedFastCopy[], code: string, output: string): void {
  const codeLines = lineStarts(code);
  const outputLines = lineStarts(output);
  const touched = new Set<number>();
  for (const { marker, copy } of copies) {
    const found = output.indexOf(marker);
    if (found < 0) continue;
    const textStart = found - copy.text.indexOf(marker);
    // The check in front stands for the body's first statement: V8 reports a stack overflow at a function's
    // entry there (plain node: at the first statement), so it maps where that statement starts.
    const first = copy.slices.find((sl) => /\S/.test(code.slice(sl.from, sl.to)));
    if (first !== undefined) {
      const firstAt = first.from + code.slice(first.from, first.to).search(/\S/);
      const genLine = lineOf(outputLines, textStart);
      const srcLine = lineOf(codeLines, firstAt);
      while (mappings.length <= genLine) mappings.push([]);
      mappings[genLine].push([textStart - outputLines[genLine], 0, srcLine, firstAt - codeLines[srcLine]]);
      touched.add(genLine);
    }
    for (const slice of copy.slices) {
      let genLine = lineOf(outputLines, textStart + slice.at);
      let genCol = textStart + slice.at - outputLines[genLine];
      let srcLine = lineOf(codeLines, slice.from);
      let srcCol = slice.from - codeLines[srcLine];
      for (let i = slice.from; i < slice.to; i++) {
        const ch = code.charCodeAt(i);
        if (ch === 10) {
          genLine++;
          srcLine++;
          genCol = srcCol = 0;
          continue;
        }
        if (i === slice.from || startsToken(code, i)) {
          while (mappings.length <= genLine) mappings.push([]);
          mappings[genLine].push([genCol, 0, srcLine, srcCol]);
          touched.add(genLine);
        }
        genCol++;
        srcCol++;
      }
    }
  }
  for (const line of touched) mappings[line].sort((a, b) => a[0] - b[0]);
}

/** A token starts at `i`: a word after a non-word character, or any other non-blank character. */
function startsToken(code: string, i: number): boolean {
  const ch = code[i];
  if (ch === ' ' || ch === '\t' || ch === '\r') return false;
  return !isWord(ch) || !isWord(code[i - 1]);
}

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && /[\w$\u0080-\uffff]/.test(ch);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line holding `offset` (binary search in the line starts). */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function inlineSourceMapComment(map: EncodedSourceMap): string {
  const base64 = Buffer.from(JSON.stringify(map), 'utf8').toString('base64');
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
