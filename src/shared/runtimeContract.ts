// The contract between src/core (the runner and the instrumenter) and src/runtime (the tracer in the user's
// process), spelled once here and imported by both sides: the environment variables the runner sets for the
// child, the names of the injected runtime API the instrumented code calls, and the files written beside the
// instrumented code. (The events file the child writes back has its own table: eventRecords.ts.)

/**
 * The calls the instrumented code makes on the injected global `R` (docs/ARCHITECTURE.md, "The injected
 * runtime API"). The runtime's RuntimeApi (src/runtime/apiObject.ts) is keyed by these, so a letter changed
 * here no longer compiles there.
 */
export const INJECTED_API = {
  /** `const Rf = R.e(probe)`: enter a function, returns the invocation id */
  enter: 'e',
  /** `R.x(Rf)` in the `finally` around every function body: exit */
  exit: 'x',
  /** `await R.s(Rf, X)` / `yield R.s(Rf, X)`: the frame suspends; returns X */
  suspend: 's',
  /** `R.r(Rf, yield ...)`: the generator frame resumes; returns the yield's value */
  resume: 'r',
  /** `for await (L of R.fa(Rf, X))`: async-iterable wrapper */
  forAwait: 'fa',
  /** `R.c(probe, fn)`: a callback handed to a schedule site; returns fn */
  callback: 'c',
  /** `R.t(probe, X)`: X may be a thenable adopted here; returns X */
  thenable: 't',
  /** `R.l = LINE;`: the running line (a property, not a call) */
  line: 'l',
  /**
   * `if(--R.n<0)R.g();`: wall-clock guard in loop bodies. The countdown `R.n` runs inline (a property
   * decrement); `R.g()` (reads the clock, resets the countdown) runs once every GUARD_INTERVAL iterations,
   * because a call per iteration made a tight loop about 2.5x slower than plain node.
   */
  guard: 'g',
  /** The guard's countdown (see `guard`). */
  guardCountdown: 'n',
  /**
   * `if(R.h){R.k[0]++;R.k[probe+1]++;...}`: true while a window of counted calls is open (a task's or a function's call budget spent); a function
   * then runs its uninstrumented fast copy (src/core/instrument/fastCopy.ts), only counted.
   */
  fast: 'h',
  /** The fast copies' call counts: [0] all of them, [probe + 1] each function's (a Float64Array). */
  fastCounts: 'k',
  /** `R.m();`: end-of-module marker the runtime's load hook appends to an ES module entry */
  moduleEnd: 'm',
  /** `R.b()`: the ES module graph starts evaluating (a data: module the entry imports first) */
  moduleStart: 'b',
} as const;

/** The environment variables through which the runner configures the child's tracer (src/runtime/config.ts). */
export const RUNTIME_ENV = {
  /** The injected global's name (unique per run: src/core/instrument/runtimeName.ts). */
  runtimeName: 'LOOPSCOPE_RUNTIME_NAME',
  /** Where the child writes its events file. */
  events: 'LOOPSCOPE_EVENTS',
  /** The user's entry file (its real path), which the runtime substitutes. */
  entry: 'LOOPSCOPE_ENTRY',
  /** The instrumented code to run instead. */
  code: 'LOOPSCOPE_CODE',
  /** 'cjs' or 'esm'. */
  module: 'LOOPSCOPE_MODULE',
  /** The event cap. */
  maxEvents: 'LOOPSCOPE_MAX_EVENTS',
  /** Calls each task records before further calls are counted, not recorded; `all` records every call. */
  callBudget: 'LOOPSCOPE_CALL_BUDGET',
  /** The wall-clock deadline, epoch ms. */
  deadline: 'LOOPSCOPE_DEADLINE',
  /** '1': the child also prints the user's console output. */
  echo: 'LOOPSCOPE_ECHO',
  /** Comma-separated thenable probes that are `Promise.resolve(x)` calls. */
  promiseResolveProbes: 'LOOPSCOPE_PROMISE_RESOLVE_PROBES',
  /** A project of several files: the path of its ProjectManifest (JSON). Absent for one file. */
  project: 'LOOPSCOPE_PROJECT',
  /** '1': some traced file names node:worker_threads; the tracer then traces the workers it creates. */
  workers: 'LOOPSCOPE_WORKERS',
  /** How many probes the run's instrumented files have (sizes the fast copies' counts; absent: no fast copies run). */
  probeCount: 'LOOPSCOPE_PROBE_COUNT',
} as const;

