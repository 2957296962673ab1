// The `loopscope` command as a function of its arguments and streams, so tests can run it in-process.
// Exit codes: 0 a trace was produced (even when the user's code threw), 2 bad input, 1 internal failure.

import path from 'node:path';
import { LoopscopeInputError } from '../core/errors';
import { CliUsageError, parseCliArgs } from './args';
import { HELP_TEXT, readVersion } from './help';
import { runTraceCommand, type CliIo } from './traceCommand';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const cmd = parseCliArgs(argv);
    switch (cmd.kind) {
      case 'help':
        io.stdout.write(HELP_TEXT);
        return 0;
      case 'version':
        io.stdout.write(`${readVersion()}\n`);
        return 0;
      case 'trace':
        await runTraceCommand(cmd, io);
        return 0;
    }
  } catch (e) {
    return reportFailure(e, io);
  }
}

function reportFailure(e: unknown, io: CliIo): number {
  const debug = io.env.LOOPSCOPE_DEBUG === '1';
  if (e instanceof LoopscopeInputError) {
    io.stderr.write(`${displayPath(e.location, io.cwd)}: ${e.message}\n`);
    return 2;
  }
  if (e instanceof CliUsageError) {
    io.stderr.write(`loopscope: ${e.message}\n`);
    return 2;
  }
  if (isBrokenPipe(e)) return 0; // `loopscope trace x.js | head`: the reader left, nothing is wrong
  const message = (e instanceof Error ? e.message : String(e)).replace(/^loopscope: /, '');
  io.stderr.write(`loopscope: internal error: ${message}\n`);
  io.stderr.write(debug && e instanceof Error && e.stack ? `${e.stack}\n` : '(set LOOPSCOPE_DEBUG=1 to see the stack)\n');
  return 1;
}

/** `file:line:col` with the file relative to the working folder when it is inside it (as the user typed it). */
function displayPath(location: string, cwd: string): string {
  if (!path.isAbsolute(location)) return location;
  const relative = path.relative(cwd, location);
  return relative.startsWith('..') || path.isAbsolute(relative) ? location : relative;
}

export function isBrokenPipe(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'EPIPE';
}
