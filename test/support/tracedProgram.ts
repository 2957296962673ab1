// A program traced now from a temporary file, with its step model and a search for the first step that matches:
// the set-up of the tests that look at specific moments of a live trace (browser and integration alike).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { traceFile } from '../../src/core/runTraced';
import { buildModel, type StepModel } from '../../src/shared/model';
import type { RawTrace } from '../../src/shared/rawTrace';

export interface TracedProgram {
  raw: RawTrace;
  model: StepModel;
  /** The first step for which `pred` holds, or -1. */
  firstStep(pred: (step: number) => boolean): number;
  /** Removes the temporary folder. */
  dispose(): void;
}

export async function traceProgram(fileName: string, code: string): Promise<TracedProgram> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loopscope-program-'));
  const file = path.join(dir, fileName);
  writeFileSync(file, code.endsWith('\n') ? code : code + '\n');
  const raw = await traceFile({ file });
  const model = buildModel(raw);
  return {
    raw,
    model,
    firstStep: (pred) => {
      for (let i = 0; i < model.stepCount; i++) if (pred(i)) return i;
      return -1;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
