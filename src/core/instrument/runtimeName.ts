// The injected global must never collide with a user name, so it is a name that occurs nowhere in the texts
// (as a substring, which also rules out `__ls_1` when the user has `__ls_10`), frame variable included.
import { FRAME_SUFFIX } from './injectedApi';

const PREFIX = '__ls_';

export function pickRuntimeName(...texts: string[]): string {
  for (let n = 1; ; n++) {
    const name = `${PREFIX}${n}`;
    const frame = name + FRAME_SUFFIX;
    if (texts.every((text) => !text.includes(name) && !text.includes(frame))) return name;
  }
}
