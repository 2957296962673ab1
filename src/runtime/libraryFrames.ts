// Library code between two user frames (an EventEmitter's `emit`, `Array.prototype.map`, a package's retry
// loop): the instrumenter only sees user functions enter (R.e), so when one is entered while another user frame
// is on the stack, a short V8 stack says whether the caller called it directly or through library frames, and
// which: the outermost of them (the one the user's code called), as one `via` record before the callee's
// `enter` (src/shared/eventRecords.ts).
//
// Cost: a V8 stack capture is a few microseconds, so each callee probe remembers the answer for each caller's
// running line it was entered from (the last one in an array, the others in a map): recursion (fib calling fib),
// a callback called by `map` 10,000 times from one line, or a helper called from ten lines in a loop capture
// once per line. The price: one line that calls the same function both directly and through library code
// shows the first way it went for both (README, Library frames).
//
// The user's own Error.prepareStackTrace / Error.stackTraceLimit are put back untouched, and nothing the user
// can replace is called: when they made either an accessor, or replaced the global Error (which Node's stack
// formatting reads), no stack is taken.
import { C } from './captured';

interface CallSite {
  getFileName(): string | undefined | null;
  getFunctionName(): string | null;
  getTypeName(): string | null;
  isConstructor(): boolean;
}

/** Frames taken: the callee, then up to this many callers until a user frame. */
const STACK_LIMIT = 10;
/**
 * Not library code but the language's machinery around a user function, never shown as a library frame: a
 * builtin `next` / `return` / `throw` resumes a generator (V8 says `Generator.next`, or `ticker.next` for an
 * async generator), and `new Promise` runs its executor.
 */
const RESUMERS = new C.Set<string>(['next', 'return', 'throw']);

const ErrorCtor = Error;
const captureStackTrace = Error.captureStackTrace;
const structured = (_e: unknown, sites: CallSite[]): CallSite[] => sites;
/** CallSite's methods, taken from a first capture before user code runs (user code may patch the prototype). */
let site: { file: (s: CallSite) => string | undefined | null; fn: (s: CallSite) => string | null; type: (s: CallSite) => string | null; ctor: (s: CallSite) => boolean } | null = null;

const userFiles = new C.Set<string>();
let tracerFile = '';
/** Per callee probe: the caller's line of the last check (-2: none yet), and its answer (a via index, -1: direct). */
const checkedLine: number[] = [];
const checkedVia: number[] = [];
/** Per callee probe called from more than one line: every line's answer. */
const byLine: (InstanceType<typeof C.Map<number, number>> | undefined)[] = [];
/** Library frames found so far: name and file (null: a builtin such as Array.map). */
const viaNames: string[] = [];
const viaFiles: (string | null)[] = [];
const viaIndex = new C.Map<string, number>();

/** The user's files, as V8 names them in stacks (paths for CommonJS, file: URLs for ES modules). */
export function setUserFiles(files: readonly string[], ownFile: string): void {
  for (const f of files) {
    userFiles.add(f);
    userFiles.add(C.pathToFileURL(f).href);
  }
  tracerFile = ownFile;
  const sites = capture(setUserFiles, 1);
  const proto = sites !== null && sites.length > 0 ? (C.getPrototypeOf(sites[0]) as CallSite) : null;
  if (proto === null) return;
  site = {
    file: (s) => C.apply(proto.getFileName, s, []) as string | undefined | null,
    fn: (s) => C.apply(proto.getFunctionName, s, []) as string | null,
    type: (s) => C.apply(proto.getTypeName, s, []) as string | null,
    ctor: (s) => C.apply(proto.isConstructor, s, []) as boolean,
  };
}

/**
 * The library frame between the user function `probe`, entered now from a user frame at `callerLine`, and that
 * frame: an index for viaName/viaFile, or -1 when it was called directly. `below`: the runtime's function the
 * callee called (R.e), whose frame and those above it are left out.
 */
export function libraryBetween(probe: number, callerLine: number | null, below: Function): number {
  const line = callerLine === null ? -1 : callerLine;
  if (checkedLine[probe] === line) return checkedVia[probe];
  while (checkedLine.length <= probe) {
    checkedLine[checkedLine.length] = -2; // not push: user code may replace it
    checkedVia[checkedVia.length] = -1;
    byLine[byLine.length] = undefined;
  }
  let lines = byLine[probe];
  let via = lines?.get(line);
  if (via === undefined) {
    via = find(below);
    if (checkedLine[probe] !== -2) {
      if (lines === undefined) {
        lines = byLine[probe] = new C.Map<number, number>();
        lines.set(checkedLine[probe], checkedVia[probe]);
      }
      lines.set(line, via);
    }
  }
  checkedLine[probe] = line;
  checkedVia[probe] = via;
  return via;
}

