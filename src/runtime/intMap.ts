// A map from positive integer keys (invocation numbers, async ids) to values, for the tracer's hot paths.
// A Map with a steady churn of set/delete (every await suspends and resumes a frame, every timer comes and
// goes) keeps rehashing into freshly allocated tables: that garbage was a large share of the tracer's GC.
// Open addressing with linear probing and backward-shift deletion allocates only when the table grows.
import { C } from './captured';

export class IntMap<V> {
  /** 0 = empty slot (keys are >= 1). */
  private keys: Float64Array;
  private vals: (V | undefined)[];
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keys = new C.Float64Array(cap);
    this.vals = new C.Array(cap).fill(undefined) as (V | undefined)[];
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    return C.imul(key | 0, 0x9e3779b1) & this.mask;
  }

  get(key: number): V | undefined {
    const keys = this.keys;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === 0) return undefined;
    }
  }

  set(key: number, value: V): void {
    const keys = this.keys;
    let i = this.slot(key);
    for (; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) {
        this.vals[i] = value;
        return;
      }
      if (k === 0) break;
    }
    keys[i] = key;
    this.vals[i] = value;
    if (++this.count * 2 > this.mask) this.grow();
  }

  /** Removes `key`; returns its value (undefined when absent). */
  take(key: number): V | undefined {
    const keys = this.keys;
    const mask = this.mask;
    let i = this.slot(key);
    for (; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) break;
      if (k === 0) return undefined;
    }
    const value = this.vals[i];
    // Backward shift: move later entries of the probe run into the hole unless their home lies after it.
    for (let j = (i + 1) & mask; ; j = (j + 1) & mask) {
      const k = keys[j];
      if (k === 0) break;
      const home = this.slot(k);
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      keys[i] = k;
      this.vals[i] = this.vals[j];
      i = j;
    }
    keys[i] = 0;
    this.vals[i] = undefined;
    this.count--;
    return value;
  }

  delete(key: number): boolean {
    const had = this.has(key);
    if (had) this.take(key);
    return had;
  }

  has(key: number): boolean {
    const keys = this.keys;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) return true;
      if (k === 0) return false;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const cap = oldKeys.length * 2;
    this.keys = new C.Float64Array(cap);
    this.vals = new C.Array(cap).fill(undefined) as (V | undefined)[];
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== 0) this.set(oldKeys[i], oldVals[i] as V);
  }
}
