// What the runner told the child, read once from the environment. The LOOPSCOPE_* variables are then
// removed from process.env so that user code (and processes it forks) never sees them. Their names are the
// core/runtime contract's (src/shared/runtimeContract.ts, RUNTIME_ENV).
import { C } from './captured';
import { RUNTIME_ENV as ENV, DEFAULT_CALL_BUDGET, threadEventsPath, type ProjectManifest, type WorkerTracerConfig } from '../shared/runtimeContract';

export interface TracerConfig {
  runtimeName: string;
  eventsPath: string;
  entry: string;
  codePath: string;
  module: 'cjs' | 'esm';
  maxEvents: number;
  /** Calls each task records (Infinity: all, `--full`). */
  callBudget: number;
  deadline: number; // epoch ms, Infinity when absent
  echo: boolean;
  promiseResolveProbes: Set<number>; // thenable probes that are `Promise.resolve(x)` calls
  /** The run's probe count (fast copies run only when it is known: foldedCalls.ts). */
  probeCount: number | null;
  /** A project of several files: its other local modules (src/core/project/), else null. */
  project: ProjectManifest | null;
  /** Trace the worker threads this thread creates (some traced file names node:worker_threads). */
  workers: boolean;
  /** The main thread's events file (a worker's own file is beside it). */
  mainEventsPath: string;
  /** The main thread's entry (a worker running that file runs the same instrumented code). */
  main: { entry: string; codePath: string; module: 'cjs' | 'esm' };
  /** A worker thread: which one, and the main thread's run start (epoch ms) its clock counts from; else null. */
  thread: { id: number; name: string; line: number | null; parent: number; epochStart: number } | null;
}

export function readConfig(env: NodeJS.ProcessEnv): TracerConfig | null {
  const runtimeName = env[ENV.runtimeName];
  const eventsPath = env[ENV.events];
  const entry = env[ENV.entry];
  const codePath = env[ENV.code];
  if (!runtimeName || !eventsPath || !entry || !codePath) return null;
  const max = Number(env[ENV.maxEvents]);
  const deadline = Number(env[ENV.deadline]);
  const budgetText = env[ENV.callBudget];
  const budget = Number(budgetText);
  const promiseResolveProbes = new C.Set<number>(); // C.Set: user code may break Set.prototype.has
  for (const s of (env[ENV.promiseResolveProbes] ?? '').split(',')) if (s !== '') promiseResolveProbes.add(Number(s));
  const config: TracerConfig = {
    runtimeName, eventsPath, entry, codePath,
    module: env[ENV.module] === 'esm' ? 'esm' : 'cjs',
    maxEvents: Number.isFinite(max) && max > 0 ? max : 100000,
    callBudget: budgetText === 'all' ? Infinity : Number.isFinite(budget) && budget >= 0 ? budget : DEFAULT_CALL_BUDGET,
    deadline: Number.isFinite(deadline) && deadline > 0 ? deadline : Infinity,
    echo: env[ENV.echo] === '1',
    promiseResolveProbes,
    probeCount: probeCountOf(env[ENV.probeCount]),
    project: readManifest(env[ENV.project]),
    workers: env[ENV.workers] === '1',
    mainEventsPath: eventsPath,
    main: { entry, codePath, module: env[ENV.module] === 'esm' ? 'esm' : 'cjs' },
    thread: null,
  };
  for (const k of Object.values(ENV)) delete env[k];
  return config;
}

function probeCountOf(text: string | undefined): number | null {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isInteger(n) && n >= 0 && n < 2 ** 26 ? n : null;
}

function readManifest(file: string | undefined): ProjectManifest | null {
  if (file === undefined || file === '') return null;
  try {
    return C.parse(C.readFileSync(file, 'utf8') as string) as ProjectManifest;
  } catch {
    return null; // unreadable: the entry alone is traced
  }
}

/**
 * A worker thread's configuration, from what the creating thread handed over (workerThreads.ts): the worker's
 * script is the entry file itself (the same instrumented code) or one of the project's modules.
 */
export function workerConfig(w: WorkerTracerConfig, threadId: number): TracerConfig | null {
  let codePath = w.codePath;
  let module = w.module;
  if (w.file !== w.entry) {
    const local = w.project !== null && C.hasOwn(w.project.modules, w.file) ? w.project.modules[w.file] : undefined;
    if (local === undefined) return null;
    codePath = local.code;
    module = local.module;
  }
  const promiseResolveProbes = new C.Set<number>();
  for (const p of w.promiseResolveProbes) promiseResolveProbes.add(p);
  return {
    runtimeName: w.runtimeName,
    eventsPath: threadEventsPath(w.mainEventsPath, threadId),
    entry: w.file,
    codePath,
    module,
    maxEvents: w.maxEvents,
    callBudget: w.callBudget,
    probeCount: w.probeCount,
    deadline: w.deadline,
    echo: w.echo,
    promiseResolveProbes,
    project: w.project,
    workers: true,
    mainEventsPath: w.mainEventsPath,
    main: { entry: w.entry, codePath: w.codePath, module: w.module },
    thread: { id: threadId, name: w.name, line: w.line, parent: w.parent, epochStart: w.epochStart },
  };
}
