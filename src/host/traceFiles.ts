// Which document a position of the panel names: the traced file, or another file of a multi-file project
// (RawTrace.files, paths relative to the traced file's folder). The panel is untrusted input, so a file is
// accepted only when it is one of the trace's own files.
import * as vscode from 'vscode';
import type { RawTrace } from '../shared/rawTrace';

/** The document of `file` (absent/undefined: the traced one); undefined when the trace has no such file. */
export function traceFileUri(trace: { raw: RawTrace; sourceUri: vscode.Uri }, file: string | undefined): vscode.Uri | undefined {
  if (file === undefined) return trace.sourceUri;
  const files = trace.raw.files;
  if (files === undefined || !files.some((f) => f.path === file)) return undefined;
  if (files[0]?.path === file) return trace.sourceUri;
  return vscode.Uri.joinPath(trace.sourceUri, '..', ...file.split('/'));
}
