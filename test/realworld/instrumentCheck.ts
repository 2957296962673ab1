// One file of real-world JavaScript through the same two stages Loopscope runs on a user's plain JS file:
// transpileSource (acorn parse + identity map, no esbuild) and instrumentSource; then the instrumented text must
// parse again with acorn in the same mode, and be the same program plus injected calls (sameProgram.ts). Code acorn cannot parse at all (Flow, JSX, a CommonJS file with ESM
// syntax) is not the instrumenter's business and is counted apart.

import { readFileSync, statSync } from 'node:fs';
import { getLineInfo, parse, type Program } from 'acorn';
import type { TransformOptions, TransformResult } from 'esbuild';
import { instrumentSource } from '../../src/core/instrument';
import { transpileSource, type TranspileResult } from '../../src/core/transpile';
import type { ModuleFormat } from '../../src/shared/rawTrace';
import type { DeclaredFormat } from './moduleScope';
import { firstProgramDifference } from './sameProgram';

export type FileCheck =
  | { kind: 'instrumented'; module: ModuleFormat }
  | { kind: 'unparseable' }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'failed'; module: ModuleFormat; stage: 'instrumentSource threw' | 'instrumented output does not parse' | 'instrumented output is another program'; message: string; position: string; excerpt: string };

/** transpileSource asks esbuild only when acorn rejects the code: here that means "not parseable as this mode". */
class NotParseable extends Error {}
const refuseToTranspile = (_input: string, _options: TransformOptions): Promise<TransformResult> => Promise.reject(new NotParseable());

export async function checkInstrumentFile(file: string, declared: DeclaredFormat, maxBytes: number): Promise<FileCheck> {
  const bytes = statSync(file).size;
  if (bytes > maxBytes) return { kind: 'too-large', bytes };
  const source = readFileSync(file, 'utf8');
  const modes: ModuleFormat[] = declared === 'either' ? ['cjs', 'esm'] : [declared];
  for (const module of modes) {
    const transpiled = await plainJs(source, file, module);
    if (transpiled) return instrumentAndReparse(transpiled, source, file, module);
  }
  return { kind: 'unparseable' };
}

async function plainJs(source: string, file: string, module: ModuleFormat): Promise<TranspileResult | undefined> {
  try {
    return await transpileSource(source, file, { module, esbuild: refuseToTranspile });
  } catch (e) {
    if (e instanceof NotParseable) return undefined;
    throw e;
  }
}

function instrumentAndReparse(transpiled: TranspileResult, source: string, file: string, module: ModuleFormat): FileCheck {
  let code: string;
  let runtimeName: string;
  try {
    ({ code, runtimeName } = instrumentSource(transpiled, { file, module, originalSource: source }));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const frame = err.stack?.split('\n').find((l) => l.includes('/src/core/')) ?? '';
    return { kind: 'failed', module, stage: 'instrumentSource threw', message: err.message, position: frame.trim(), excerpt: '' };
  }
  let output: Program;
  try {
    output = parse(code, {
      ecmaVersion: 'latest',
      sourceType: module === 'esm' ? 'module' : 'script',
      allowReturnOutsideFunction: module === 'cjs',
      allowHashBang: true,
    });
  } catch (e) {
    const err = e as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
    const at = err.pos ?? 0;
    return {
      kind: 'failed',
      module,
      stage: 'instrumented output does not parse',
      message: err.message,
      position: err.loc ? `instrumented ${err.loc.line}:${err.loc.column}` : `instrumented offset ${at}`,
      excerpt: excerptAt(code, at),
    };
  }
  const difference = transpiled.parsed ? firstProgramDifference(transpiled.parsed.program, output, runtimeName) : null;
  if (difference) {
    const at = getLineInfo(source, difference.originalStart);
    return {
      kind: 'failed',
      module,
      stage: 'instrumented output is another program',
      message: `${difference.what} (${difference.path})`,
      position: `original ${at.line}:${at.column}`,
      excerpt: excerptAt(code, difference.instrumentedStart),
    };
  }
  return { kind: 'instrumented', module };
}

function excerptAt(code: string, at: number): string {
  return code.slice(Math.max(0, at - 120), at) + ' ⟨HERE⟩ ' + code.slice(at, at + 60);
}
