// Stage 3 of the pipeline: transpile + instrument the user's file (and the local modules it loads:
// core/project/), run it in a child `node` with the runtime
// preloaded (src/runtime), and collect the RawTrace. The child runs on the user's ORIGINAL path with cwd = its
// folder; the instrumented code lives in a fresh temp dir and the runtime substitutes it when Node loads the
// entry. The child gets its own process group so that a timeout, a cancel or its normal end can kill every
// process it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RAW_TRACE_FORMAT, RAW_TRACE_VERSION } from '../shared/rawTrace';
import { DEFAULT_CALL_BUDGET, INSERTIONS_FILE_SUFFIX, RUNTIME_ENV as ENV } from '../shared/runtimeContract';
import type { ExitReason, ModuleFormat, RawEvent, RawTrace } from '../shared/rawTrace';
import { LoopscopeInputError } from './errors';
import { detectModuleFormat } from './moduleFormat';
import { instrumentSource } from './instrument';
import { loaderForFile, transpileSource } from './transpile';
import { runtimePaths } from './run/runtimePaths';
import { parseEventsData } from './run/eventsFile';
import { tracingMeta } from './run/tracingCost';
import { mayImportLocalFiles, resolveProjectGraph } from './project/projectGraph';
import { allPatterns, allProbes, instrumentProjectModules, projectManifest, projectSourceFiles, readProjectSources } from './project/instrumentProject';
import { pickRuntimeName } from './instrument/runtimeName';
import { readThreadEvents, usesWorkerThreads } from './run/threadEvents';

