// Worker threads traced: a thread's tracer replaces worker_threads.Worker with a subclass that, while the
// original constructor runs, leaves the tracer's configuration for the new thread in the environment data
// (worker_threads.setEnvironmentData: copied into the thread at construction, invisible to process.env). The
// preload reaches the worker by itself (a Worker inherits the parent's execArgv, `-r tracer.js` included); there
// the tracer reads that configuration (readWorkerConfig) and writes its own events file beside the main
// thread's, with times on the main thread's run clock. Loaded only when a traced file names node:worker_threads
// (requiring the module costs about 2 ms at start-up).
import { C } from './captured';
import { R } from './apiObject';
import { WORKER_CONFIG_KEY, type WorkerTracerConfig } from '../shared/runtimeContract';
import type { TracerConfig } from './config';
import { now, startTime } from './runClock';
import { emitText } from './recordEncoding';
import { lateInit, recogniseEarlyResources } from './asyncResourceHooks';

type WorkerThreadsModule = typeof import('node:worker_threads');

function workerThreads(): WorkerThreadsModule {
  return require('node:worker_threads') as WorkerThreadsModule;
}

/** In a worker thread: the configuration its creator left, or null (the main thread, an untraced Worker). */
export function readWorkerConfig(): { data: WorkerTracerConfig; threadId: number } | null {
  const wt = workerThreads();
  if (wt.isMainThread) return null;
  const data = wt.getEnvironmentData(WORKER_CONFIG_KEY) as WorkerTracerConfig | undefined;
  if (data === undefined || data === null || typeof data !== 'object') return null;
  wt.setEnvironmentData(WORKER_CONFIG_KEY, undefined); // the user's code never sees it (nor inherits it)
  return { data, threadId: wt.threadId };
}

/** The Worker's script as a real path, when it names a file (a path or a file: URL; not `eval: true` code). */
function scriptFile(filename: unknown, options: unknown): string | null {
  if (options !== null && typeof options === 'object' && (options as { eval?: unknown }).eval === true) return null;
  let file: string;
  try {
    if (typeof filename === 'string') file = C.indexOf(filename, 'file:') === 0 ? C.fileURLToPath(filename) : filename;
    else if (filename !== null && typeof filename === 'object' && (filename as { protocol?: unknown }).protocol === 'file:') file = C.fileURLToPath(filename as URL);
    else return null;
    const path = require('node:path') as typeof import('node:path');
    const fs = require('node:fs') as typeof import('node:fs');
    return fs.realpathSync(path.resolve(file));
  } catch {
    return null; // Node's own constructor reports the bad argument
  }
}

/** Replaces worker_threads.Worker (before any user code) so that every Worker the program creates is traced. */
export function traceWorkers(cfg: TracerConfig): void {
  const wt = workerThreads();
  const Original = wt.Worker;
  const threadId = wt.threadId;
  // taken before any user code: the program may replace them
  const setEnvironmentData = wt.setEnvironmentData;
  const epochStart = cfg.thread === null ? performance.timeOrigin + startTime() : cfg.thread.epochStart;
  const basename = (require('node:path') as typeof import('node:path')).basename;
  const handOver = (filename: unknown, options: unknown): void => {
    const file = scriptFile(filename, options);
    if (file === null) return;
    const named = options !== null && typeof options === 'object' ? (options as { name?: unknown }).name : undefined;
    const line = R.l;
    const config: WorkerTracerConfig = {
      runtimeName: cfg.runtimeName,
      mainEventsPath: cfg.mainEventsPath,
      entry: cfg.main.entry,
      codePath: cfg.main.codePath,
      module: cfg.main.module,
      maxEvents: cfg.maxEvents,
      callBudget: cfg.callBudget,
      probeCount: cfg.probeCount,
      deadline: cfg.deadline,
      echo: cfg.echo,
      promiseResolveProbes: setToArray(cfg.promiseResolveProbes),
      project: cfg.project,
      epochStart,
      file,
      name: typeof named === 'string' && named !== '' ? named : basename(file),
      line: typeof line === 'number' ? line : null,
      parent: threadId,
    };
    setEnvironmentData(WORKER_CONFIG_KEY, config);
  };
  class Worker extends Original {
    override postMessage(value: unknown, transfer?: readonly import('node:worker_threads').Transferable[]): void {
      recordPost(this.threadId);
      return C.apply(Original.prototype.postMessage, this, arguments as unknown as unknown[]) as void;
    }
    constructor(filename: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      try {
        handOver(filename, options);
      } catch {
        // not traced, but created as the program asked
      }
      try {
        super(filename, options);
      } finally {
        setEnvironmentData(WORKER_CONFIG_KEY, undefined);
      }
    }
  }
  C.defineProperty(wt, 'Worker', { value: Worker, writable: true, enumerable: true, configurable: true });
  // a worker's messages to the thread that created it
  const port = wt.parentPort;
  if (cfg.thread !== null && port !== null) {
    // parentPort was created before the preload ran: its message tasks are recognised when they run
    const executionAsyncResource = (require('node:async_hooks') as typeof import('node:async_hooks')).executionAsyncResource;
    let known = false;
    recogniseEarlyResources((asyncId) => {
      if (known || executionAsyncResource() !== port) return undefined;
      known = true;
      return lateInit(asyncId, 'MESSAGEPORT', port);
    });
    const parent = cfg.thread.parent;
    const original = port.postMessage;
    C.defineProperty(port, 'postMessage', {
      value: function postMessage(this: unknown) {
        recordPost(parent);
        return C.apply(original, this, arguments as unknown as unknown[]);
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
}

/** A `post` event: a message to thread `to` (its `message` task there is linked to it: model/threadMessages.ts). */
function recordPost(to: number): void {
  const l = R.l;
  emitText('["post",' + now() + ',' + to + ',' + (typeof l === 'number' ? l : 'null') + ']\n');
}

function setToArray(s: Set<number>): number[] {
  const out: number[] = [];
  s.forEach((x) => {
    out[out.length] = x;
  });
  return out;
}
