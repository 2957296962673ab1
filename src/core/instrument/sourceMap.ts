// instrumented -> transpiled (magic-string) composed with transpiled -> original (esbuild) = instrumented ->
// original, inlined in the code so `node --enable-source-maps` reports the user's own lines in stacks.
import remapping from '@jridgewell/remapping';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type MagicString from 'magic-string';

/** The name magic-string's map gives the transpiled code; resolved to esbuild's map while composing. */
const TRANSPILED = '\0loopscope-transpiled.js';

export function composeSourceMap(
  edits: MagicString,
  transpiledMap: EncodedSourceMap,
  originalSource: string,
): EncodedSourceMap {
  const instrumented = edits.generateMap({ hires: 'boundary', source: TRANSPILED, includeContent: false });
  const composed = remapping(
    { ...instrumented, version: 3 } as EncodedSourceMap,
    (source) => (source === TRANSPILED ? transpiledMap : null),
    { excludeContent: true },
  );
  return {
    version: 3,
    file: transpiledMap.file ?? undefined,
    names: composed.names,
    sources: composed.sources.map((s) => s ?? ''),
    // The whole original file (also when only a selection was transpiled), for error messages with source lines.
    sourcesContent: composed.sources.map(() => originalSource),
    mappings: composed.mappings as string,
  };
}

export function inlineSourceMapComment(map: EncodedSourceMap): string {
  const base64 = Buffer.from(JSON.stringify(map), 'utf8').toString('base64');
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}\n`;
}
