// Loopscope's child-side tracer, preloaded with `node -r dist/runtime/tracer.js` into the user's process.
// It captures the globals it needs, defines the injected runtime object, substitutes the instrumented code
// when Node loads the entry file (CJS: extension handler; ESM: module.register load hook), and records what
// the event loop does into the events file. It never writes to stdout/stderr and creates no async resource.
import { C } from './captured';
import { readConfig, workerConfig, type TracerConfig } from './config';
import { readWorkerConfig, traceWorkers } from './workerThreads';
import { openEvents } from './runLifecycle';
import { flush } from './recordStream';
import { configureInference } from './queueInference';
import { startScript, endScript } from './runningTask';
import { enableHooks } from './hooks';
import { captureConsole } from './consoleCapture';
import { wrapTimerClears } from './timerControls';
import { startPromiseValues } from './promiseValues';
import { wrapPromiseCombinators } from './promiseCombinators';
import { installExitHandling, reportError } from './exitHandling';
import { installRuntimeApi } from './runtimeApi';
import { setUserFiles } from './libraryFrames';
import { hookCjsEntry } from './cjsEntry';
import { registerEsmEntry, dropEsmHooks, esmHooksInThread, serveImportedModules } from './esmRegister';
import { installFunctionSource } from './functionSource';
import { callAllowance } from '../shared/runtimeContract';
import { hookProjectModules } from './projectModules';

function start(cfg: TracerConfig): void {
  const esm = cfg.module === 'esm';
  openEvents(cfg.eventsPath, cfg.maxEvents, cfg.module, cfg.thread);
  configureInference({ deadline: cfg.deadline, esm });
  captureConsole(cfg.echo);
  wrapTimerClears();
  startPromiseValues(); // before the promise hooks: its self-test makes promises
  wrapPromiseCombinators();
  const project = cfg.project;
  installExitHandling(cfg.entry, project?.files ?? null);
  setUserFiles(project?.files ?? [cfg.entry], __filename);
  installFunctionSource(project === null ? [cfg.codePath] : [cfg.codePath, ...Object.values(project.modules).map((m) => m.code)], cfg.runtimeName);
  // the hooks stay after the module graph loaded when import() of a local module needs them (esmRegister.ts)
  const keepEsmHooks = project !== null && (project.esmHooksRequired || (project.keepEsmHooks && esmHooksInThread()));
  const begin = (): void => {
    if (esm && !keepEsmHooks) dropEsmHooks();
    enableHooks();
    startScript();
  };
  installRuntimeApi(cfg.runtimeName, {
    deadline: cfg.deadline,
    callBudget: cfg.callBudget,
    callAllowance: callAllowance(cfg.maxEvents),
    promiseResolveProbes: cfg.promiseResolveProbes,
    probeCount: cfg.probeCount,
    onModuleStart: esm ? begin : null,
  });
  if (project !== null) {
    hookProjectModules(project);
    // a CommonJS entry whose project has ES modules: import() of them goes through the ES module hooks
    if (!esm && keepEsmHooks) registerEsmEntry(null, cfg.codePath, cfg.runtimeName, project);
    // Node 20: no hooks for a CommonJS entry's import() of a local ES module; it is served in-thread
    else if (!esm && project.keepEsmHooks) serveImportedModules(project);
  }
  if (esm) {
    registerEsmEntry(cfg.entry, cfg.codePath, cfg.runtimeName, project);
  } else {
    hookCjsEntry(cfg.entry, cfg.codePath, begin, (threw, error) => {
      // An exception escaping the entry module is uncaught: report it inside the script task.
      if (threw) reportError(error, 'uncaught');
      endScript();
      flush();
    });
  }
  if (cfg.workers) traceWorkers(cfg);
  hideLoopscopeFlags();
}

/** process.execArgv shows what the user ran; also keeps fork()ed children from loading the tracer. */
function hideLoopscopeFlags(): void {
  const argv = process.execArgv;
  for (let i = argv.length - 1; i >= 0; i--) {
    const a = argv[i];
    if ((a === '-r' || a === '--require') && i + 1 < argv.length && C.indexOf(argv[i + 1], 'tracer.js') >= 0) argv.splice(i, 2);
    else if (a === '--import' && i + 1 < argv.length && C.indexOf(argv[i + 1], 'data:text/javascript,') === 0) argv.splice(i, 2);
    else if (a === '--enable-source-maps' || a === '--expose-internals' || C.indexOf(a, '--stack-size=') === 0) argv.splice(i, 1);
  }
}

// The process the runner started: readConfig removes the LOOPSCOPE_* variables, so child processes of the
// user's code (which preload this file too) find no configuration and stay untraced. A worker thread finds its
// configuration in the environment data its creator's tracer left for it (workerThreads.ts).
const cfg = readConfig(process.env) ?? readThreadConfig();
if (cfg !== null) start(cfg);

function readThreadConfig(): TracerConfig | null {
  const w = readWorkerConfig();
  return w === null ? null : workerConfig(w.data, w.threadId);
}
