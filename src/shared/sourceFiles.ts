// Which of the user's files a line is in. A traced project is several files, but the runtime's running line
// (`R.l`) and every line in the raw events stay one number: the instrumenter writes each file's lines as
// `file index * LINE_STRIDE + line` (the entry is file 0, so a one-file trace reads exactly as before), and
// this module splits such a "located line" back into a file and a line. Pure: no Node, no DOM.
import type { RawTrace } from './rawTrace';

/** Lines per file in the located-line space: files up to a million lines, 2,147 files (Int32 columns). */
export const LINE_STRIDE = 1_000_000;
/** The most files one trace instruments (located lines must fit the model's Int32 columns). */
export const MAX_TRACED_FILES = 2147;

/** The located line of `line` in file `file` (an index into RawTrace.files, 0 = the entry). */
export function locatedLine(file: number, line: number): number {
  return file * LINE_STRIDE + line;
}

/** The file index of a located line. */
export function fileIndexOf(located: number): number {
  return Math.floor(located / LINE_STRIDE);
}

/** The line within its file of a located line. */
export function lineInFile(located: number): number {
  return located % LINE_STRIDE;
}

/**
 * The path of file `index` as the trace names files: relative to the entry's folder with `/` separators
 * (RawTrace.files), or the entry's own name for a trace without a file table.
 */
export function filePath(raw: Pick<RawTrace, 'files' | 'meta'>, index: number): string | null {
  if (raw.files !== undefined) return raw.files[index]?.path ?? null;
  if (index !== 0) return null;
  const file = raw.meta.file;
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(slash + 1);
}
