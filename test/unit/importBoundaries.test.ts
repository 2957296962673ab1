// The four worlds and their one-way arrows (docs/ARCHITECTURE.md), checked on every import of the source:
// `vscode` only in src/host; Node's modules only in the Node worlds (core, runtime, cli, host); d3 and the DOM
// only in the webview; and between worlds only the arrows the architecture allows. The DOM lib itself is kept
// out of src/ by src/tsconfig.json (run by the typecheck layers).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

type World = 'host' | 'core' | 'shared' | 'runtime' | 'cli' | 'webview';

/** Which worlds each world may import from (besides itself). */
const ALLOWED_WORLDS: Record<World, readonly World[]> = {
  host: ['core', 'shared'],
  cli: ['core', 'shared'],
  core: ['shared'],
  runtime: ['shared'],
  shared: [],
  webview: ['shared'],
};
const NODE_WORLDS: readonly World[] = ['host', 'core', 'runtime', 'cli'];
const BROWSER_PACKAGES = /^(d3|d3-[a-z-]+|jsdom)$/;

function worldOf(file: string): World | null {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'webview') return 'webview';
  if (rel[0] === 'src' && ['host', 'core', 'shared', 'runtime', 'cli'].includes(rel[1])) return rel[1] as World;
  return null; // outside the worlds (node_modules, tests)
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(root, dir, f));
}

/** Every module specifier in a file: static and dynamic imports, re-exports and require calls. */
export function importSpecifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]);
}

/** What is wrong with one import, or null. */
function violation(file: string, world: World, specifier: string): string | null {
  if (specifier === 'vscode') return world === 'host' ? null : `imports 'vscode' outside src/host`;
  if (isNodeBuiltin(specifier)) return NODE_WORLDS.includes(world) ? null : `imports Node's '${specifier}' in ${world}`;
  if (BROWSER_PACKAGES.test(specifier)) return world === 'webview' ? null : `imports the browser package '${specifier}' outside the webview`;
  if (!specifier.startsWith('.')) return null; // a package: its own world rules are above
  const target = worldOf(path.resolve(path.dirname(file), specifier));
  if (target === null || target === world) return null;
  return ALLOWED_WORLDS[world].includes(target) ? null : `imports ${target} from ${world} ('${specifier}')`;
}

describe('import boundaries between the four worlds', () => {
  const files = [...sourceFiles('src'), ...sourceFiles('webview')];

  it('finds the source files and their imports', () => {
    assert.ok(files.length > 80, `${files.length} files`);
    assert.deepEqual(importSpecifiers(`import a from 'x';\nimport type { B } from "./b";\nexport * from './c';\nimport './d';\nconst e = require('e'); await import('f');`), ['x', './b', './c', './d', 'e', 'f']);
  });

  it('every import follows the arrows', () => {
    const problems: string[] = [];
    for (const file of files) {
      const world = worldOf(file);
      if (world === null) continue;
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const problem = violation(file, world, specifier);
        if (problem) problems.push(`${path.relative(root, file)}: ${problem}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('the rules catch each kind of violation', () => {
    const at = (rel: string): string => path.join(root, rel);
    assert.match(violation(at('src/core/x.ts'), 'core', 'vscode') ?? '', /outside src\/host/);
    assert.match(violation(at('src/shared/x.ts'), 'shared', 'node:fs') ?? '', /Node's/);
    assert.match(violation(at('webview/x.ts'), 'webview', 'path') ?? '', /Node's/);
    assert.match(violation(at('src/core/x.ts'), 'core', 'd3-selection') ?? '', /browser package/);
    assert.match(violation(at('src/core/x.ts'), 'core', '../host/commands') ?? '', /imports host from core/);
    assert.match(violation(at('src/shared/x.ts'), 'shared', '../core/instrument') ?? '', /imports core from shared/);
    assert.match(violation(at('src/runtime/x.ts'), 'runtime', '../core/errors') ?? '', /imports core from runtime/);
    assert.equal(violation(at('src/host/x.ts'), 'host', '../core/runTraced'), null);
  });
});
