// Writes an events file with the tracer's own writers (src/runtime/recordWriters.ts, recordEncoding.ts), so the
// reader's tests read what a child really writes. Usage: node --import tsx writeEvents.ts FILE [end|open]
import { openEvents, endRun } from '../../../src/runtime/runLifecycle';
import { emitText, labelCode } from '../../../src/runtime/recordEncoding';
import { flush } from '../../../src/runtime/recordStream';
import { now } from '../../../src/runtime/runClock';
import {
  writeEnqueue, writeRun, writeDone, writeCancel, writeEnter, writeExit, writeSuspend, writeResume,
} from '../../../src/runtime/recordWriters';
import { QUEUE_NAMES } from '../../../src/shared/rawTrace';

const [file, ending] = process.argv.slice(2);
openEvents(file, 1e6, 'cjs');
function enqueue(id: number, queue: string, label: string, line: number | null, site: number, dueUs: number): void {
  const code = labelCode(label); // may write a label record: never inside another record
  writeEnqueue(id, QUEUE_NAMES.indexOf(queue as never), code, line, site, dueUs);
}
writeRun(0);
writeEnter(3, 1, null);
enqueue(1, 'timer', 'setTimeout', 2, 4, 12345);
enqueue(2, 'io', 'FSREQCALLBACK', null, -1, NaN);
enqueue(3, 'microtask', 'then', 5, 0, NaN);
emitText('["console",' + now() + ',"stdout",' + JSON.stringify('héllo → 世界 🎉 ],["x"\n') + ',3]');
writeSuspend(1, 6);
writeExit(1);
enqueue(4, 'io', 'FSREQCALLBACK', 7, -1, NaN); // a label defined once, used twice
writeCancel(1);
writeDone(0);
writeRun(3);
writeResume(1);
writeDone(3);
if (ending === 'end') endRun('completed', 0);
else flush(true);
