// A queued callback's call site as a person wrote it, for the panel's queue chips: `setTimeout(greet, 10)`,
// `process.nextTick(() => …)`, `p.then((v) => …)`. Read from the trace's original source at the schedule
// probe's position (the API name), so it needs no extra field in the trace and works on traces recorded
// before it existed. Inline functions are shortened to their head (`() => …`): the API and the other
// arguments are what tell two chips apart; the body is given separately (CallSite.body) for the tooltip.
// Read once per probe, and only a bounded stretch of source (SCAN_LIMIT) is ever scanned.

import type { Probe } from '../rawTrace';

export interface CallSite {
  /** The call, arguments shortened: `setTimeout(() => …, 0)`. */
  call: string;
  /** The callback's own text when the call shortened it (`() => console.log('a')`), for a tooltip. */
  body?: string;
  /** A timer's delay as written, when it is a number literal (`setTimeout(f, 10)`: 10; `setTimeout(f)`: 0). */
  delay?: number;
}

/** The APIs whose second argument is a delay in ms. */
const DELAYED = new Set(['setTimeout', 'setInterval']);

/**
 * How far past the API name the scan looks for the call's closing parenthesis (past a long inline callback
 * to its delay). Once per probe, and only characters are compared: 20 kB is well under a millisecond.
 */
const SCAN_LIMIT = 20_000;
/** An argument longer than this (that is not a function) is cut with an ellipsis. */
const ARG_MAX = 18;
/** A function argument this short is shown whole (`() => done()`). */
const INLINE_FUNCTION_MAX = 16;
const CALL_MAX = 60;
const ELLIPSIS = '…';

const IDENT = /[\w$]/;

/** Offset of (1-based) line/column in `source`, using the line starts `starts` (see lineStarts). */
function offsetOf(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? 0) + column - 1;
}

/** Offsets where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}${ELLIPSIS}`;
}

/** `obj.` before `at` when obj is a plain name (`process.`, `p.`), `.` when it is an expression (`f().then`). */
function receiver(source: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && (source[i] === ' ' || source[i] === '\t')) i--;
  if (source[i] !== '.') return '';
  let j = i - 1;
  while (j >= 0 && IDENT.test(source[j])) j--;
  const name = source.slice(j + 1, i);
  return name && /^[A-Za-z_$]/.test(name) && source[j] !== '.' && source[j] !== ')' ? `${name}.` : '.';
}

/**
 * The arguments of the call whose `(` is at `open`, each with whitespace and comments collapsed, and whether
 * the closing `)` was found within the scan limit.
 */
function splitArgs(source: string, open: number): { args: string[]; closed: boolean } {
  const args: string[] = [];
  let arg = '';
  let depth = 0;
  let space = false;
  const end = Math.min(source.length, open + SCAN_LIMIT);
  const push = (chunk: string): void => {
    if (space && arg.length > 0) arg += ' ';
    space = false;
    // past a few hundred characters an argument is shortened anyway: keep scanning for the end, stop copying
    if (arg.length < 400) arg += chunk;
  };
  for (let i = open + 1; i < end; ) {
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      space = true;
      i++;
    } else if (ch === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? end : nl;
      space = true;
    } else if (ch === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? end : close + 2;
      space = true;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      let j = i + 1;
      while (j < end && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      push(source.slice(i, j + 1).replace(/\s+/g, ' '));
      i = j + 1;
    } else if (depth === 0 && (ch === ',' || ch === ')')) {
      if (arg) args.push(arg);
      arg = '';
      space = false;
      if (ch === ')') return { args, closed: true };
      i++;
    } else {
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      push(ch);
      i++;
    }
  }
  if (arg) args.push(arg);
  return { args, closed: false };
}

/** Whether argument text is a function expression: `() => …`, `x => …`, `async (…) => …`, `function …`. */
function isFunction(arg: string): boolean {
  return /^(async\s+)?function\b/.test(arg) || /^(async\s*)?(\([^()]*\)|[\w$]+)\s*=>/.test(arg);
}

/** A function argument shortened to its head: `(v) => …`, `function greet() {…}`. */
function functionHead(arg: string): string {
  if (arg.length <= INLINE_FUNCTION_MAX) return arg;
  const fn = /^((?:async\s+)?function\s*\*?\s*[\w$]*)\s*\(([^()]*)\)/.exec(arg);
  if (fn) return `${fn[1]}(${cut(fn[2], 12)}) {…}`;
  const arrow = /^((?:async\s*)?)(\([^()]*\)|[\w$]+)\s*=>/.exec(arg);
  if (arrow) return `${arrow[1]}${cut(arrow[2], 14)} => ${ELLIPSIS}`;
  return cut(arg, ARG_MAX);
}

/**
 * The call site of schedule probe `probe` in `source` (starts: lineStarts(source)), or undefined when the
 * source there is not a call (a probe from generated code, a source that does not match the trace).
 */
export function callSite(source: string, starts: readonly number[], probe: Probe): CallSite | undefined {
  if (probe.kind !== 'schedule' || probe.line < 1 || probe.line > starts.length) return undefined;
  const at = offsetOf(starts, probe.line, probe.column);
  const head = /^(new\s+)?[\w$]+(\s*\.\s*[\w$]+)*\s*(?=\()/.exec(source.slice(at, at + 80));
  if (!head) return undefined;
  const callee = head[0].trim().replace(/\s*\.\s*/g, '.').replace(/\s+/g, ' ');
  const { args, closed } = splitArgs(source, at + head[0].length);
  let body: string | undefined;
  const shown = args.map((arg) => {
    if (!isFunction(arg)) return cut(arg, ARG_MAX);
    const short = functionHead(arg);
    if (short !== arg && body === undefined) body = cut(arg, 120);
    return short;
  });
  const site: CallSite = { call: cut(`${receiver(source, at)}${callee}(${shown.join(', ')}${closed ? ')' : `, ${ELLIPSIS})`}`, CALL_MAX) };
  if (body !== undefined) site.body = body;
  if (DELAYED.has(probe.name) && closed) {
    const delay = args.length < 2 ? 0 : /^\d+(\.\d+)?$/.test(args[1]) ? Number(args[1]) : undefined;
    if (delay !== undefined) site.delay = delay;
  }
  return site;
}
