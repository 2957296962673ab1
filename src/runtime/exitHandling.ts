// How the run ends, observed without changing what Node does: process.exit is wrapped (to know it was called),
// process.emit is wrapped (to see 'beforeExit', and to write the last events after every user 'exit' listener
// ran), and uncaught errors are seen through 'uncaughtExceptionMonitor' — never through 'uncaughtException' or
// 'unhandledRejection' listeners, whose mere presence changes Node's behaviour.
import { inspect } from 'node:util';
import { C } from './captured';
import { emitText } from './recordEncoding';
import { now } from './runClock';
import { endRun } from './runLifecycle';
import { flush } from './recordStream';
import { endTaskForError } from './runningTask';
import { LINE_STRIDE } from '../shared/sourceFiles';

const inspectValue = inspect;
let exitCalled = false;
let fatalCandidate = false;
let lastReported: unknown = undefined;
/** The traced files' paths and URLs by file index (0 = the entry): an error's position is in one of them. */
let filePaths: string[] = [];
let fileUrls: string[] = [];

/** `files`: a project's traced files by index (the entry first), or null for the entry alone. */
export function installExitHandling(entry: string, files: string[] | null): void {
  filePaths = files ?? [entry];
  fileUrls = new C.Array<string>(filePaths.length);
  for (let i = 0; i < filePaths.length; i++) fileUrls[i] = C.pathToFileURL(filePaths[i]).href;
  const originalExit = C.processExit;
  process.exit = function exit(this: NodeJS.Process) {
    exitCalled = true;
    return C.apply(originalExit, this, arguments as unknown as unknown[]) as never;
  } as typeof process.exit;

  const originalEmit = C.processEmit;
  process.emit = function emit(this: NodeJS.Process, event: string | symbol) {
    if (event === 'beforeExit') fatalCandidate = false; // the loop emptied normally
    let result: unknown;
    try {
      result = C.apply(originalEmit, this, arguments as unknown as unknown[]);
    } catch (err) {
      // An 'exit' listener threw: Node reports it as uncaught and exits with code 1, and no 'exit' comes
      // again. Write the end now, or everything since the last flush is lost.
      if (event === 'exit') {
        reportError(err, 'uncaught');
        endRun('uncaught-error', 1);
      }
      throw err;
    }
    if (event === 'exit') finish(arguments[1] as number | undefined);
    return result;
  } as typeof process.emit;

  // A process that kills itself (process.abort, process.kill of its own pid with a signal nobody handles)
  // dies inside the call: write what is buffered first, so the trace keeps the task that did it. The runner
  // reports the signal (runTraced.ts).
  const originalAbort = C.processAbort;
  process.abort = function abort(this: NodeJS.Process) {
    flush(true);
    return C.apply(originalAbort, this, arguments as unknown as unknown[]) as never;
  } as typeof process.abort;
  const originalKill = C.kill;
  process.kill = function kill(this: NodeJS.Process, pid: number, signal?: string | number) {
    if (killsThisProcess(pid, signal)) flush(true);
    return C.apply(originalKill, this, arguments as unknown as unknown[]) as boolean;
  } as typeof process.kill;

  C.apply(C.processOn, process, [
    'uncaughtExceptionMonitor',
    (err: unknown, origin: string) => {
      reportError(err, origin === 'unhandledRejection' ? 'unhandled-rejection' : 'uncaught');
      fatalCandidate = true;
    },
  ]);
}

/** Signals whose default action is not to end the process (or that Node handles itself). */
const SURVIVABLE: Record<string, true> = {
  __proto__: null as unknown as true, // no inherited keys: user code may add to Object.prototype
  SIGCHLD: true, SIGCONT: true, SIGURG: true, SIGWINCH: true, SIGSTOP: true, SIGTSTP: true, SIGTTIN: true, SIGTTOU: true, SIGPIPE: true, SIGUSR1: true,
};

function killsThisProcess(pid: unknown, signal: unknown): boolean {
  if (pid !== C.pid && pid !== 0 && pid !== C.String(C.pid) && pid !== '0') return false;
  let name: string;
  if (signal === undefined) name = 'SIGTERM';
  else if (typeof signal === 'string') name = signal;
  else if (typeof signal === 'number') {
    if (signal === 0) return false; // a liveness check
    const signals = (require('node:os') as typeof import('node:os')).constants.signals as Record<string, number>;
    name = '';
    for (const key in signals) if (signals[key] === signal) name = key;
  } else return false;
  if (name === '' || SURVIVABLE[name] === true) return false;
  return name === 'SIGKILL' || C.apply(C.listenerCount, process, [name]) === 0;
}

function finish(code: number | undefined): void {
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : typeof code === 'number' ? code : 0;
  const reason = exitCalled ? 'process-exit' : fatalCandidate && exitCode !== 0 ? 'uncaught-error' : 'completed';
  endRun(reason, exitCode);
}

/** An error escaped user code (also called by the CJS entry when its body throws, before Node sees it). */
export function reportError(err: unknown, kind: 'uncaught' | 'unhandled-rejection'): void {
  if (err === lastReported && err !== undefined) return;
  lastReported = err;
  const { message, line, column } = describe(err);
  emitText('["error",' + now() + ',"' + kind + '",' + C.stringify(message) + ',' + line + ',' + column + ']\n');
  endTaskForError();
}

function describe(err: unknown): { message: string; line: string; column: string } {
  let message: string;
  let stack = '';
  try {
    if (err instanceof Error || (err !== null && typeof err === 'object' && 'message' in err && 'stack' in err)) {
      const e = err as Error;
      const name = C.String(e.name ?? 'Error');
      const msg = C.String(e.message ?? '');
      message = msg === '' ? name : name + ': ' + msg;
      stack = typeof e.stack === 'string' ? e.stack : '';
    } else {
      message = inspectValue(err);
    }
  } catch {
    message = 'Error';
  }
  // The first stack frame in one of the user's traced files; --enable-source-maps already mapped it to the
  // original file. Its line is a located line (src/shared/sourceFiles.ts): the file's index names the file.
  const lines = C.split(stack, '\n');
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    for (let f = 0; f < filePaths.length; f++) {
      if (C.indexOf(l, filePaths[f] + ':') < 0 && C.indexOf(l, fileUrls[f] + ':') < 0) continue;
      const m = C.exec(/:(\d+):(\d+)\)?\s*$/, l);
      if (m !== null) return { message, line: f === 0 ? m[1] : C.String(f * LINE_STRIDE + +m[1]), column: m[2] };
    }
  }
  return { message, line: 'null', column: 'null' };
}