export interface TraceOptions {
  file: string;
  lines?: { from: number; to: number };
  module?: 'auto' | ModuleFormat;
  /** Wall-clock limit of the run, ms (default 5000). */
  timeoutMs?: number;
  /** Event cap (default 100000). */
  maxEvents?: number;
  /**
   * Calls each task records before further calls are counted, not stepped (default DEFAULT_CALL_BUDGET);
   * Infinity records every call (`--full`, the `loopscope.fullTrace` setting).
   */
  callBudget?: number;
  /** The `node` binary (default: `node` on PATH). */
  nodePath?: string;
  /** Cancel: kills the child's process group and rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * The text to trace instead of the file's content on disk (an editor with unsaved changes). The run still
   * happens at `file`'s path, so relative imports and node_modules resolve as they would for `node file`.
   */
  source?: string;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_EVENTS = 100000;
/** After the deadline the child stops itself; the group is SIGKILLed only if it did not within this grace. */
const KILL_GRACE_MS = 400;

export async function traceFile(opts: TraceOptions): Promise<RawTrace> {
  const started = performance.now();
  const file = path.resolve(opts.file);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxEvents = opts.maxEvents ?? DEFAULT_MAX_EVENTS;
  const callBudget = opts.callBudget ?? DEFAULT_CALL_BUDGET;
  opts.signal?.throwIfAborted();

  let source: string;
  try {
    source = opts.source ?? readFileSync(file, 'utf8');
    if (opts.source !== undefined && !existsSync(file)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LoopscopeInputError(code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? String(e)})`, file);
  }

  const t0 = performance.now();
  // Plain JS is its own transpiled code: its format (decided on the whole file, as node decides it) also picks
  // the sourceType acorn parses it with. TypeScript/JSX is decided on esbuild's output, where type-only
  // imports are gone (moduleFormat.ts).
  const plainJs = loaderForFile(file) === 'js';
  let module: ModuleFormat = plainJs ? detectModuleFormat(file, source, opts.module) : 'cjs';
  const transpiled = await transpileSource(source, file, { module, lines: opts.lines });
  if (!plainJs) module = detectModuleFormat(file, transpiled.wholeFileCode ?? transpiled.code, opts.module);
  const t1 = performance.now();
  // The entry's local modules (core/project/): resolved by esbuild, each instrumented like the entry.
  const graph = mayImportLocalFiles(file, source) ? await resolveProjectGraph(file, opts.source) : null;
  const others = graph !== null && graph.files.length > 1 ? readProjectSources(graph) : null;
  const runtimeName = others === null ? undefined : pickRuntimeName(source, transpiled.code, ...others.sources);
  const instrumented = instrumentSource(transpiled, {
    file,
    module,
    originalSource: source,
    ...(runtimeName === undefined ? {} : { project: { fileIndex: 0, probeBase: 0, runtimeName } }),
  });
  const modules = others === null || runtimeName === undefined ? [] : await instrumentProjectModules(others.files, others.sources, instrumented.probes.length, runtimeName);
  const probes = allProbes(instrumented.probes, modules);
  const t2 = performance.now();

  const dir = mkdtempSync(path.join(tmpdir(), 'loopscope-'));
  try {
    const codePath = path.join(dir, module === 'esm' ? 'entry.mjs' : 'entry.cjs');
    const eventsPath = path.join(dir, 'events.bin');
    writeFileSync(codePath, instrumented.code);
    writeFileSync(codePath + INSERTIONS_FILE_SUFFIX, JSON.stringify(instrumented.insertions));
    let manifestPath: string | null = null;
    if (graph !== null && modules.length > 0) {
      manifestPath = path.join(dir, 'project.json');
      writeFileSync(manifestPath, JSON.stringify(projectManifest(graph, modules)));
    }
    const promiseResolveProbes = probes
      .map((p, i) => (p.kind === 'thenable' && p.name === 'Promise.resolve' ? i : -1))
      .filter((i) => i >= 0);
    const run = await runChild({
      nodePath: opts.nodePath ?? 'node',
      // Node runs its main module at the real path (symlinks resolved), and the runtime must recognise it there.
      file: realpathSync(file),
      module,
      codePath,
      eventsPath,
      runtimeName: instrumented.runtimeName,
      promiseResolveProbes,
      probeCount: probes.length,
      manifestPath,
      workers: usesWorkerThreads(source, others?.sources ?? []),
      timeoutMs,
      maxEvents,
      callBudget,
      signal: opts.signal,
    });
    const t3 = performance.now();
    const parsed = parseEventsData(existsSync(eventsPath) ? readFileSync(eventsPath) : Buffer.alloc(0));
    const events = finishEvents(parsed.events, run, parsed.endHint);
    const threads = readThreadEvents(eventsPath);
    const end = events[events.length - 1] as Extract<RawEvent, { 0: 'end' }>;
    if (parsed.node === null) {
      // The tracer writes its header first thing: without it the child never ran it (a bad node binary, a
      // broken preload), whatever its exit code. That is not a trace.
      const how = run.signal !== null ? `signal ${run.signal}` : `exit code ${run.exitCode}`;
      const stderr = run.stderr.trim();
      throw new Error(`loopscope: the traced process did not start the tracer (${opts.nodePath ?? 'node'}, ${how})${stderr === '' ? '' : `:\n${stderr.slice(0, 2000)}`}`);
    }
    return {
      format: RAW_TRACE_FORMAT,
      version: RAW_TRACE_VERSION,
      meta: {
        node: parsed.node ?? 'unknown',
        module,
        file,
        ...(opts.lines ? { lines: opts.lines } : {}),
        ...(transpiled.selection ? { selection: transpiled.selection } : {}),
        exit: { code: end[3], reason: end[2] },
        timings: { transpile: round(t1 - t0), instrument: round(t2 - t1), run: round(t3 - t2), total: round(performance.now() - started) },
        timeoutMs,
        maxEvents,
        tracing: tracingMeta(events, callBudget === Infinity ? null : callBudget, parsed.costs),
      },
      source,
      ...(graph !== null && modules.length > 0 ? { files: projectSourceFiles(graph.files[0], modules) } : {}),
      probes,
      patterns: allPatterns(instrumented.patterns, modules),
      events,
      ...(threads.length > 0 ? { threads } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

interface ChildRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  killedForTimeout: boolean;
  stderr: string;
}

interface ChildOptions {
  nodePath: string;
  file: string;
  module: ModuleFormat;
  codePath: string;
  eventsPath: string;
  runtimeName: string;
  promiseResolveProbes: number[];
  /** How many probes the instrumented files have (the runtime sizes the fast copies' counts by it). */
  probeCount: number;
  /** A project of several files: the ProjectManifest's path. */
  manifestPath: string | null;
  /** Some traced file names node:worker_threads: the tracer traces the workers (src/runtime/workerThreads.ts). */
  workers: boolean;
  timeoutMs: number;
  maxEvents: number;
  callBudget: number;
  signal?: AbortSignal;
}

/** The child's argv: source maps for original error positions, the tracer preload, the ESM entry switch. */
export function childArgs(module: ModuleFormat, file: string, tracer: string): string[] {
  // --expose-internals lets the runtime keep Node 20 from doing work plain node does not do: its own promise
  // tracking (src/runtime/hooks.ts) and an off-thread ESM load hook that delays every later import()
  // (src/runtime/esmRegister.ts). The runtime hides these flags from process.execArgv.
  const args = ['--enable-source-maps', '--stack-size=1968', '--expose-internals', '-r', tracer];
  // With --import Node runs the main entry through the ESM loader, where the runtime's load hook serves it.
  if (module === 'esm') args.push('--import', 'data:text/javascript,');
  args.push(file);
  return args;
}

function runChild(o: ChildOptions): Promise<ChildRun> {
  const { tracer } = runtimePaths();
  const deadline = Date.now() + o.timeoutMs;
  const debug = process.env.LOOPSCOPE_DEBUG === '1';
  return new Promise<ChildRun>((resolve, reject) => {
    const child = spawn(o.nodePath, childArgs(o.module, o.file, tracer), {
      cwd: path.dirname(o.file),
      // The child's real stdout/stderr are diagnostics only (user output is captured as events);
      // LOOPSCOPE_DEBUG=1 shows them. stderr is always read: it explains a child that could not start.
      stdio: ['ignore', debug ? 'inherit' : 'ignore', 'pipe'],
      detached: true,
      env: {
        ...process.env,
        [ENV.runtimeName]: o.runtimeName,
        [ENV.events]: o.eventsPath,
        [ENV.entry]: o.file,
        [ENV.code]: o.codePath,
        [ENV.module]: o.module,
        [ENV.maxEvents]: String(o.maxEvents),
        [ENV.callBudget]: o.callBudget === Infinity ? 'all' : String(o.callBudget),
        [ENV.deadline]: String(deadline),
        [ENV.promiseResolveProbes]: o.promiseResolveProbes.join(','),
        [ENV.probeCount]: String(o.probeCount),
        ...(o.manifestPath === null ? {} : { [ENV.project]: o.manifestPath }),
        ...(o.workers ? { [ENV.workers]: '1' } : {}),
      },
    });
    let stderr = '';
    let killedForTimeout = false;
    let aborted = false;
    let settled = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => {
      if (stderr.length < 64 * 1024) stderr += s;
      if (debug) process.stderr.write(s);
    });
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      killedForTimeout = true;
      killGroup();
    }, o.timeoutMs + KILL_GRACE_MS);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      killGroup(); // processes the user's code started must not outlive the run
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (err.code === 'ENOENT') reject(new Error(`loopscope: cannot run node: '${o.nodePath}' was not found (set loopscope.nodePath / --node to a Node.js >= 20 binary)`));
      else reject(err);
    });
    child.on('close', (exitCode, signal) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (aborted) {
        const e = new Error('The trace was cancelled');
        e.name = 'AbortError';
        reject(e);
        return;
      }
      resolve({ exitCode, signal, killedForTimeout, stderr });
    });
  });
}

/** Exactly one 'end' at the end: the child's own hint, else 'timeout' when we killed it, else the exit code. */
function finishEvents(events: RawEvent[], run: ChildRun, hint: Extract<RawEvent, { 0: 'end' }> | null): RawEvent[] {
  let last = 0;
  for (const e of events) if (e[1] > last) last = e[1];
  let reason: ExitReason;
  let code: number | null;
  if (hint !== null) {
    reason = hint[2];
    code = reason === 'event-cap' || reason === 'timeout' ? null : run.exitCode ?? hint[3];
  } else if (run.killedForTimeout) {
    reason = 'timeout';
    code = null;
  } else {
    code = run.exitCode;
    reason = run.exitCode === 0 ? 'completed' : 'uncaught-error';
    // Killed by a signal nobody in the runner sent (V8 out of memory aborts, process.abort(), a kill of
    // itself): no JS error exists to report, so say which signal, with V8's fatal line when it printed one.
    if (run.signal !== null) events.push(['error', last, 'uncaught', crashMessage(run.signal, run.stderr), null, null]);
  }
  events.push(['end', hint !== null ? hint[1] : last, reason, code]);
  return events;
}

/** "the process was killed by SIGTERM", or "the process crashed (SIGABRT): FATAL ERROR: … heap out of memory". */
function crashMessage(signal: NodeJS.Signals, stderr: string): string {
  const fatal = /^FATAL ERROR: .*$/m.exec(stderr)?.[0] ?? /^# Fatal error.*$/m.exec(stderr)?.[0];
  return fatal !== undefined ? `the process crashed (${signal}): ${fatal.trim()}` : `the process was killed by ${signal}`;
}
