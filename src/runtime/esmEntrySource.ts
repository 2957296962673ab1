// The text the ESM load hook serves for the user's entry: the instrumented code plus two Loopscope markers.
// - A first `import` of a tiny data: module that calls `R.b()`: ES modules evaluate their imports depth-first
//   in source order, so that body runs before any module the user imports. It is where the graph's
//   evaluation (the script task, "ES module body") begins; nothing the user's imports print or queue falls
//   outside a task.
// - `R.m();` after the last statement: the entry's body finished (the script task ends there).
// Pure string work, shared by the in-thread hooks (module.registerHooks) and the off-thread ones (esmHooks.mjs).
import { INJECTED_API } from '../shared/runtimeContract';

const MAP_COMMENT = '\n//# sourceMappingURL=';
const INLINE_MAP_PREFIX = 'data:application/json;charset=utf-8;base64,';

export function entrySource(code: string, runtimeName: string): string {
  return withStartImport(withEndMarker(code, runtimeName), runtimeName);
}

/** Appends `R.m();` after the last statement, on its own line before the source map comment (no mapping moves). */
export function withEndMarker(code: string, runtimeName: string): string {
  const marker = ';' + runtimeName + '.' + INJECTED_API.moduleEnd + '();\n';
  const at = code.lastIndexOf(MAP_COMMENT);
  if (at < 0) return code + '\n' + marker;
  return code.slice(0, at + 1) + marker + code.slice(at + 1);
}

/**
 * Puts `import "data:text/javascript,R.b()";` on a line of its own before the code (after a hashbang line),
 * and inserts the matching empty line into the inline source map so every mapping keeps its original position.
 */
export function withStartImport(code: string, runtimeName: string): string {
  const statement = 'import ' + JSON.stringify('data:text/javascript,' + encodeURIComponent(runtimeName + '.' + INJECTED_API.moduleStart + '()')) + ';\n';
  let at = 0;
  let mapLine = 0; // generated line before which the new line goes
  if (code.startsWith('#!')) {
    const nl = code.indexOf('\n');
    at = nl < 0 ? code.length : nl + 1;
    mapLine = 1;
    if (nl < 0) code += '\n';
  }
  return shiftInlineMap(code.slice(0, at) + statement + code.slice(at), mapLine);
}

/** Adds an empty generated line at `line` (0-based) to the code's inline base64 source map, if it has one. */
function shiftInlineMap(code: string, line: number): string {
  const at = code.lastIndexOf(MAP_COMMENT);
  if (at < 0) return code;
  const urlStart = at + MAP_COMMENT.length;
  if (!code.startsWith(INLINE_MAP_PREFIX, urlStart)) return code;
  let end = code.indexOf('\n', urlStart);
  if (end < 0) end = code.length;
  let map: { mappings?: unknown };
  try {
    map = JSON.parse(Buffer.from(code.slice(urlStart + INLINE_MAP_PREFIX.length, end), 'base64').toString('utf8')) as { mappings?: unknown };
  } catch {
    return code;
  }
  if (typeof map.mappings !== 'string') return code;
  let cut = 0;
  for (let i = 0; i < line; i++) {
    const semi = map.mappings.indexOf(';', cut);
    if (semi < 0) {
      cut = map.mappings.length;
      map.mappings += ';';
      break;
    }
    cut = semi + 1;
  }
  map.mappings = map.mappings.slice(0, cut) + ';' + map.mappings.slice(cut);
  const encoded = Buffer.from(JSON.stringify(map), 'utf8').toString('base64');
  return code.slice(0, urlStart) + INLINE_MAP_PREFIX + encoded + code.slice(end);
}
