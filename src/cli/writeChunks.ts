// Writes a stream of string chunks to stdout or a file, waiting for 'drain' so a large --json document
// never piles up in memory.

import { closeSync, openSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function writeChunks(chunks: Iterable<string>, out: Writable): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/**
 * Writes all chunks to `file`, synchronously: a file write stream goes through libuv's thread pool, and
 * starting that pool cost a short CLI run about 8 ms. One chunk at a time, so memory stays bounded.
 */
export function writeChunksToFile(chunks: Iterable<string>, file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
    }
  } finally {
    closeSync(fd);
  }
}

/** Lines -> chunks of about 64 KB, so a long text report costs few writes. */
export function* linesToChunks(lines: Iterable<string>, size = 64 * 1024): Iterable<string> {
  let buffer = '';
  for (const line of lines) {
    buffer += line + '\n';
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
