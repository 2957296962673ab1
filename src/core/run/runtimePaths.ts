// Where the built runtime (dist/runtime/tracer.js, esmHooks.mjs) is. In the shipped bundles (dist/cli.js,
// dist/extension.js) __dirname is dist/; under tsx (tests, running from src) walk up to the repo's dist/.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface RuntimePaths {
  tracer: string;
  esmHooks: string;
}

let cached: RuntimePaths | null = null;

export function runtimePaths(): RuntimePaths {
  if (cached !== null) return cached;
  const candidates: string[] = [path.join(__dirname, 'runtime')];
  for (let dir = __dirname; ; ) {
    candidates.push(path.join(dir, 'dist', 'runtime'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const dir of candidates) {
    const tracer = path.join(dir, 'tracer.js');
    const esmHooks = path.join(dir, 'esmHooks.mjs');
    if (existsSync(tracer) && existsSync(esmHooks)) return (cached = { tracer, esmHooks });
  }
  throw new Error(`loopscope: the runtime is not built (no dist/runtime/tracer.js near ${__dirname}); run \`node esbuild.mjs\``);
}
