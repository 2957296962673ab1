// The one model the CLI, the JSON document and this viewer share (src/shared/model): the webview builds it
// from the RawTrace in the browser, so there is one rendering path (and one set of jump rules). This is the
// app's default model; its type is what the app needs from a model, so tests can inject a fake of it.

import { buildModel, describeStep, nextConsoleStep, nextTaskStart, prevConsoleStep, prevTaskStart } from '../src/shared/model';

export const sharedModel = { buildModel, describeStep, nextConsoleStep, prevConsoleStep, nextTaskStart, prevTaskStart };

/** What the app calls on the model: build one from a raw trace, describe a step, the console/task jumps. */
export type ModelApi = typeof sharedModel;
