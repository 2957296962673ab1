// The trace -> steps model shared by the CLI, the VS Code panel and exported pages. Pure: no Node, no DOM.

import type { RawTrace } from '../rawTrace';
import type { ThreadModel, TraceModel } from '../modelTypes';
import { buildModelData } from './buildModelData';
import { StepModel } from './traceModel';
import { fileIndexOf, filePath, lineInFile } from '../sourceFiles';
import { threadMessages } from './threadMessages';
import { internalTasks } from '../justMyCode';

/**
 * Builds the step model of a raw trace (one pass over the events; see buildModelData for the storage): the main
 * thread's, with one model per worker thread (RawTrace.threads) in `threads`, built the same way.
 */
export function buildModel(raw: RawTrace): StepModel & TraceModel {
  const main = new StepModel(raw, buildModelData(raw));
  if (raw.threads !== undefined && raw.threads.length > 0) {
    const threads = raw.threads.map((t) => threadModel(raw, t));
    main.threads = threads;
    main.messages = threadMessages([
      { id: 0, events: raw.events, tasks: main.tasks, internal: internalTasks(main) },
      ...threads.map((t, i) => ({ id: t.id, events: raw.threads![i].events, tasks: t.model.tasks, internal: internalTasks(t.model) })),
    ]);
  }
  return main;
}

function threadModel(raw: RawTrace, t: NonNullable<RawTrace['threads']>[number]): ThreadModel {
  const own: RawTrace = { ...raw, meta: { ...raw.meta, worker: { id: t.id, name: t.name } }, events: t.events, threads: undefined };
  return {
    id: t.id,
    name: t.name,
    line: t.line === null ? null : lineInFile(t.line),
    file: t.line === null ? null : filePath(raw, fileIndexOf(t.line)),
    parent: t.parent,
    model: new StepModel(own, buildModelData(own)),
  };
}

export { StepModel } from './traceModel';
export { CHECKPOINT_INTERVAL } from './checkpointPolicy';
export { checkQueueDiscipline } from './invariants';
export { describeStep } from './describe';
export { frameLines } from './frameLines';
export { operationStarts, type OperationStart } from './operationStarts';
export { inFlightAt, type InFlightAt, type InFlightOperation, type InFlightTimer } from './inFlight';
export { clockText, durationText, LONG_STRETCH_MS, stepClock, stretchText, syncStretchBefore, withStretch, type StepClock, type SyncStretch } from './stepClock';
export { foldedCallsLabel, foldedCallsNames, formatCount, formatMs } from './foldedCallsLabel';
export { SCRIPT_LABEL_CJS, SCRIPT_LABEL_ESM } from './itemLabel';
export {
  nextStepOfKind,
  prevStepOfKind,
  stepsOfKind,
  nextConsoleStep,
  prevConsoleStep,
  nextTaskStart,
  prevTaskStart,
  nextErrorStep,
  nextStepWhere,
  prevStepWhere,
  stepsAtLine,
  nextStepAtLine,
  prevStepAtLine,
  taskStartStep,
} from './navigation';
