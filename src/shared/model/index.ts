// The trace -> steps model shared by the CLI, the VS Code panel and exported pages. Pure: no Node, no DOM.

import type { RawTrace } from '../rawTrace';
import type { TraceModel } from '../modelTypes';
import { buildModelData } from './buildModelData';
import { StepModel } from './traceModel';

/** Builds the step model of a raw trace (one pass over the events; see buildModelData for the storage). */
export function buildModel(raw: RawTrace): StepModel & TraceModel {
  return new StepModel(raw, buildModelData(raw));
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
