// Which seeds a fuzz run checks. CI: seeds 1..N-1 (the same every run) plus one fresh seed, printed so a
// failure it finds can be rerun. LOOPSCOPE_FUZZ_SEED=N (or N,M,…) reruns exactly those seeds.

import { randomInt } from 'node:crypto';

export const DEFAULT_PROGRAMS = 1000;

export function programCount(): number {
  const n = Number(process.env.LOOPSCOPE_FUZZ_PROGRAMS ?? DEFAULT_PROGRAMS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_PROGRAMS;
}

export function namedSeeds(): number[] | undefined {
  const named = process.env.LOOPSCOPE_FUZZ_SEED;
  if (!named) return undefined;
  return named.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n >= 0);
}

/** The fixed seeds plus one fresh one (above the fixed range, so it is never a repeat). */
export function ciSeeds(count: number): { seeds: number[]; fresh: number } {
  const fresh = randomInt(1_000_000, 2 ** 31);
  const seeds = Array.from({ length: count - 1 }, (_, i) => i + 1);
  return { seeds: [...seeds, fresh], fresh };
}