/**
 * Worker threads (src/runtime/workerThreads.ts): the key under which a thread's tracer hands its configuration
 * to a Worker it creates (worker_threads.setEnvironmentData, copied into the new thread at construction; never
 * process.env, which the user's code sees and may replace).
 */
export const WORKER_CONFIG_KEY = 'loopscope:worker-config';

/** What a worker thread's tracer is told by the thread that created it (a structured-clone-able object). */
export interface WorkerTracerConfig {
  runtimeName: string;
  /** The main thread's events file: a worker writes beside it (threadEventsPath). */
  mainEventsPath: string;
  /** The traced entry and its instrumented code (a worker running the entry file runs the same code). */
  entry: string;
  codePath: string;
  module: 'cjs' | 'esm';
  maxEvents: number;
  /** Infinity is kept by structured clone. */
  callBudget: number;
  /** The main thread's probe count (the fast copies' counts: the worker runs the same instrumented files). */
  probeCount: number | null;
  deadline: number;
  echo: boolean;
  promiseResolveProbes: number[];
  project: ProjectManifest | null;
  /** The main thread's run start, as an epoch time in ms (performance.timeOrigin + the run clock's start). */
  epochStart: number;
  /** The new Worker: its script's real path, a name, and the located line of `new Worker` (or null). */
  file: string;
  name: string;
  line: number | null;
  /** The thread that created it (0: main). */
  parent: number;
}

/** The events file of worker thread `threadId` (Node's worker.threadId), beside the main thread's. */
export function threadEventsPath(mainEventsPath: string, threadId: number): string {
  return mainEventsPath + '.thread-' + threadId;
}

/** Calls a task records before its further calls are counted, not recorded (`--call-budget`, `--full`). */
export const DEFAULT_CALL_BUDGET = 10_000;
/**
 * The share of the event cap that recorded calls (an enter and an exit each) may take over the whole run:
 * calls alone never stop a run; the rest of the cap is for task-level events (queues, console, errors).
 */
export const CALL_SHARE_OF_CAP = 0.8;

/**
 * The calls one function may record in a task: a fifth of the task's budget (2,000 by default), so that one hot
 * function (a recursion, a comparator, a tokenizer) does not spend the budget of everything else its task
 * calls, and its later calls run their fast copies sooner (README "Hot code").
 */
export function functionCallBudget(taskBudget: number): number {
  return taskBudget === Infinity ? Infinity : Math.ceil(taskBudget / 5);
}

/** The whole run's budget of recorded calls under an event cap (each call is two events). */
export function callAllowance(maxEvents: number): number {
  return Math.floor((maxEvents * CALL_SHARE_OF_CAP) / 2);
}

/**
 * What the runtime needs to load a project's other local modules instrumented (src/runtime/projectModules.ts,
 * the ES module hooks): written by the runner (src/core/project/) as JSON. Paths are real paths.
 */
export interface ProjectManifest {
  /** Local modules besides the entry: the instrumented code file to run instead, and the module format. */
  modules: Record<string, { code: string; module: 'cjs' | 'esm' }>;
  /** Importer -> specifier as written -> the file it names, for what Node cannot resolve by itself
   * (extensionless TypeScript, `./x.js` naming x.ts, tsconfig `paths`). */
  resolutions: Record<string, Record<string, string>>;
  /** Every traced file by file index (0 = the entry): an error's position names its file by this index. */
  files: string[];
  /**
   * A local module is loaded by `import()`: keep the ES module hooks for the whole run where they cost nothing
   * (in-thread, module.registerHooks). Off-thread (Node 20) they would change when every import() settles, so
   * there they stay only when `esmHooksRequired`, and a JavaScript module import() loads is served in-thread
   * by the loader's own `load` (esmRegister.ts serveImportedModules).
   */
  keepEsmHooks: boolean;
  /** An `import()` names a local file Node cannot load by itself (TypeScript, a mapped specifier). */
  esmHooksRequired: boolean;
}

/**
 * The instrumenter's insertions into the transpiled code, sorted by offset: offset `at[i]` of the transpiled
 * text is preceded by `length[i]` inserted characters in the instrumented text.
 */
export interface InsertionBlocks {
  at: number[];
  length: number[];
}

/** The insertion blocks live in a JSON file named after the instrumented code file: `<codePath>` + this. */
export const INSERTIONS_FILE_SUFFIX = '.insertions.json';
