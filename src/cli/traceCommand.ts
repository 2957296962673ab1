// `loopscope trace FILE`: trace the program, build the model, write the requested outputs.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { traceFile } from '../core/runTraced';
import { traceOfVariant, traceRuns } from '../core/runs/traceRuns';
import type { OrderVariants } from '../shared/orderVariants';
import { buildModel } from '../shared/model';
import type { RawTrace } from '../shared/rawTrace';
import { traceDocumentChunks } from '../shared/traceDocument';
import { CliUsageError, type TraceCommand } from './args';
import { writeHtmlExport } from './htmlExport';
import { colourStyle, plainStyle, shouldUseColour } from './style';
import { textReportLines } from './textReport';
import { linesToChunks, writeChunks, writeChunksToFile } from './writeChunks';

export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

function checkInputs(cmd: TraceCommand, cwd: string): string {
  const file = path.resolve(cwd, cmd.file);
  if (!existsSync(file)) throw new CliUsageError(`${cmd.file}: no such file`);
  if (!statSync(file).isFile()) throw new CliUsageError(`${cmd.file}: not a file`);
  for (const target of [cmd.out, cmd.html]) {
    if (target === undefined) continue;
    const dir = path.dirname(path.resolve(cwd, target));
    if (!existsSync(dir)) throw new CliUsageError(`${target}: folder ${dir} does not exist`);
    if (path.resolve(cwd, target) === file) throw new CliUsageError(`${target}: refusing to overwrite the traced file`);
  }
  // a path to a node binary that is not there is a typo, not a Loopscope failure
  if (cmd.nodePath !== undefined && /[\\/]/.test(cmd.nodePath) && !existsSync(path.resolve(cwd, cmd.nodePath))) {
    throw new CliUsageError(`--node ${cmd.nodePath}: no such file`);
  }
  return file;
}

export async function runTraceCommand(cmd: TraceCommand, io: CliIo): Promise<void> {
  const file = checkInputs(cmd, io.cwd);
  const abort = new AbortController();
  // Ctrl-C: kill the traced program's process group before we go
  const onSigint = (): void => abort.abort();
  process.once('SIGINT', onSigint);
  let raw: RawTrace;
  let runs: OrderVariants | undefined;
  let orderTraces: RawTrace[] = [];
  const options = {
    file,
    lines: cmd.lines,
    module: cmd.module,
    timeoutMs: cmd.timeoutMs,
    maxEvents: cmd.maxEvents,
    callBudget: cmd.callBudget,
    nodePath: cmd.nodePath,
    signal: abort.signal,
  };
  try {
    if (cmd.runs > 1) {
      const traced = await traceRuns({ ...options, runs: cmd.runs });
      runs = traced.variants;
      raw = traceOfVariant(traced, 0); // the most frequent order is the one shown
      orderTraces = traced.traces.map((_, i) => traceOfVariant(traced, i));
    } else raw = await traceFile(options);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  const model = buildModel(raw);

  if (cmd.html !== undefined) {
    const htmlFile = path.resolve(io.cwd, cmd.html);
    await writeHtmlExport(raw, htmlFile, orderTraces);
    if (!cmd.json && cmd.out === undefined) {
      io.stdout.write(`Wrote ${cmd.html} (${model.tasks.length} tasks, ${model.stepCount} steps, ${raw.meta.exit.reason})\n`);
      return;
    }
  }

  const chunks = cmd.json
    ? traceDocumentChunks(model, { maxQueueItems: cmd.maxItems, maxStackFrames: cmd.maxItems, runs })
    : linesToChunks(textReportLines(model, {
        allTasks: cmd.allTasks,
        runs,
        style: cmd.out === undefined && shouldUseColour(io.stdout, io.env) ? colourStyle : plainStyle,
      }));
  if (cmd.out !== undefined) writeChunksToFile(chunks, path.resolve(io.cwd, cmd.out));
  else await writeChunks(chunks, io.stdout);
}
