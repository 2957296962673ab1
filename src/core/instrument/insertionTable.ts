// Where the instrumenter inserted text, as the runtime needs it to give a function's original source back
// (`fn.toString()` must print what the user wrote, not the probes: src/runtime/functionSource.ts). Every edit
// is an insertion, so the instrumented text is the transpiled text with these blocks added: offset `at[i]`
// of the transpiled text is preceded by `length[i]` inserted characters.
import type { InsertionBlocks } from '../../shared/runtimeContract';

export class InsertionTable {
  private readonly lengths = new Map<number, number>();

  add(at: number, length: number): void {
    this.lengths.set(at, (this.lengths.get(at) ?? 0) + length);
  }

  /** The blocks sorted by offset. */
  blocks(): InsertionBlocks {
    const at = [...this.lengths.keys()].sort((a, b) => a - b);
    return { at, length: at.map((offset) => this.lengths.get(offset)!) };
  }
}
