// Stage 2 of the pipeline: the transpiled JS -> the same program with probes for the child-side runtime
// (docs/ARCHITECTURE.md, "The injected runtime API"). One acorn parse, one walk (instrument/walk.ts with the
// visitor table in instrument/visitors.ts), edits with magic-string at transpiled offsets, and a source map
// composed back to the user's original file.
import { parse, type Program } from 'acorn';
import MagicString from 'magic-string';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import type { ModuleFormat, Probe } from '../shared/rawTrace';
import type { InsertionBlocks } from '../shared/runtimeContract';
import { withoutPosition } from '../shared/errorPosition';
import { LoopscopeInputError } from './errors';
import { hasModuleSyntax } from './moduleFormat';
import type { TranspileResult } from './transpile';
import { InstrumentContext } from './instrument/context';
import { OriginalPositions } from './instrument/originalPositions';
import { ProbeTable } from './instrument/probeTable';
import { pickRuntimeName } from './instrument/runtimeName';
import { composeSourceMap, inlineSourceMapComment } from './instrument/sourceMap';
import { walk } from './instrument/walk';
import { findAsyncPatterns } from './analysis/asyncPatterns';
import type { SourcePatterns } from '../shared/sourcePatterns';
import { locatedLine } from '../shared/sourceFiles';

export { INJECTED_API, FRAME_SUFFIX, TOP_LEVEL_FRAME } from './instrument/injectedApi';

export interface InstrumentResult {
  /** Instrumented JS, ending with an inline `//# sourceMappingURL=data:` (instrumented -> original). */
  code: string;
  /** The same composed map. */
  map: EncodedSourceMap;
  /** ORIGINAL positions. */
  probes: Probe[];
  /** The injected global's name. */
  runtimeName: string;
  /** Where text was inserted into the transpiled code (for the runtime's `fn.toString()`). */
  insertions: InsertionBlocks;
  /** Sequential awaits and floating promises in the source, for the insights. */
  patterns: SourcePatterns;
}

export interface InstrumentOptions {
  file: string;
  module: ModuleFormat;
  originalSource: string;
  /** A project of several files: this file's index (0 = the entry), the id of its first probe, and the injected
   * global's name picked for all files (pickRuntimeName over every source). */
  project?: { fileIndex: number; probeBase: number; runtimeName: string };
}

export function instrumentSource(transpiled: TranspileResult, opts: InstrumentOptions): InstrumentResult {
  const { code } = transpiled;
  const positions = new OriginalPositions(code, transpiled.map, opts.originalSource);
  const program =
    transpiled.parsed?.module === opts.module ? transpiled.parsed.program : parseTranspiled(code, opts, positions);
  const project = opts.project;
  const runtimeName = project?.runtimeName ?? pickRuntimeName(opts.originalSource, code);
  const edits = new MagicString(code);
  const probes = new ProbeTable(project?.probeBase, project?.fileIndex);
  const ctx = new InstrumentContext(code, edits, positions, probes, runtimeName, locatedLine(project?.fileIndex ?? 0, 0));
  walk(program, ctx);
  const map = composeSourceMap(edits, transpiled.map, opts.file, opts.originalSource, ctx.fastCopies);
  const body = edits.toString();
  const separator = body.endsWith('\n') ? '' : '\n';
  return {
    code: body + separator + inlineSourceMapComment(map),
    map,
    probes: probes.probes,
    runtimeName,
    insertions: ctx.insertions.blocks(),
    patterns: findAsyncPatterns(program, positions, project?.fileIndex ?? 0),
  };
}

function parseTranspiled(code: string, opts: InstrumentOptions, positions: OriginalPositions): Program {
  try {
    return parse(code, {
      ecmaVersion: 'latest',
      sourceType: opts.module === 'esm' ? 'module' : 'script',
      // Node wraps CommonJS in a function: a top-level `return` is legal there.
      allowReturnOutsideFunction: opts.module === 'cjs',
      allowHashBang: true,
    });
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    const at = (err as SyntaxError & { pos?: number }).pos;
    // acorn's "(line:col)" is of the transpiled code: the position shown is the original one, once
    const message = withoutPosition(err.message);
    const pos = at === undefined ? null : positions.at(at);
    const hint =
      opts.module === 'cjs' && hasModuleSyntax(code)
        ? ' (ES module syntax such as top-level await, import or export in a file run as CommonJS: use .mjs or "type": "module")'
        : '';
    throw new LoopscopeInputError(message + hint, opts.file, pos?.line, pos?.column);
  }
}
