// Finds the Node binary that will run the user's code. The extension host's own process.execPath is not an
// answer: in desktop VS Code it is Electron. A missing binary must be a clear sentence, not ENOENT.
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

export class NodeNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeNotFoundError';
  }
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return false;
    await fs.access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function searchPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat('') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * `setting` is loopscope.nodePath: '' -> `node` on PATH; a bare name -> searched on PATH; a path -> used as is.
 * Returns an absolute path or throws NodeNotFoundError with a message that says what to do.
 */
export async function resolveNodeBinary(setting: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const wanted = setting || 'node';
  const isBareName = !wanted.includes('/') && !wanted.includes('\\');
  if (isBareName) {
    const found = await searchPath(wanted, env);
    if (found) return found;
    throw new NodeNotFoundError(
      setting
        ? `Loopscope could not find "${wanted}" on PATH (setting loopscope.nodePath). Set it to the full path of a Node.js binary.`
        : 'Loopscope runs your code with Node.js, but no `node` was found on PATH. Install Node.js or set loopscope.nodePath to a Node.js binary.',
    );
  }
  if (await isExecutableFile(wanted)) return wanted;
  throw new NodeNotFoundError(`Loopscope: loopscope.nodePath is "${wanted}", which is not an executable file.`);
}
