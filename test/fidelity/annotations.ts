// Expectations written inside a fixture as comments, so a fixture is one self-describing file.
//
// Per line (trailing comment on a line that prints):
//   // @queue microtask                 every console line printed from this line came from a task of that queue
//   // @queues nextTick=1 microtask=2   queue lengths at the step of each console line printed from this line
//   // @queue-lines microtask=3,4       the lines of the items waiting in a queue at that step (in queue order)
//   // @error uncaught                  an error of that kind (uncaught | unhandled-rejection) is reported at this line
// Per file (anywhere, usually in the header):
//   // @reason timeout                  expected exit reason (default: completed)
//   // @module esm                      expected module format (default: esm for .mjs and "type":"module", else cjs)
//   // @options timeoutMs=1000 maxEvents=20000   traceFile options
//   // @order any-of                    timing-dependent: stdout must equal one of the @valid orders
//   // @valid ["a","b"]                 one valid stdout order (JSON array of lines)
//   // @oracle-timeout 1000             the program never ends under plain node: kill the oracle after N ms and
//                                       compare prefixes
//   // @max-ms 4000                     the traced run must finish within N ms of wall clock

import type { ExitReason, ModuleFormat, QueueName, TaskSource } from '../../src/shared/rawTrace';
import { QUEUE_NAMES } from '../../src/shared/rawTrace';

export interface LineExpectation {
  line: number;
  queue?: TaskSource;
  queueLengths?: Partial<Record<QueueName, number>>;
  queueLines?: Partial<Record<QueueName, number[]>>;
  error?: 'uncaught' | 'unhandled-rejection';
}

export interface FixtureAnnotations {
  lines: LineExpectation[];
  reason: ExitReason;
  module?: ModuleFormat;
  options: { timeoutMs?: number; maxEvents?: number; callBudget?: number };
  anyOrder: boolean;
  validOrders: string[][];
  oracleTimeoutMs?: number;
  maxMs?: number;
}

const TASK_SOURCES: readonly string[] = ['script', ...QUEUE_NAMES];
const EXIT_REASONS: readonly string[] = ['completed', 'timeout', 'event-cap', 'uncaught-error', 'process-exit'];

/** Thrown for a malformed annotation: a fixture bug, reported with its line. */
export class AnnotationError extends Error {}

function queueName(name: string, line: number): QueueName {
  if (!(QUEUE_NAMES as readonly string[]).includes(name)) throw new AnnotationError(`line ${line}: unknown queue "${name}"`);
  return name as QueueName;
}

function positiveInt(text: string, what: string, line: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new AnnotationError(`line ${line}: ${what} must be a non-negative integer, got "${text}"`);
  return n;
}

export function parseFixtureAnnotations(source: string): FixtureAnnotations {
  const result: FixtureAnnotations = { lines: [], reason: 'completed', options: {}, anyOrder: false, validOrders: [] };
  const sourceLines = source.split('\n');
  sourceLines.forEach((text, index) => {
    const line = index + 1;
    const comment = text.indexOf('// @');
    if (comment < 0) return;
    // a line may carry several annotations: "// @queue timer @queues timer=1"
    const parts = text.slice(comment + 3).split(/\s(?=@)/).map((p) => p.trim()).filter(Boolean);
    let expectation: LineExpectation | undefined;
    const lineExpectation = (): LineExpectation => {
      if (!expectation) {
        expectation = { line };
        result.lines.push(expectation);
      }
      return expectation;
    };
    for (const part of parts) {
      const [tag, ...rest] = part.split(/\s+/);
      const arg = rest.join(' ');
      switch (tag) {
        case '@queue':
          if (!TASK_SOURCES.includes(arg)) throw new AnnotationError(`line ${line}: unknown task source "${arg}"`);
          lineExpectation().queue = arg as TaskSource;
          break;
        case '@queues':
          for (const pair of rest) {
            const [name, count] = pair.split('=');
            (lineExpectation().queueLengths ??= {})[queueName(name, line)] = positiveInt(count, name, line);
          }
          break;
        case '@queue-lines':
          for (const pair of rest) {
            const [name, list] = pair.split('=');
            (lineExpectation().queueLines ??= {})[queueName(name, line)] = list
              .split(',')
              .filter(Boolean)
              .map((n) => positiveInt(n, name, line));
          }
          break;
        case '@error':
          if (arg !== 'uncaught' && arg !== 'unhandled-rejection') throw new AnnotationError(`line ${line}: @error needs uncaught or unhandled-rejection`);
          lineExpectation().error = arg;
          break;
        case '@reason':
          if (!EXIT_REASONS.includes(arg)) throw new AnnotationError(`line ${line}: unknown exit reason "${arg}"`);
          result.reason = arg as ExitReason;
          break;
        case '@module':
          if (arg !== 'cjs' && arg !== 'esm') throw new AnnotationError(`line ${line}: @module must be cjs or esm`);
          result.module = arg;
          break;
        case '@options':
          for (const pair of rest) {
            const [name, value] = pair.split('=');
            if (name !== 'timeoutMs' && name !== 'maxEvents') throw new AnnotationError(`line ${line}: unknown option "${name}"`);
            result.options[name] = positiveInt(value, name, line);
          }
          break;
        case '@order':
          if (arg !== 'any-of') throw new AnnotationError(`line ${line}: only "@order any-of" is supported`);
          result.anyOrder = true;
          break;
        case '@valid': {
          const order: unknown = JSON.parse(arg);
          if (!Array.isArray(order) || !order.every((x) => typeof x === 'string')) {
            throw new AnnotationError(`line ${line}: @valid needs a JSON array of strings`);
          }
          result.validOrders.push(order as string[]);
          break;
        }
        case '@oracle-timeout':
          result.oracleTimeoutMs = positiveInt(arg, '@oracle-timeout', line);
          break;
        case '@max-ms':
          result.maxMs = positiveInt(arg, '@max-ms', line);
          break;
        default:
          throw new AnnotationError(`line ${line}: unknown annotation "${tag}"`);
      }
    }
  });
  if (result.anyOrder && result.validOrders.length === 0) throw new AnnotationError('@order any-of needs at least one @valid');
  return result;
}
