// Console capture: process.stdout.write / process.stderr.write become functions that emit `console` events and
// write nothing through the streams (a real stream write creates async resources the user did not ask for).
// The text is Node's own formatting: console.* formats first, then calls write. fs.writeSync(1 | 2, …) is
// captured too: it bypasses the streams, but what it writes is printed output all the same.
import { C } from './captured';
import { emitText } from './recordEncoding';
import { now } from './runClock';
import { R } from './apiObject';

type WriteCallback = (err?: Error | null) => void;
type StreamName = 'stdout' | 'stderr';

export function captureConsole(echo: boolean): void {
  const streams = [
    { stream: process.stdout, name: 'stdout' as const, fd: 1, consoleMethod: 'log' as const },
    { stream: process.stderr, name: 'stderr' as const, fd: 2, consoleMethod: 'error' as const },
  ];
  for (const s of streams) {
    const original = s.stream.write;
    // The global console passes its own error handler as write's callback; learn it so it is never called
    // (calling it would queue a tick Node's sync stdout writes do not show to the user either).
    let consoleHandler: unknown = null;
    s.stream.write = function probe(_chunk: unknown, cb?: unknown): boolean {
      consoleHandler = cb;
      return true;
    } as typeof s.stream.write;
    try {
      console[s.consoleMethod]();
    } catch {
      // a console without that method: nothing to learn
    }
    s.stream.write = makeWrite(s.name, s.fd, echo, consoleHandler, original) as typeof s.stream.write;
  }
  captureFdWrites();
}

/**
 * One console event: the text without its trailing newline (README: console[].text). A write that ends
 * without one leaves the terminal's line open: the record says so (a last field 1), and the next write on that
 * stream continues the line (`process.stdout.write('a')` then `write('b\n')` print one line, "ab").
 */
function emitConsole(stream: StreamName, text: string): void {
  const n = text.length;
  if (n === 0) return; // an empty write prints nothing: no console line, no open line
  const open = n === 0 || C.charCodeAt(text, n - 1) !== 10;
  if (!open) text = C.slice(text, 0, n - 1);
  const l = R.l;
  emitText('["console",' + now() + ',"' + stream + '",' + C.stringify(text) + ',' + (typeof l === 'number' ? l : 'null') + (open ? ',1]\n' : ']\n'));
}

/**
 * What a terminal shows for a written string: Node encodes it (utf8 unless told otherwise: 'hex', 'base64',
 * 'latin1' strings become other bytes) and the bytes are read back as UTF-8, so a lone surrogate shows as
 * U+FFFD, as the oracle (plain node's stdout decoded as UTF-8) shows it.
 */
function printedText(chunk: string, encoding: unknown): string {
  if (typeof encoding === 'string' && encoding !== 'utf8' && encoding !== 'utf-8' && C.isEncoding(encoding)) {
    return C.bufferToString(C.bufferFrom(chunk, encoding as BufferEncoding), 'utf8');
  }
  if (C.isWellFormed === undefined || C.toWellFormed === undefined || C.apply(C.isWellFormed, chunk, [])) return chunk;
  return C.apply(C.toWellFormed, chunk, []) as string;
}

function bytesText(bytes: Uint8Array, from: number, length: number): string {
  return C.bufferToString(C.bufferFrom(bytes.buffer, bytes.byteOffset + from, length), 'utf8');
}

function makeWrite(stream: StreamName, fd: number, echo: boolean, consoleHandler: unknown, original: unknown) {
  return function write(this: unknown, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    let text: string;
    if (typeof chunk === 'string') text = printedText(chunk, encoding);
    // bytes are written as they are, whatever encoding is passed with them
    else if (C.isUint8Array(chunk)) text = bytesText(chunk, 0, chunk.byteLength);
    // anything else: the stream's own write throws Node's error (ERR_INVALID_ARG_TYPE, ERR_STREAM_NULL_VALUES)
    else return C.apply(original as (...a: unknown[]) => boolean, this, [chunk, encoding, cb]);
    if (echo) {
      try {
        C.writeSync(fd, text);
      } catch {
        // the real stream is closed: capturing is what matters
      }
    }
    emitConsole(stream, text);
    const callback = typeof encoding === 'function' ? encoding : cb;
    if (typeof callback === 'function' && callback !== consoleHandler) C.nextTick(callback as WriteCallback, null);
    return true;
  };
}

/**
 * fs.writeSync(1, …) / fs.writeSync(2, …): the real write still happens (the child's fds 1 and 2 lead to
 * /dev/null, or to the terminal with LOOPSCOPE_DEBUG=1), so Node's own return value and errors stay; what
 * was written becomes a console event. Installed before any user code, so `const { writeSync } = require('fs')`
 * and `import { writeSync } from 'fs'` get this function too. (fs.write and streams opened on fd 1 are not
 * captured.)
 */
function captureFdWrites(): void {
  // The CommonJS exports object itself: `import * as fs` would be a copy under esbuild's interop.
  const fs = require('node:fs') as { writeSync: (...args: unknown[]) => number };
  const original = fs.writeSync;
  fs.writeSync = function writeSync(this: unknown, fd: unknown, data: unknown, offsetOrPosition?: unknown, lengthOrEncoding?: unknown): number {
    const written = C.apply(original, this, arguments as unknown as unknown[]) as number;
    if (fd !== 1 && fd !== 2) return written;
    const stream: StreamName = fd === 1 ? 'stdout' : 'stderr';
    if (typeof data === 'string') {
      // writeSync(fd, string, position, encoding)
      emitConsole(stream, printedText(data, lengthOrEncoding));
    } else if (C.isUint8Array(data)) {
      // writeSync(fd, bytes, offset, length, position) or writeSync(fd, bytes, { offset, length, position })
      let offset = 0;
      if (typeof offsetOrPosition === 'number') offset = offsetOrPosition;
      else if (offsetOrPosition !== null && typeof offsetOrPosition === 'object') {
        const o = (offsetOrPosition as { offset?: unknown }).offset;
        if (typeof o === 'number') offset = o;
      }
      emitConsole(stream, bytesText(data, offset, written));
    }
    return written;
  };
}
