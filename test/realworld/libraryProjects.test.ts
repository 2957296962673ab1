// Real libraries' own code traced as the user's code: each program of test/realworld/libraryProjects/ runs in a
// temp folder beside copies of the libraries it loads by relative paths (semver's 50 CommonJS modules, acorn's
// 240 KB bundle with acorn-walk, seven d3 ES modules, magic-string with @jridgewell/sourcemap-codec), so the
// project loader instruments every module of them. Traced with the `// @options` event cap and the default call
// budget (hot library code degrades to counted calls), the run must print what plain node prints on the same
// folder and exit as it does; the --json document must name only the copied files (or Node's own code).

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildModel } from '../../src/shared/model';
import { traceDocument } from '../../src/shared/traceDocument';
import { parseFixtureAnnotations } from '../fidelity/annotations';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from '../fidelity/runFixture';
import { buildLibraryProject, type LibraryCopy, type LibraryProject } from './libraryProject';

const entries = path.join(__dirname, 'libraryProjects');

const d3Imports: Record<string, string> = Object.fromEntries(
  ['d3-array', 'd3-format', 'd3-interpolate', 'd3-color', 'd3-time', 'd3-time-format'].map((name) => [name, `${name}/dist/${name}.mjs`]),
);
const d3 = (name: string): LibraryCopy => ({ name, files: [`dist/${name}.mjs`], rewrite: d3Imports });

/** Each entry's libraries, and the copied files it never loads (so they are not traced). */
const PROJECTS: Record<string, { libs: LibraryCopy[]; notLoaded: string[] }> = {
  'semver.cjs': {
    libs: [{ name: 'semver', files: ['index.js', 'classes', 'functions', 'internal', 'ranges'] }],
    notLoaded: ['lib/semver/classes/index.js'], // semver's index.js requires each class's file directly
  },
  'acorn.cjs': {
    libs: [
      { name: 'acorn', files: ['dist/acorn.js'] },
      { name: 'acorn-walk', files: ['dist/walk.js', 'dist/walk.mjs'] },
    ],
    notLoaded: ['lib/acorn-walk/dist/walk.mjs'], // read as text and parsed
  },
  'd3.mjs': {
    libs: ['d3-array', 'd3-format', 'd3-scale', 'd3-interpolate', 'd3-color', 'd3-time', 'd3-time-format'].map(d3),
    notLoaded: [],
  },
  'magicString.mjs': {
    libs: [
      { name: 'magic-string', files: ['dist/index.mjs'], rewrite: { '@jridgewell/sourcemap-codec': '@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs' } },
      { name: '@jridgewell/sourcemap-codec', files: ['dist/sourcemap-codec.mjs'] },
    ],
    notLoaded: [],
  },
};

interface Run {
  project: LibraryProject;
  result: FidelityResult;
}

/** Every file the --json document names that is neither a copied file nor Node's own code. */
function foreignFiles(result: FidelityResult, project: LibraryProject): string[] {
  const doc = traceDocument(buildModel(result.raw!));
  const copied = new Set(project.files);
  const foreign = new Set<string>();
  const check = (file: string | null, where: string, library = false): void => {
    if (file === null || copied.has(file)) return;
    // a library frame between two user frames may be Node's code (node:events); never a package: none is loaded
    if (library && file.startsWith('node:')) return;
    foreign.add(`${where}: ${file}`);
  };
  for (const t of doc.tasks) check(t.file, 'task');
  for (const c of doc.console) check(c.file, 'console line');
  for (const s of doc.steps) {
    check(s.file, 'step');
    for (const f of s.stack) check(f.file, 'stack frame', 'library' in f);
  }
  return [...foreign];
}

describe('real libraries traced as the user\'s own code: traced vs plain node', function () {
  this.timeout(600_000);
  let runs: Map<string, Promise<Run>>;

  before(() => {
    ensureBuilt();
    runs = startPool(Object.keys(PROJECTS), 2, async (name) => {
      const source = readFileSync(path.join(entries, name), 'utf8');
      const project = buildLibraryProject(source, name, PROJECTS[name].libs);
      return { project, result: await runFidelity(project.entry, parseFixtureAnnotations(source)) };
    });
  });

  after(async () => {
    for (const run of runs.values()) {
      const dir = await run.then((r) => r.project.dir, () => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const name of Object.keys(PROJECTS)) {
    describe(name, () => {
      it('prints what plain node prints on the same folder and exits as it does', async () => {
        const { project, result } = await runs.get(name)!;
        const events = result.raw?.events.length ?? 0;
        const lines = result.oracle?.stdout.split('\n').length ?? 0;
        console.log(`      ${name}: ${project.files.length} files, ${events} events, ${lines} lines of output, traced run ${result.tracedMs} ms`);
        assert.deepEqual(result.problems, [], `${name}:\n${result.problems.join('\n')}`);
        assert.ok(lines > 5, `${name}: node printed only ${lines} lines: the workload did not run`);
      });

      it('instruments every library module it loads, and names only those files', async () => {
        const { project, result } = await runs.get(name)!;
        const raw = result.raw!;
        const traced = (raw.files ?? []).map((f) => f.path);
        const loaded = project.files.filter((f) => !PROJECTS[name].notLoaded.includes(f));
        assert.deepEqual([...traced].sort(), loaded.sort(), `${name}: traced files are not the copies it loads`);
        // library code ran traced: probes in library files recorded calls
        const inLibrary = raw.probes.filter((p) => (p.file ?? 0) > 0).length;
        assert.ok(inLibrary > 50, `${name}: only ${inLibrary} probes in library files`);
        assert.deepEqual(foreignFiles(result, project), []);
      });
    });
  }
});
