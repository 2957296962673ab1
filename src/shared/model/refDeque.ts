// A double-ended list of small integer references (item or frame record indexes) in one Int32Array.
// Queues are drained from the head and filled at the tail, sometimes edited in the middle (timers kept in
// due order, io completing out of order, cancels). A plain JS array would make `shift()` on a 100k-item
// queue cost a full copy each time; here head removal is O(1) and a middle edit moves the shorter side.

export class RefDeque {
  private buf: Int32Array;
  private head = 0;
  private tail = 0;
  /** Bumped by every change: equal counts mean equal contents (lets readers reuse what they built). */
  changes = 0;

  constructor(capacity = 8) {
    this.buf = new Int32Array(Math.max(4, capacity));
  }

  get length(): number {
    return this.tail - this.head;
  }

  at(pos: number): number {
    return this.buf[this.head + pos];
  }

  clear(): void {
    this.changes++;
    this.head = 0;
    this.tail = 0;
  }

  push(ref: number): void {
    this.changes++;
    if (this.tail === this.buf.length) this.makeRoomAtTail();
    this.buf[this.tail++] = ref;
  }

  insertAt(pos: number, ref: number): void {
    this.changes++;
    const n = this.tail - this.head;
    if (pos >= n) {
      this.push(ref);
      return;
    }
    if (this.head === 0 && pos < n / 2) this.makeRoomAtHead();
    if (this.head > 0 && pos < n / 2) {
      // shift the front part one slot to the left
      this.buf.copyWithin(this.head - 1, this.head, this.head + pos);
      this.head--;
      this.buf[this.head + pos] = ref;
      return;
    }
    if (this.tail === this.buf.length) this.makeRoomAtTail();
    this.buf.copyWithin(this.head + pos + 1, this.head + pos, this.tail);
    this.tail++;
    this.buf[this.head + pos] = ref;
  }

  /** Removes and returns the reference at `pos`. */
  removeAt(pos: number): number {
    this.changes++;
    const n = this.tail - this.head;
    const at = this.head + pos;
    const ref = this.buf[at];
    if (pos === 0) this.head++;
    else if (pos === n - 1) this.tail--;
    else if (pos < n / 2) {
      this.buf.copyWithin(this.head + 1, this.head, at);
      this.head++;
    } else {
      this.buf.copyWithin(at, at + 1, this.tail);
      this.tail--;
    }
    if (this.head === this.tail) this.head = this.tail = 0;
    return ref;
  }

  indexOf(ref: number): number {
    for (let i = this.head; i < this.tail; i++) if (this.buf[i] === ref) return i - this.head;
    return -1;
  }

  lastIndexOf(ref: number): number {
    for (let i = this.tail - 1; i >= this.head; i--) if (this.buf[i] === ref) return i - this.head;
    return -1;
  }

  /** First position whose reference is not `before` the given one (binary search; the deque must be sorted). */
  lowerBound(isBefore: (ref: number) => boolean): number {
    let lo = 0;
    let hi = this.tail - this.head;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isBefore(this.buf[this.head + mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The current contents, head first (a view: valid until the next change). */
  view(): Int32Array {
    return this.buf.subarray(this.head, this.tail);
  }

  load(refs: Int32Array): void {
    this.changes++;
    if (refs.length > this.buf.length) this.buf = new Int32Array(refs.length * 2);
    this.buf.set(refs, 0);
    this.head = 0;
    this.tail = refs.length;
  }

  /** Re-centres the contents (growing if needed) so that inserts near the head stay O(1) amortised. */
  private makeRoomAtHead(): void {
    const n = this.tail - this.head;
    const slack = Math.max(8, n >> 1);
    const target = this.buf.length - this.tail >= slack ? this.buf : new Int32Array(n + 2 * slack);
    if (target === this.buf) this.buf.copyWithin(slack, 0, n);
    else target.set(this.buf.subarray(0, n), slack);
    this.buf = target;
    this.head = slack;
    this.tail = slack + n;
  }

  private makeRoomAtTail(): void {
    const n = this.tail - this.head;
    if (this.head > 0 && n < this.buf.length / 2) {
      this.buf.copyWithin(0, this.head, this.tail);
    } else {
      const bigger = new Int32Array(this.buf.length * 2);
      bigger.set(this.buf.subarray(this.head, this.tail), 0);
      this.buf = bigger;
    }
    this.head = 0;
    this.tail = n;
  }
}
