// A project of several files: the entry's local modules (projectGraph.ts), each transpiled when it is
// TypeScript and instrumented as the entry is (its own module format by Node's rules, probe ids following the
// files before it, its lines located in its file: src/shared/sourceFiles.ts), through the content cache
// (moduleCache.ts); and the manifest the child's runtime loads them by (ProjectManifest).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleFormat, Probe, SourceFile } from '../../shared/rawTrace';
import type { ProjectManifest } from '../../shared/runtimeContract';
import type { SourcePatterns } from '../../shared/sourcePatterns';
import { MAX_TRACED_FILES } from '../../shared/sourceFiles';
import { LoopscopeInputError } from '../errors';
import { instrumentSource } from '../instrument';
import { detectModuleFormat } from '../moduleFormat';
import { loaderForFile, transpileSource } from '../transpile';
import { cachedModule, type CachedModule } from './moduleCache';
import type { ProjectGraph } from './projectGraph';

export interface ProjectModule extends CachedModule {
  /** Real path. */
  file: string;
  source: string;
}

/** The local modules besides the entry (graph.files[1..]) and their texts, read once. */
export function readProjectSources(graph: ProjectGraph): { files: string[]; sources: string[] } {
  const files = graph.files.slice(1, MAX_TRACED_FILES);
  const sources = files.map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch (e) {
      throw new LoopscopeInputError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, f);
    }
  });
  return { files, sources };
}

/** Instruments file i (index i + 1 in the project), each one's probes after those before it. */
export async function instrumentProjectModules(files: string[], sources: string[], firstProbe: number, runtimeName: string): Promise<ProjectModule[]> {
  const out: ProjectModule[] = [];
  let probeBase = firstProbe;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const source = sources[i];
    const fileIndex = i + 1;
    const base = probeBase;
    const declared = detectModuleFormat(file, ''); // the extension's / package.json's word, when it has one
    const cached = await cachedModule([file, source, declared, fileIndex, base, runtimeName], async () => {
      const plainJs = loaderForFile(file) === 'js';
      let module: ModuleFormat = plainJs ? detectModuleFormat(file, source) : 'cjs';
      const transpiled = await transpileSource(source, file, { module });
      if (!plainJs) module = detectModuleFormat(file, transpiled.code);
      const r = instrumentSource(transpiled, { file, module, originalSource: source, project: { fileIndex, probeBase: base, runtimeName } });
      return { code: r.code, insertions: r.insertions, probes: r.probes, module, patterns: r.patterns };
    });
    probeBase += cached.probes.length;
    out.push({ ...cached, file, source });
  }
  return out;
}

export function projectManifest(graph: ProjectGraph, modules: ProjectModule[]): ProjectManifest {
  const manifest: ProjectManifest = { modules: {}, resolutions: graph.resolutions, files: [graph.files[0], ...modules.map((m) => m.file)], keepEsmHooks: graph.dynamicImports, esmHooksRequired: graph.dynamicImportsNeedHooks };
  for (const m of modules) manifest.modules[m.file] = { code: m.codePath, module: m.module };
  return manifest;
}

/** RawTrace.files: every traced file relative to the entry's folder, `/` separators; the entry's text is RawTrace.source. */
export function projectSourceFiles(entryReal: string, modules: ProjectModule[]): SourceFile[] {
  const dir = path.dirname(entryReal);
  const rel = (f: string): string => path.relative(dir, f).split(path.sep).join('/');
  return [{ path: rel(entryReal), source: '' }, ...modules.map((m) => ({ path: rel(m.file), source: m.source }))];
}

/** The async patterns of the entry and of every module (each module's lines located in its file). */
export function allPatterns(entry: SourcePatterns, modules: ProjectModule[]): SourcePatterns {
  if (modules.length === 0) return entry;
  const out: SourcePatterns = { sequentialAwaits: [...entry.sequentialAwaits], floatingPromises: [...entry.floatingPromises], zeroDelayTimers: [...entry.zeroDelayTimers] };
  for (const { patterns } of modules) {
    out.sequentialAwaits.push(...patterns.sequentialAwaits);
    out.floatingPromises.push(...patterns.floatingPromises);
    out.zeroDelayTimers.push(...patterns.zeroDelayTimers);
  }
  return out;
}

export function allProbes(entryProbes: Probe[], modules: ProjectModule[]): Probe[] {
  if (modules.length === 0) return entryProbes;
  const out = entryProbes.slice();
  for (const m of modules) for (const p of m.probes) out.push(p);
  return out;
}
