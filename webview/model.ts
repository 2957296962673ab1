// The one model the CLI, the JSON document and this viewer share (src/shared/model): the webview builds it
// from the RawTrace in the browser, so there is one rendering path (and one set of jump rules).
export {
  buildModel,
  describeStep,
  nextConsoleStep,
  prevConsoleStep,
  nextTaskStart,
  prevTaskStart,
} from '../src/shared/model';
