// `fn.toString()` of the user's functions returns the text the user wrote (for TypeScript: esbuild's output of
// it, which is what plain node would run), not the instrumented text with its probes. Code that prints a
// function or inspects its source (test frameworks, serializers, dependency injection by parameter names) must
// behave as it does under plain node.
//
// V8 gives a function's text as a slice of the script it was compiled from: the instrumented code. Every edit
// the instrumenter made is an insertion, listed in the insertion table beside the code file; the original text
// is that slice with the inserted characters left out. Files are read on the first call that needs them, so a
// program that never prints a function pays nothing.
import { C } from './captured';
import { INSERTIONS_FILE_SUFFIX, type InsertionBlocks } from '../shared/runtimeContract';

interface InstrumentedCode {
  text: string;
  /** Start of each inserted block in the instrumented text, ascending. */
  starts: number[];
  lengths: number[];
}

/** `codePaths`: the instrumented code files (the entry's, then a project's other modules'). */
/** The tracer's wrappers of built-ins (promiseCombinators.ts) and the native text their originals give. */
const nativeTexts = new C.WeakMap<object, string>();

/** `wrapper.toString()` gives what `original.toString()` gives ("function all() { [native code] }"). */
export function showAsNative(wrapper: object, original: object): void {
  nativeTexts.set(wrapper, C.apply(Function.prototype.toString, original, []) as string);
}

export function installFunctionSource(codePaths: string[], runtimeName: string): void {
  const nativeToString = Function.prototype.toString;
  const originals = new C.WeakMap<object, string>();
  let codes: (InstrumentedCode | null)[] | undefined;

  const load = (codePath: string): InstrumentedCode | null => {
    try {
      const text = C.readFileSync(codePath, 'utf8') as string;
      const blocks = C.parse(C.readFileSync(codePath + INSERTIONS_FILE_SUFFIX, 'utf8') as string) as InsertionBlocks;
      const starts = new C.Array<number>(blocks.at.length); // no push: user code may have replaced it
      let inserted = 0;
      for (let i = 0; i < blocks.at.length; i++) {
        starts[i] = blocks.at[i] + inserted;
        inserted += blocks.length[i];
      }
      return { text, starts, lengths: blocks.length };
    } catch {
      return null; // the run's folder is gone (the process outlived it): instrumented text it is
    }
  };

  const toString = function toString(this: unknown): string {
    if (this === toString) return C.apply(nativeToString, nativeToString, []) as string;
    const native = typeof this === 'function' ? nativeTexts.get(this) : undefined;
    if (native !== undefined) return native;
    const text = C.apply(nativeToString, this, []) as string;
    // The runtime name never occurs in the user's source: without it the function was not instrumented.
    if (C.indexOf(text, runtimeName) < 0) return text;
    const known = originals.get(this as object);
    if (known !== undefined) return known;
    if (codes === undefined) {
      codes = new C.Array<InstrumentedCode | null>(codePaths.length);
      for (let i = 0; i < codePaths.length; i++) codes[i] = load(codePaths[i]);
    }
    let original = text;
    for (let i = 0; i < codes.length && original === text; i++) {
      const code = codes[i];
      if (code !== null) original = withoutInsertions(code, text);
    }
    originals.set(this as object, original);
    return original;
  };
  // the bundler may rename the function; `Function.prototype.toString.name` must read as in plain node
  C.defineProperty(toString, 'name', { value: 'toString', configurable: true });
  C.defineProperty(Function.prototype, 'toString', { value: toString, writable: true, configurable: true, enumerable: false });
}

/** The instrumented slice `text` with the inserted characters removed (itself when it is not in the code). */
function withoutInsertions(code: InstrumentedCode, text: string): string {
  const from = C.indexOf(code.text, text);
  if (from < 0) return text;
  const to = from + text.length;
  const { starts, lengths } = code;
  // the first block that ends after `from`
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] + lengths[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  let out = '';
  let at = from;
  for (let i = lo; i < starts.length && starts[i] < to; i++) {
    if (starts[i] > at) out += C.slice(code.text, at, starts[i]);
    at = C.max(at, starts[i] + lengths[i]);
  }
  if (at < to) out += C.slice(code.text, at, to);
  return out;
}
