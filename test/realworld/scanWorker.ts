// Worker thread body of scanInWorkers: one share of the files, the result posted back once.

import { parentPort, workerData } from 'node:worker_threads';
import { scanFiles, type ScanJob } from './nodeModulesScan';

void scanFiles(workerData as ScanJob).then((part) => parentPort!.postMessage(part));
