// Real libraries' own code traced as the user's code: each program of test/realworld/libraryProjects/ runs in a
// temp folder beside copies of the libraries it loads by relative paths (semver's 48 CommonJS modules, acorn's
// 240 KB bundle with acorn-walk, seven d3 ES modules, magic-string with @jridgewell/sourcemap-codec, lodash's
// 540 KB file, js-yaml, underscore's 161 ES modules, jsdiff, markdown-it with its five dependencies, lie with
// immediate, fastq with reusify, minipass, p-map, commander, tslib), so the project loader instruments every
// module. Traced with the `// @options` event cap and the default call budget (hot library code degrades to
// counted calls), and two also with `--full`, the run must print what plain node prints on the same folder
// and exit as it does; the --json document must name only the copied files (or Node's own code).

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildModel } from '../../src/shared/model';
import { traceDocumentChunks } from '../../src/shared/traceDocument';
import { parseFixtureAnnotations } from '../fidelity/annotations';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { runFidelity, startPool, type FidelityResult } from '../fidelity/runFixture';
import { buildLibraryProject, type LibraryCopy, type LibraryProject } from './libraryProject';

const entries = path.join(__dirname, 'libraryProjects');

const d3Imports: Record<string, string> = Object.fromEntries(
  ['d3-array', 'd3-format', 'd3-interpolate', 'd3-color', 'd3-time', 'd3-time-format'].map((name) => [name, `${name}/dist/${name}.mjs`]),
);
const d3 = (name: string): LibraryCopy => ({ name, files: [`dist/${name}.mjs`], rewrite: d3Imports });

const markdownImports: Record<string, string> = {
  entities: 'entities/lib/esm/index.js',
  'linkify-it': 'linkify-it/index.mjs',
  mdurl: 'mdurl/index.mjs',
  'punycode.js': 'punycode.js/punycode.es6.js',
  'uc.micro': 'uc.micro/index.mjs',
};

/**
 * Each entry's libraries, the copied files it never loads (so they are not traced), and whether it also runs
 * with every call recorded (`--full`; acorn's 2.5 million calls would pass any sensible event cap).
 */
const PROJECTS: Record<string, { libs: LibraryCopy[]; notLoaded: string[]; full: boolean }> = {
  'semver.cjs': {
    libs: [{ name: 'semver', files: ['index.js', 'classes', 'functions', 'internal', 'ranges'] }],
    notLoaded: ['lib/semver/classes/index.js'], // semver's index.js requires each class's file directly
    full: true,
  },
  'acorn.cjs': {
    libs: [
      { name: 'acorn', files: ['dist/acorn.js'] },
      { name: 'acorn-walk', files: ['dist/walk.js', 'dist/walk.mjs'] },
    ],
    notLoaded: ['lib/acorn-walk/dist/walk.mjs'], // read as text and parsed
    full: false,
  },
  'd3.mjs': {
    libs: ['d3-array', 'd3-format', 'd3-scale', 'd3-interpolate', 'd3-color', 'd3-time', 'd3-time-format'].map(d3),
    notLoaded: [],
    full: true,
  },
  'magicString.mjs': {
    libs: [
      { name: 'magic-string', files: ['dist/index.mjs'], rewrite: { '@jridgewell/sourcemap-codec': '@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs' } },
      { name: '@jridgewell/sourcemap-codec', files: ['dist/sourcemap-codec.mjs'] },
    ],
    notLoaded: [],
    full: false, // --full: 917k events, the longest model build here; semver and d3 cover --full
  },
  'lodash.cjs': {
    libs: [{ name: 'lodash', files: ['lodash.js'] }],
    notLoaded: [],
    full: false,
  },
  'yaml.cjs': {
    libs: [{ name: 'js-yaml', files: ['index.js', 'lib'] }],
    notLoaded: ['lib/js-yaml/lib/index_vite_proxy.tmp.mjs'], // a leftover of js-yaml's build, imported by nothing
    full: false,
  },
  'underscore.mjs': {
    libs: [{ name: 'underscore', files: ['modules'] }],
    notLoaded: [],
    full: false,
  },
  'diff.mjs': {
    libs: [{ name: 'diff', files: ['libesm'] }],
    notLoaded: ['lib/diff/libesm/types.js', 'lib/diff/libesm/util/array.js'], // imported by nothing this program uses
    full: false,
  },
  'markdown.mjs': {
    libs: [
      { name: 'markdown-it', files: ['index.mjs', 'lib'], rewrite: markdownImports },
      { name: 'entities', files: ['lib/esm'] },
      { name: 'linkify-it', files: ['index.mjs', 'lib'], rewrite: markdownImports },
      { name: 'mdurl', files: ['index.mjs', 'lib'] },
      { name: 'uc.micro', files: ['index.mjs', 'categories', 'properties'] },
      // punycode.es6.js is an ES module in a package without "type": plain node detects it and warns
      // (MODULE_TYPELESS_PACKAGE_JSON) on stderr, Loopscope's loader does not (a known gap, see the report):
      // the copy says "type": "module" so both runs print the same
      { name: 'punycode.js', files: ['punycode.es6.js'], type: 'module' },
    ],
    notLoaded: [],
    full: false,
  },
  'lie.cjs': {
    libs: [
      { name: 'lie', files: ['lib/index.js'], rewrite: { immediate: 'immediate/lib/index.js' } },
      { name: 'immediate', files: ['lib/index.js'] },
    ],
    notLoaded: [],
    full: false,
  },
  'fastq.cjs': {
    libs: [
      { name: 'fastq', files: ['queue.js'], rewrite: { reusify: 'reusify/reusify.js' } },
      { name: 'reusify', files: ['reusify.js'] },
    ],
    notLoaded: [],
    full: false,
  },
  'minipass.mjs': { libs: [{ name: 'minipass', files: ['dist/esm'] }], notLoaded: [], full: false },
  'pmap.mjs': { libs: [{ name: 'p-map', files: ['index.js'] }], notLoaded: [], full: false },
  'commander.cjs': { libs: [{ name: 'commander', files: ['index.js'] }], notLoaded: [], full: false },
  'tslib.cjs': { libs: [{ name: 'tslib', files: ['tslib.js'] }], notLoaded: [], full: false },
};

