// The project graph of the last run, kept beside the module cache (moduleCache.ts): a second run of an
// unchanged project then starts no esbuild build at all. The graph is reused only while every file in it, and
// every package.json and tsconfig.json that decides how its files load or resolve, has the size and time it
// had: an edit to any of them (a new import, a renamed file, new `paths`) resolves the graph again.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from './contentHash';
import { cacheDir, instrumenterFingerprint } from './moduleCache';
import type { ProjectGraph } from './projectGraph';

interface StoredGraph {
  graph: ProjectGraph;
  /** [path, size, mtimeMs] of each file the graph depends on; size -1: the file did not exist. */
  stamps: Array<[string, number, number]>;
}

const CONFIG_FILES = ['package.json', 'tsconfig.json'];

function stamp(file: string): [string, number, number] {
  try {
    const s = statSync(file);
    return [file, s.size, s.mtimeMs];
  } catch {
    return [file, -1, 0];
  }
}

/** Every package.json / tsconfig.json from each file's folder up to the root (where they exist or may appear, nearest first). */
function configFiles(files: string[]): string[] {
  const out = new Set<string>();
  const seenDirs = new Set<string>();
  for (const f of files) {
    for (let dir = path.dirname(f); !seenDirs.has(dir); ) {
      seenDirs.add(dir);
      for (const name of CONFIG_FILES) {
        const candidate = path.join(dir, name);
        if (existsSync(candidate)) out.add(candidate);
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return [...out];
}

function keyFile(entry: string, source: string | undefined): string {
  // a new Loopscope may keep more in a graph: its fingerprint is in the key
  const key = sha256Hex([instrumenterFingerprint(), entry, source ?? '\0on disk']).slice(0, 40);
  return path.join(cacheDir(), `graph-${key}.json`);
}

/** The stored graph of `entry` when nothing it depends on changed, else null. `source`: the editor's text of the entry. */
export function storedGraph(entry: string, source: string | undefined): ProjectGraph | null {
  const file = keyFile(entry, source);
  let stored: StoredGraph;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredGraph;
  } catch {
    return null;
  }
  for (const [p, size, mtime] of stored.stamps) {
    const now = stamp(p);
    if (now[1] !== size || now[2] !== mtime) return null;
  }
  return stored.graph;
}

export function storeGraph(entry: string, source: string | undefined, graph: ProjectGraph): void {
  // with the editor's text, the entry on disk does not decide the graph (its text is in the key)
  const files = source === undefined ? graph.files : graph.files.slice(1);
  const stored: StoredGraph = { graph, stamps: [...files, ...configFiles(graph.files)].map(stamp) };
  try {
    const file = keyFile(entry, source);
    mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(stored));
    renameSync(temp, file);
  } catch {
    // a cache that cannot be written only costs the next run the esbuild build
  }
}
