// Writes a stream of string chunks to stdout or a file, waiting for 'drain' so a large --json document
// never piles up in memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export async function writeChunks(chunks: Iterable<string>, out: Writable): Promise<void> {
  for (const chunk of chunks) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

/** Writes all chunks to `file` and resolves once the file is complete on disk. */
export async function writeChunksToFile(chunks: Iterable<string>, file: string): Promise<void> {
  const stream = createWriteStream(file);
  const opened = once(stream, 'open');
  await opened;
  try {
    await writeChunks(chunks, stream);
  } finally {
    stream.end();
    await once(stream, 'close');
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