/** The runs: every project with the default call budget, and those marked `full` with every call recorded. */
const RUNS = Object.entries(PROJECTS).flatMap(([name, p]) => (p.full ? [name, `${name} --full`] : [name]));

interface Run {
  project: LibraryProject;
  result: FidelityResult;
  /** foreignFiles of the run's document (computed in the job: see the pool's comment). */
  foreign: string[];
}

/** A `"file":` field of the document, with the library frame it belongs to if any (see traceDocument's frames). */
const FILE_FIELD = /(\{"library":true,[^{}]*?)?"file":("(?:[^"\\]|\\.)*"|null)/g;
/** Longer than any text FILE_FIELD matches: kept from one chunk to the next so no match is cut in two. */
const OVERLAP = 4096;

/**
 * Every file the --json document names (tasks, console lines, steps, stack frames, queue items, async calls)
 * that is neither a copied file nor, for a library frame between user frames, Node's own code (node:events):
 * no package is loaded, so none may appear. Read from the document's text chunk by chunk: a --full trace's
 * document can outgrow the longest string V8 allows (magic-string's, at 917k events, did).
 */
function foreignFiles(result: FidelityResult, project: LibraryProject): string[] {
  const copied = new Set(project.files);
  const foreign = new Set<string>();
  let tail = '';
  for (const chunk of traceDocumentChunks(buildModel(result.raw!))) {
    const text = tail + chunk;
    for (const m of text.matchAll(FILE_FIELD)) {
      if (m.index + m[0].length <= tail.length) continue; // seen in the previous chunk's text
      const file = JSON.parse(m[2]) as string | null;
      if (file === null || copied.has(file)) continue;
      if (m[1] !== undefined && file.startsWith('node:')) continue;
      foreign.add(`${m[1] ? 'library frame' : 'user position'}: ${file}`);
    }
    tail = text.slice(-OVERLAP);
  }
  return [...foreign];
}

describe('real libraries traced as the user\'s own code: traced vs plain node', function () {
  this.timeout(600_000);
  let runs: Map<string, Promise<Run>>;

  before(() => {
    ensureBuilt();
    // One project at a time, its document checked in the same job: the oracle's 20 s deadline is a timer of
    // this process, so a long synchronous model build of another project while an oracle runs would fire it.
    runs = startPool(RUNS, 1, async (run) => {
      const [name, flag] = run.split(' ');
      const source = readFileSync(path.join(entries, name), 'utf8');
      const project = buildLibraryProject(source, name, PROJECTS[name].libs);
      const ann = parseFixtureAnnotations(source);
      const options = flag === '--full' ? { ...ann.options, callBudget: Infinity } : ann.options;
      const result = await runFidelity(project.entry, { ...ann, options });
      return { project, result, foreign: result.raw ? foreignFiles(result, project) : [] };
    });
  });

  after(async () => {
    for (const run of runs.values()) {
      const dir = await run.then((r) => r.project.dir, () => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const run of RUNS) {
    const name = run.split(' ')[0];
    describe(run, () => {
      it('prints what plain node prints on the same folder and exits as it does', async () => {
        const { project, result } = await runs.get(run)!;
        const events = result.raw?.events.length ?? 0;
        const lines = result.oracle?.stdout.split('\n').length ?? 0;
        const folded = result.raw?.meta.tracing?.foldedCalls ?? 0;
        console.log(`      ${run}: ${project.files.length} files, ${events} events, ${folded} calls counted, ${lines} lines of output, traced run ${result.tracedMs} ms`);
        assert.deepEqual(result.problems, [], `${name}:\n${result.problems.join('\n')}`);
        assert.ok(lines > 2, `${name}: node printed only ${lines} lines: the workload did not run`);
      });

      it('instruments every library module it loads, and names only those files', async () => {
        const { project, result, foreign } = await runs.get(run)!;
        const raw = result.raw!;
        const traced = (raw.files ?? []).map((f) => f.path);
        const loaded = project.files.filter((f) => !PROJECTS[name].notLoaded.includes(f));
        assert.deepEqual([...traced].sort(), loaded.sort(), `${name}: traced files are not the copies it loads`);
        // library code ran traced: probes in library files recorded calls
        const inLibrary = raw.probes.filter((p) => (p.file ?? 0) > 0).length;
        assert.ok(inLibrary > 20, `${name}: only ${inLibrary} probes in library files`);
        assert.deepEqual(foreign, []);
      });
    });
  }
});
