// The --help text and the version, read from the package.json the CLI ships with.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_ITEMS, DEFAULT_TIMEOUT_MS } from './args';
import { MAX_RUNS } from '../core/runs/traceRuns';
import { CALL_SHARE_OF_CAP, DEFAULT_CALL_BUDGET } from '../shared/runtimeContract';

export const HELP_TEXT = `loopscope — see what the Node.js event loop really does with your code

Usage:
  loopscope trace FILE [options]    run FILE under the tracer and show every task, step by step
  loopscope --help | --version

Options for trace:
  --json              write the trace document (JSON) instead of the text report
  --html OUT.html     also write a self-contained page to step through in a browser
  -o, --out FILE      write the report (text or --json) to FILE instead of stdout
  --lines A-B         trace only the statements on lines A..B of FILE, with the top-level declarations
                      they use (imports, functions, constants...); numbering is kept
  --all-tasks         text report: list tasks that ran none of your code (Node's own promise jobs and
                      ticks) one by one instead of folding them into one line
  --timeout MS        stop the run after MS milliseconds of wall clock (default ${DEFAULT_TIMEOUT_MS})
  --max-events N      stop the run after N events (default ${DEFAULT_MAX_EVENTS}); endless asynchronous loops
                      (microtasks, ticks, intervals) stop here
  --call-budget N     each task records its first N calls (default ${DEFAULT_CALL_BUDGET}), each function at most
                      a fifth of them; further calls are counted, not stepped: one step says
                      "fib ×629,000 (180 ms)". Recorded calls take at most
                      ${Math.round(CALL_SHARE_OF_CAP * 100)}% of --max-events over the whole run
  --full              record every call (no call budget): hot code may then reach --max-events
  --max-items N       --json: at most N items per queue and N stack frames per step (default ${DEFAULT_MAX_ITEMS});
                      a step with more says so in "truncated"
  --module FORMAT     auto | cjs | esm (default auto: decided the way node decides)
  --node PATH         the node binary that runs FILE (default: node on PATH)
  --runs N            run FILE N times (two at a time) and report the console orders Node printed, each
                      with how many runs printed it; the report shows the most frequent run (at most ${MAX_RUNS})

With --html and neither --json nor --out, only the page is written.
FILE is .js, .mjs, .cjs, .ts, .tsx or .jsx; TypeScript is transpiled with esbuild first. FILE is never modified.

Exit codes: 0 the trace was produced (also when FILE threw), 2 bad input (missing file, syntax error,
bad option), 1 internal failure (set LOOPSCOPE_DEBUG=1 for details).
`;

/** The version in the package.json above this file (dist/cli.js or src/cli/*.ts). */
export function readVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const parsed = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'loopscope' && parsed.version) return parsed.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
