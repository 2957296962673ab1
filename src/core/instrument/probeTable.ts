// The static side table of probes: the injected code passes only a probe's small integer id to the runtime;
// this table (positions in the ORIGINAL file) gives the id its meaning in the raw trace.
import type { Probe, ProbeKind, SourcePosition } from '../../shared/rawTrace';

//
// In a project of several files the ids are global: each file's table starts at `base` (the probes of the files
// before it) and marks its probes with the file's index.
export class ProbeTable {
  readonly probes: Probe[] = [];

  constructor(
    private readonly base = 0,
    private readonly file = 0,
  ) {}

  add(kind: ProbeKind, name: string, pos: SourcePosition, snippet?: string): number {
    const probe: Probe = { kind, name, line: pos.line, column: pos.column };
    if (snippet !== undefined) probe.snippet = snippet;
    if (this.file !== 0) probe.file = this.file;
    return this.base + this.probes.push(probe) - 1;
  }

  /** Probe `id` (a function's) is an async function's: each call of it is an async call with its promise. */
  markAsync(id: number): void {
    this.probes[id - this.base].async = true;
  }
}
