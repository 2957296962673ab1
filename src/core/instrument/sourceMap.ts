// The final map, instrumented -> original, inlined in the code so `node --enable-source-maps` reports the user's
// own lines in error stacks. magic-string describes its own edits (instrumented -> transpiled) and
// @jridgewell/remapping composes that with esbuild's map (transpiled -> original): no mapping code of ours.
import remapping from '@jridgewell/remapping';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type MagicString from 'magic-string';

export function composeSourceMap(
  edits: MagicString,
  transpiledMap: EncodedSourceMap,
  file: string,
  originalSource: string,
): EncodedSourceMap {
  // 'boundary' maps every word boundary: exact enough for error columns, far smaller than per-character maps.
  const instrumentedMap = edits.generateMap({ hires: 'boundary', source: file, includeContent: false });
  const composed = remapping([instrumentedMap.toString(), transpiledMap as never], () => null);
  // The whole original file (also when only a selection was transpiled), for error messages with source lines.
  composed.sourcesContent = composed.sources.map(() => originalSource);
  return JSON.parse(composed.toString()) as EncodedSourceMap;
}

export function inlineSourceMapComment(map: EncodedSourceMap): string {
  const base64 = Buffer.from(JSON.stringify(map), 'utf8').toString('base64');
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
