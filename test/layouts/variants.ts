// The layouts a program is rewritten into: the same program, formatted by Prettier or minified by esbuild.
// Each must behave exactly like the original under plain node, so the traced run of each must match node
// on that same text: the instrumenter may not depend on where lines break, on semicolons, or on whitespace.
//
// TypeScript: Prettier's output stays TypeScript (same extension; the oracle runs esbuild's JS of it, as for
// any TS fixture). esbuild's output is always JavaScript, whatever the loader: the whitespace-minified TS is
// written as .cjs or .mjs (the program's module format), so that variant traces the JS loader path on code
// that esbuild already stripped of types. The syntax minifier is JavaScript-only.

import * as prettier from 'prettier';
import { transform, type Loader } from 'esbuild';
import type { ModuleFormat } from '../../src/shared/rawTrace';
import { isTypeScript } from '../fidelity/oracle';

export interface VariantInput {
  /** The original program's path (decides parser, loader and file name). */
  file: string;
  source: string;
  /** The module format node runs the original in. */
  module: ModuleFormat;
}

export interface VariantOutput {
  code: string;
  /** The file name the variant is written under, in a copy of the program's folder. */
  fileName: string;
}

export interface Variant {
  name: string;
  appliesTo(file: string): boolean;
  produce(input: VariantInput): Promise<VariantOutput>;
}

const baseName = (file: string): string => file.slice(file.lastIndexOf('/') + 1);

function prettierParser(file: string): string {
  return isTypeScript(file) ? 'typescript' : 'babel';
}

function esbuildLoader(file: string): Loader {
  if (file.endsWith('.tsx')) return 'tsx';
  if (isTypeScript(file)) return 'ts';
  return 'js';
}

/** esbuild turns TS into JS: a JS file name node reads in the same module format. */
function esbuildFileName(input: VariantInput): string {
  const name = baseName(input.file);
  if (!isTypeScript(input.file)) return name;
  return name.replace(/\.[^.]+$/, input.module === 'esm' ? '.mjs' : '.cjs');
}

function prettierVariant(name: string, options: prettier.Options): Variant {
  return {
    name,
    appliesTo: () => true,
    produce: async ({ file, source }) => ({
      // filepath lets the typescript parser accept JSX in .tsx files
      code: await prettier.format(source, { ...options, parser: prettierParser(file), filepath: file }),
      fileName: baseName(file),
    }),
  };
}

function esbuildVariant(name: string, minify: { minifyWhitespace?: boolean; minifySyntax?: boolean }, javaScriptOnly: boolean): Variant {
  return {
    name,
    appliesTo: (file) => !javaScriptOnly || !isTypeScript(file),
    produce: async (input) => {
      // no `format`: ESM stays ESM and CJS stays CJS, as in the pipeline's own transpile step
      const { code } = await transform(input.source, { ...minify, loader: esbuildLoader(input.file), sourcefile: input.file, target: 'esnext' });
      return { code, fileName: esbuildFileName(input) };
    },
  };
}

/** The program as written: only for programs whose original run no other suite compares with runFidelity. */
export const ORIGINAL: Variant = {
  name: 'original',
  appliesTo: () => true,
  produce: async ({ file, source }) => ({ code: source, fileName: baseName(file) }),
};

export const LAYOUT_VARIANTS: readonly Variant[] = [
  prettierVariant('prettier-20', { printWidth: 20 }),
  prettierVariant('prettier-200', { printWidth: 200 }),
  prettierVariant('prettier-nosemi', { semi: false }),
  esbuildVariant('esbuild-whitespace', { minifyWhitespace: true }, false),
  esbuildVariant('esbuild-syntax', { minifySyntax: true }, true),
];
