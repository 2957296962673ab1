// Append-only typed columns that double when full (the op log and the checkpoint pool grow as the model is
// built; their final size is not known up front).

export class OpLog {
  code: Uint8Array;
  pos: Int32Array;
  ref: Int32Array;
  count = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.code = new Uint8Array(n);
    this.pos = new Int32Array(n);
    this.ref = new Int32Array(n);
  }

  add(code: number, pos: number, ref: number): void {
    if (this.count === this.code.length) this.grow();
    this.code[this.count] = code;
    this.pos[this.count] = pos;
    this.ref[this.count] = ref;
    this.count++;
  }

  private grow(): void {
    const n = this.code.length * 2;
    this.code = copyInto(new Uint8Array(n), this.code);
    this.pos = copyInto(new Int32Array(n), this.pos);
    this.ref = copyInto(new Int32Array(n), this.ref);
  }
}

export class Int32Column {
  data: Int32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Int32Array(Math.max(4, capacity));
  }

  /** Makes room for `n` more values and returns the offset where they go. */
  reserve(n: number): number {
    const at = this.length;
    if (at + n > this.data.length) {
      this.data = copyInto(new Int32Array(Math.max(this.data.length * 2, at + n)), this.data);
    }
    this.length += n;
    return at;
  }

  push(v: number): void {
    const at = this.reserve(1); // may reallocate this.data: read it after
    this.data[at] = v;
  }

  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function copyInto<T extends Uint8Array | Int32Array>(to: T, from: T): T {
  to.set(from, 0);
  return to;
}
