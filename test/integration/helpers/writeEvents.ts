// Writes an events file with the tracer's own writer (src/runtime/eventBuffer.ts), so the reader's tests read
// what a child really writes. Usage: node --import tsx writeEvents.ts FILE [end|open]
import { openEvents, lineStart, int, lineNo, intOrNull, lineEnd, emit, labelCode, endRun, flush, now } from '../../../src/runtime/eventBuffer';
import { K_ENQUEUE, K_RUN, K_DONE, K_CANCEL, K_ENTER, K_EXIT, K_SUSPEND, K_RESUME } from '../../../src/shared/eventCodes';
import { QUEUE_NAMES } from '../../../src/shared/rawTrace';

const [file, ending] = process.argv.slice(2);
openEvents(file, 1e6, 'cjs');
function enqueue(id: number, queue: string, label: string, line: number | null, site: number, dueUs: number): void {
  const code = labelCode(label); // may write a label record: never between lineStart and lineEnd
  let w = lineStart(K_ENQUEUE);
  w = int(w, id);
  w = int(w, QUEUE_NAMES.indexOf(queue as never));
  w = int(w, code);
  w = lineNo(w, line);
  w = intOrNull(w, site);
  lineEnd(int(w, dueUs));
}
lineEnd(int(lineStart(K_RUN), 0));
let w = lineStart(K_ENTER);
w = int(w, 3);
w = int(w, 1);
lineEnd(lineNo(w, null));
enqueue(1, 'timer', 'setTimeout', 2, 4, 12345);
enqueue(2, 'io', 'FSREQCALLBACK', null, -1, NaN);
enqueue(3, 'microtask', 'then', 5, 0, NaN);
emit('["console",' + now() + ',"stdout",' + JSON.stringify('héllo → 世界 🎉 ],["x"\n') + ',3]');
lineEnd(lineNo(int(lineStart(K_SUSPEND), 1), 6));
lineEnd(int(lineStart(K_EXIT), 1));
enqueue(4, 'io', 'FSREQCALLBACK', 7, -1, NaN); // a label defined once, used twice
lineEnd(int(lineStart(K_CANCEL), 1));
lineEnd(int(lineStart(K_DONE), 0));
lineEnd(int(lineStart(K_RUN), 3));
lineEnd(int(lineStart(K_RESUME), 1));
lineEnd(int(lineStart(K_DONE), 3));
if (ending === 'end') endRun('completed', 0);
else flush(true);
