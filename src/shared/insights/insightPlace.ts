// Where an insight points when its line comes from the source patterns or a queued item: such lines are
// located lines (src/shared/sourceFiles.ts), so the pattern may be in any module of a project. This turns one
// into the file and the line within it, and words it for a message ("line 5", "line 5 of lib/tasks.js").

import type { TraceModel } from '../modelTypes';
import { fileIndexOf, filePath, lineInFile } from '../sourceFiles';

export interface InsightPlace {
  file: string | null;
  line: number;
}

export function placeOf(model: Pick<TraceModel, 'meta' | 'files'>, located: number): InsightPlace {
  return { file: filePath({ meta: model.meta, files: model.files }, fileIndexOf(located)), line: lineInFile(located) };
}

/** "line 5" in the traced file, "line 5 of lib/tasks.js" in another of the project's files. */
export function lineWords(model: Pick<TraceModel, 'meta' | 'files'>, located: number, plural = false): string {
  const word = plural ? 'lines' : 'line';
  const { file, line } = placeOf(model, located);
  return fileIndexOf(located) === 0 || file === null ? `${word} ${line}` : `${word} ${line} of ${file}`;
}