export function viaName(via: number): string {
  return viaNames[via];
}

export function viaFile(via: number): string | null {
  return viaFiles[via];
}

function find(below: Function): number {
  if (site === null) return -1;
  const sites = capture(below, STACK_LIMIT);
  if (sites === null) return -1;
  let outermost: CallSite | null = null;
  for (let i = 1; i < sites.length; i++) {
    const s = sites[i];
    const file = site.file(s);
    if (typeof file === 'string' && userFiles.has(file)) break;
    if (file === tracerFile) continue; // the tracer's own wrappers (console capture) are not the user's library
    if (isMachinery(s, file)) continue;
    outermost = s;
  }
  if (outermost === null) return -1;
  const file = site.file(outermost);
  const name = nameOf(outermost, file);
  const where = typeof file !== 'string' || file === '' ? null : libraryName(file);
  const key = name + '\0' + (where ?? '');
  const known = viaIndex.get(key);
  if (known !== undefined) return known;
  const index = viaNames.length;
  viaNames[index] = name;
  viaFiles[index] = where;
  viaIndex.set(key, index);
  return index;
}

function isMachinery(s: CallSite, file: string | undefined | null): boolean {
  if (typeof file === 'string' && file !== '') return false;
  const fn = site!.fn(s);
  return fn !== null && (site!.ctor(s) ? fn === 'Promise' : RESUMERS.has(fn));
}

/** V8's name for a frame: `emit` in a file, `Array.map` / `new Promise` for a builtin (no file). */
function nameOf(s: CallSite, file: string | undefined | null): string {
  const fn = site!.fn(s);
  if (typeof file === 'string' && file !== '') return fn ?? '(anonymous)';
  if (site!.ctor(s)) return 'new ' + (fn ?? '(anonymous)');
  const type = site!.type(s);
  return type !== null && fn !== null ? type + '.' + fn : (fn ?? '(anonymous)');
}

/** `node:events` as is; the package for a file under node_modules (`greeter`, `@scope/pkg`); else the path. */
export function libraryName(file: string): string {
  if (C.indexOf(file, 'node:') === 0) return file;
  const path = C.indexOf(file, 'file://') === 0 ? C.fileURLToPath(file) : file;
  const parts = C.split(path, C.indexOf(path, '/') < 0 && C.indexOf(path, '\\') >= 0 ? '\\' : '/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'node_modules') continue;
    const first = parts[i + 1];
    return first[0] === '@' && i + 2 < parts.length - 1 ? first + '/' + parts[i + 2] : first;
  }
  return path;
}

/** Structured call sites above `below`, or null when the user's Error setup would make it call their code. */
function capture(below: Function, limit: number): CallSite[] | null {
  const global = C.getOwnPropertyDescriptor(globalThis, 'Error');
  if (global === undefined || global.value !== ErrorCtor) return null;
  const prepare = C.getOwnPropertyDescriptor(ErrorCtor, 'prepareStackTrace');
  const stackLimit = C.getOwnPropertyDescriptor(ErrorCtor, 'stackTraceLimit');
  if ((prepare !== undefined && !('value' in prepare && prepare.writable === true)) || stackLimit === undefined || !('value' in stackLimit) || stackLimit.writable !== true) return null;
  const holder: { stack?: unknown } = {};
  const E = ErrorCtor as unknown as { prepareStackTrace?: unknown; stackTraceLimit: unknown };
  try {
    E.prepareStackTrace = structured;
    E.stackTraceLimit = limit;
    captureStackTrace(holder, below);
    const sites = holder.stack;
    return C.isArray(sites) ? (sites as CallSite[]) : null;
  } catch {
    return null;
  } finally {
    // exactly as it was: absent stays absent, a value comes back with its attributes
    if (prepare === undefined) delete E.prepareStackTrace;
    else C.defineProperty(ErrorCtor, 'prepareStackTrace', prepare);
    C.defineProperty(ErrorCtor, 'stackTraceLimit', stackLimit);
  }
}
