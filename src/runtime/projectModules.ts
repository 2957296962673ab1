// A project of several files, CommonJS side: when Node's CJS loader resolves a specifier of a local file that
// it cannot resolve itself (extensionless TypeScript, `./x.js` naming x.ts, tsconfig `paths`), answer from the
// runner's manifest (esbuild resolved the graph up front: src/core/project/projectGraph.ts); when it loads a
// local module, compile the instrumented code instead of the file. Packages and Node's own modules are never
// touched. The entry itself is cjsEntry.ts's (it also starts and ends the script task).
import Module from 'node:module';
import { C } from './captured';
import type { ProjectManifest } from '../shared/runtimeContract';

interface LoaderModule {
  filename?: string;
  _compile(content: string, filename: string, format?: string): unknown;
}
type ExtensionHandler = (module: LoaderModule, filename: string) => void;
type ResolveFilename = (request: string, parent: LoaderModule | null | undefined, ...rest: unknown[]) => string;

export function hookProjectModules(manifest: ProjectManifest): void {
  const M = Module as unknown as { _extensions: Record<string, ExtensionHandler>; _resolveFilename: ResolveFilename };
  const resolutions = manifest.resolutions;
  const modules = manifest.modules;
  const resolveFilename = M._resolveFilename;
  M._resolveFilename = function resolveWithLoopscope(this: unknown, request: string, parent: LoaderModule | null | undefined, ...rest: unknown[]): string {
    const from = parent?.filename;
    if (typeof from === 'string' && C.hasOwn(resolutions, from)) {
      const map = resolutions[from];
      if (C.hasOwn(map, request)) return map[request];
    }
    return C.apply(resolveFilename, this, [request, parent, ...rest]) as string;
  };
  const extensions = M._extensions;
  const wrapped = new C.Set<string>();
  for (const file in modules) {
    const ext = C.extname(file);
    const key = ext !== '' && ext in extensions ? ext : '.js';
    if (wrapped.has(key)) continue;
    wrapped.add(key);
    const original = extensions[key];
    extensions[key] = function loadProjectModule(this: unknown, module: LoaderModule, filename: string): void {
      const local = C.hasOwn(modules, filename) ? modules[filename] : undefined;
      // an ES module required from CommonJS: Node's own handler says what plain node says (ERR_REQUIRE_ESM)
      if (local === undefined || local.module !== 'cjs') return C.apply(original, this, [module, filename]) as void;
      module._compile(C.readFileSync(local.code, 'utf8') as string, filename, 'commonjs');
    };
  }
}
