// The caches' keys: a SHA-256 of their parts. node:crypto is loaded on the first hash, not at start-up: loading it
// costs about 4 ms, and a one-file run (the CLI's most common case) never hashes anything.
import type { Hash } from 'node:crypto';

let createHash: ((algorithm: string) => Hash) | undefined;

/** Hex SHA-256 of the parts, each preceded by a NUL so that ('ab','c') and ('a','bc') differ. */
export function sha256Hex(parts: readonly (string | number)[]): string {
  createHash ??= (require('node:crypto') as typeof import('node:crypto')).createHash;
  const hash = createHash('sha256');
  for (const p of parts) hash.update('\0' + String(p));
  return hash.digest('hex');
}
