// The static side table of probes: the injected code passes only a probe's small integer id to the runtime;
// this table (positions in the ORIGINAL file) gives the id its meaning in the raw trace.
import type { Probe, ProbeKind, SourcePosition } from '../../shared/rawTrace';

export class ProbeTable {
  readonly probes: Probe[] = [];

  add(kind: ProbeKind, name: string, pos: SourcePosition, snippet?: string): number {
    const probe: Probe = { kind, name, line: pos.line, column: pos.column };
    if (snippet !== undefined) probe.snippet = snippet;
    return this.probes.push(probe) - 1;
  }
}
