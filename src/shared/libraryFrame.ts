// A run of library code between two user frames (an EventEmitter's `emit`, `Array.map`, a package), shown as
// one frame marked as library code (src/runtime/libraryFrames.ts finds it): how it is named where a stack is
// a list of names (the console lines' `stack`, the text report). Pure: no Node, no DOM.

export interface LibraryFrame {
  /** `emit`, `Array.map`. */
  name: string;
  /** `node:events`, a package's name, or null for a builtin. */
  file: string | null;
}

/** `emit (library: node:events)`, `Array.map (library)`. */
export function libraryFrameLabel(frame: LibraryFrame): string {
  return frame.file === null ? `${frame.name} (library)` : `${frame.name} (library: ${frame.file})`;
}

/** Whether a stack name is a library frame's label (a user function's name never holds " (library"). */
export function isLibraryFrameLabel(name: string): boolean {
  return name.endsWith(')') && name.includes(' (library');
}
