// The multi-file projects (test/fixtures/projects/*) in every layout: a temporary copy of the whole project
// (its node_modules, package.json and tsconfig.json too) with every local module rewritten by the variant, each
// under its own name so that the imports still find it (esbuild's output of a .ts module is JavaScript, which
// is also TypeScript), traced and compared with plain node on the same copy: the entry itself for JavaScript,
// esbuild's bundle of it for TypeScript (as test/fidelity/projects.test.ts does). The fixture files are never
// changed.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { traceFile } from '../../src/core/runTraced';
import { checkQueueDiscipline } from '../../src/shared/model';
import type { ModuleFormat } from '../../src/shared/rawTrace';
import { tracedOutput } from '../fidelity/compare';
import { isTypeScript } from '../fidelity/oracle';
import { testNodePath } from '../support/testNode';
import type { Variant } from './variants';
import type { VariantOutcome } from './runVariant';

const PROGRAM = /\.(js|mjs|cjs|ts|tsx|jsx)$/;
const ENTRY = /^main\.(js|mjs|cjs|ts|tsx|jsx)$/;

export interface LayoutProject {
  /** `projects/js-events`. */
  id: string;
  root: string;
  /** The entry, relative to root. */
  entry: string;
  /** Every local module (the entry too), relative to root: the files outside node_modules. */
  modules: string[];
}

export function layoutProjects(fixturesRoot: string): LayoutProject[] {
  const projectsDir = path.join(fixturesRoot, 'projects');
  return readdirSync(projectsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((name) => {
      const root = path.join(projectsDir, name);
      const entry = readdirSync(root).find((f) => ENTRY.test(f));
      return entry === undefined ? [] : [{ id: `projects/${name}`, root, entry, modules: localModules(root) }];
    });
}

function localModules(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(full);
      } else if (PROGRAM.test(e.name) && !e.name.endsWith('.d.ts')) found.push(path.relative(root, full));
    }
  };
  walk(root);
  return found.sort();
}

/** The module format node gives a file of the project: its extension, else the nearest package.json's "type". */
function moduleFormatOf(root: string, file: string): ModuleFormat {
  if (/\.(mjs|mts)$/.test(file)) return 'esm';
  if (/\.(cjs|cts)$/.test(file)) return 'cjs';
  try {
    return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { type?: string }).type === 'module' ? 'esm' : 'cjs';
  } catch {
    return 'cjs';
  }
}

/** The project in this layout: its problems (none: it traced exactly as plain node ran it), or why it was skipped. */
export async function runProjectVariant(project: LayoutProject, variant: Variant): Promise<VariantOutcome> {
  const rewritten = project.modules.filter((m) => variant.appliesTo(m));
  if (rewritten.length === 0) return { kind: 'skipped', reason: `${variant.name} applies to none of its files` };
  const dir = mkdtempSync(path.join(tmpdir(), 'loopscope-layouts-project-'));
  try {
    cpSync(project.root, dir, { recursive: true });
    for (const rel of rewritten) {
      const file = path.join(dir, rel);
      let code: string;
      try {
        code = (await variant.produce({ file, source: readFileSync(file, 'utf8'), module: moduleFormatOf(dir, rel) })).code;
      } catch (e) {
        // the formatter or minifier rejects this module: nothing to compare
        return { kind: 'skipped', reason: `${rel}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
      }
      writeFileSync(file, code); // its own name: the other modules import it by that name
    }
    const entry = path.join(dir, project.entry);
    const module = moduleFormatOf(dir, project.entry);
    const plain = await plainNodeOnProject(entry, module);
    const raw = await traceFile({ file: entry, nodePath: testNodePath() });
    const problems: string[] = [];
    const traced = tracedOutput(raw).stdout;
    if (JSON.stringify(traced) !== JSON.stringify(plain.stdout)) problems.push(`stdout differs:\n  traced: ${JSON.stringify(traced)}\n  node:   ${JSON.stringify(plain.stdout)}`);
    if (raw.meta.exit.code !== plain.code) problems.push(`exit code: traced ${raw.meta.exit.code}, node ${plain.code}`);
    if (raw.meta.exit.reason !== 'completed') problems.push(`exit reason: ${raw.meta.exit.reason}`);
    if (raw.meta.module !== module) problems.push(`module format: traced ${raw.meta.module}, node ${module}`);
    const traced_files = (raw.files ?? [{ path: project.entry }]).map((f) => f.path).sort();
    if (JSON.stringify(traced_files) !== JSON.stringify([...project.modules].sort())) problems.push(`traced files ${JSON.stringify(traced_files)}, the project's ${JSON.stringify(project.modules)}`);
    problems.push(...checkQueueDiscipline(raw));
    return { kind: 'ran', problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Plain node: the entry as it is for JavaScript; esbuild's bundle of it (packages included) for TypeScript. */
async function plainNodeOnProject(entry: string, module: ModuleFormat): Promise<{ stdout: string[]; code: number | null }> {
  const cwd = path.dirname(entry);
  let file = entry;
  const tmp = mkdtempSync(path.join(tmpdir(), 'loopscope-layouts-oracle-'));
  try {
    if (isTypeScript(entry)) {
      const out = await build({ entryPoints: [entry], absWorkingDir: cwd, bundle: true, write: false, platform: 'node', format: module, target: 'esnext', logLevel: 'silent' });
      file = path.join(tmp, module === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
      writeFileSync(file, out.outputFiles[0].text);
    }
    const run = spawnSync(testNodePath(), [file], { cwd, encoding: 'utf8', timeout: 20000 });
    const stdout = run.stdout.split('\n');
    if (stdout[stdout.length - 1] === '') stdout.pop();
    return { stdout, code: run.status };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
