// Console capture: process.stdout.write / process.stderr.write become functions that emit `console` events and
// write nothing through the streams (a real stream write creates async resources the user did not ask for).
// The text is Node's own formatting: console.* formats first, then calls write.
import { C } from './captured';
import { emit, now } from './eventBuffer';
import { R } from './apiObject';

type WriteCallback = (err?: Error | null) => void;

export function captureConsole(echo: boolean): void {
  const streams = [
    { stream: process.stdout, name: 'stdout', fd: 1, consoleMethod: 'log' as const },
    { stream: process.stderr, name: 'stderr', fd: 2, consoleMethod: 'error' as const },
  ];
  for (const s of streams) {
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
    s.stream.write = makeWrite(s.name, s.fd, echo, consoleHandler) as typeof s.stream.write;
  }
}

function makeWrite(stream: string, fd: number, echo: boolean, consoleHandler: unknown) {
  const prefix = ',"' + stream + '",';
  return function write(chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else if (C.isUint8Array(chunk)) text = C.bufferFrom(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else text = C.String(chunk);
    if (echo) {
      try {
        C.writeSync(fd, text);
      } catch {
        // the real stream is closed: capturing is what matters
      }
    }
    const n = text.length;
    if (n > 0 && C.charCodeAt(text, n - 1) === 10) text = C.slice(text, 0, n - 1);
    const l = R.l;
    emit('["console",' + now() + prefix + C.stringify(text) + ',' + (typeof l === 'number' ? l : 'null') + ']\n');
    const callback = typeof encoding === 'function' ? encoding : cb;
    if (typeof callback === 'function' && callback !== consoleHandler) C.nextTick(callback as WriteCallback, null);
    return true;
  };
}
