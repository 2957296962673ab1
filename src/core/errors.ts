// Errors caused by the user's input (syntax errors, a selection outside the file, ...). The CLI exits with code 2
// and prints `file:line:col: message`; the panel shows the same text. Anything else is a Loopscope bug.

export class LoopscopeInputError extends Error {
  override readonly name = 'LoopscopeInputError';

  /** `line` and `column` are 1-based positions in the user's ORIGINAL file. */
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }

  /** `file:line:col`, or less when the position is unknown. */
  get location(): string {
    if (this.line === undefined) return this.file;
    return this.column === undefined ? `${this.file}:${this.line}` : `${this.file}:${this.line}:${this.column}`;
  }

  /** The one-line text shown to the user: `file:line:col: message`. */
  describe(): string {
    return `${this.location}: ${this.message}`;
  }
}
