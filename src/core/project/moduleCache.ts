// The instrumented output of a project's modules, cached by content: a file is transpiled and instrumented once
// per change, not once per run. The key is a hash of everything the output depends on (the file's path and text,
// how Node will load it, its index and first probe id in the project, the injected global's name, and the
// instrumenter itself); the value is three files under os.tmpdir()/loopscope-cache (or $LOOPSCOPE_CACHE_DIR),
// never inside the user's project: `<key>.js` (the code the child runs, read there directly),
// `<key>.js.insertions.json` (functionSource.ts) and `<key>.json` (probes, module format and async patterns).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ModuleFormat, Probe } from '../../shared/rawTrace';
import { INSERTIONS_FILE_SUFFIX, type InsertionBlocks } from '../../shared/runtimeContract';
import type { SourcePatterns } from '../../shared/sourcePatterns';
import { sha256Hex } from './contentHash';

export interface CachedModule {
  /** The instrumented code file. */
  codePath: string;
  probes: Probe[];
  module: ModuleFormat;
  /** The module's async patterns (located lines: src/core/analysis/asyncPatterns.ts). */
  patterns: SourcePatterns;
}

export interface ModuleOutput {
  code: string;
  insertions: InsertionBlocks;
  probes: Probe[];
  module: ModuleFormat;
  /** The module's async patterns (located lines: src/core/analysis/asyncPatterns.ts). */
  patterns: SourcePatterns;
}

export function cacheDir(): string {
  return process.env.LOOPSCOPE_CACHE_DIR ?? path.join(tmpdir(), 'loopscope-cache');
}

/** The cached module for `parts`, or the one `make` builds (then stored). */
export async function cachedModule(parts: readonly (string | number)[], make: () => Promise<ModuleOutput>): Promise<CachedModule> {
  const dir = cacheDir();
  const key = sha256Hex([instrumenterFingerprint(), ...parts]).slice(0, 40);
  const codePath = path.join(dir, key + '.js');
  const metaPath = path.join(dir, key + '.json');
  if (existsSync(metaPath) && existsSync(codePath) && existsSync(codePath + INSERTIONS_FILE_SUFFIX)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { probes: Probe[]; module: ModuleFormat; patterns?: SourcePatterns };
      if (meta.patterns !== undefined) return { codePath, probes: meta.probes, module: meta.module, patterns: meta.patterns };
      // an entry from before patterns were cached: build it again
    } catch {
      // a damaged entry: build it again
    }
  }
  const out = await make();
  mkdirSync(dir, { recursive: true });
  // the metadata last: a reader that finds it finds the rest (each file written whole, then renamed)
  writeAtomically(codePath, out.code);
  writeAtomically(codePath + INSERTIONS_FILE_SUFFIX, JSON.stringify(out.insertions));
  writeAtomically(metaPath, JSON.stringify({ probes: out.probes, module: out.module, patterns: out.patterns }));
  return { codePath, probes: out.probes, module: out.module, patterns: out.patterns };
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

let fingerprint: string | undefined;

/**
 * What identifies the instrumenter that made an entry: the shipped bundle's size and time (dist/cli.js,
 * dist/extension.js); run from the sources (tests under tsx), those of src/core's files, so an edit to the
 * instrumenter is never answered from an old cache.
 */
export function instrumenterFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const here = typeof __filename === 'string' ? __filename : '';
  const parts: string[] = [];
  const stamp = (file: string): void => {
    try {
      const s = statSync(file);
      parts.push(`${file}:${s.size}:${s.mtimeMs}`);
    } catch {
      parts.push(file);
    }
  };
  stamp(here);
  const core = path.resolve(path.dirname(here), '..');
  if (path.basename(core) === 'core') {
    for (const sub of ['', 'instrument', 'selection', 'project']) {
      const dir = path.join(core, sub);
      try {
        for (const name of readdirSync(dir)) if (name.endsWith('.ts')) stamp(path.join(dir, name));
      } catch {
        // not there
      }
    }
  }
  return (fingerprint = sha256Hex([parts.join('\n')]));
}
