// The processes (of any kind) whose working directory is a folder: a traced program's children inherit the
// program's folder as cwd, so a process still there after the run is one the run left behind.

import { readdirSync, readlinkSync } from 'node:fs';

export function processesInFolder(dir: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readlinkSync(`/proc/${pid}/cwd`) === dir) found.push(`${pid} ${readlinkSync(`/proc/${pid}/exe`)}`);
    } catch {
      // gone meanwhile, or not ours to inspect
    }
  }
  return found;
}
