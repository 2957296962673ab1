// Where each frame of a call stack is: a debugger shows the line a frame is running, not where its function
// starts. The frame on top is at the step's running line; every frame below it is at the call site of the frame
// above it (recorded when that frame was pushed).
import type { Frame } from '../modelTypes';

/** The line each frame of `stack` (bottom to top) is at; a frame falls back to its function's line. */
export function frameLines(stack: readonly Frame[], line: number | null): number[] {
  return stack.map((f, i) => (i + 1 < stack.length ? (stack[i + 1].callerLine ?? f.line) : (line ?? f.line)));
}
