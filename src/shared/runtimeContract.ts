// Files the runner writes for the child's tracer beside the instrumented code: a contract between src/core (the
// writer) and src/runtime (the reader), so it is spelled once, here.

/**
 * The instrumenter's insertions into the transpiled code, sorted by offset: offset `at[i]` of the transpiled
 * text is preceded by `length[i]` inserted characters in the instrumented text.
 */
export interface InsertionBlocks {
  at: number[];
  length: number[];
}

/** The insertion blocks live in a JSON file named after the instrumented code file: `<codePath>` + this. */
export const INSERTIONS_FILE_SUFFIX = '.insertions.json';
