// CommonJS entry: when Node's CJS loader loads the user's file, compile the instrumented code instead. The
// handler of the entry's extension is wrapped (not Module.prototype._compile alone) so that Node versions
// that strip TypeScript types themselves (22.6+ / 23.6+) never see the original .ts source.
import Module from 'node:module';
import { C } from './captured';

interface LoaderModule {
  _compile(content: string, filename: string, format?: string): unknown;
}
type ExtensionHandler = (module: LoaderModule, filename: string) => void;

export function hookCjsEntry(entry: string, codePath: string, start: () => void, end: (threw: boolean, error: unknown) => void): void {
  const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
  const ext = C.extname(entry);
  const key = ext !== '' && ext in extensions ? ext : '.js';
  const original = extensions[key];
  let done = false;
  extensions[key] = function loadWithLoopscope(module: LoaderModule, filename: string): void {
    if (done || filename !== entry) return C.apply(original, this, [module, filename]);
    done = true;
    const code = C.readFileSync(codePath, 'utf8');
    start();
    let threw = false;
    let error: unknown;
    try {
      module._compile(code, filename, 'commonjs');
    } catch (e) {
      threw = true;
      error = e;
      throw e;
    } finally {
      end(threw, error);
    }
  };
}
