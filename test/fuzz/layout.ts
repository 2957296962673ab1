// The layout a program is printed in, chosen from the seed: our own styles (render.ts), Prettier with
// random options, or esbuild's minifiers. The print ids survive every layout, so the expectations do too.

import { transform } from 'esbuild';
import { format } from 'prettier';
import { Prng } from './prng';
import type { Program } from './program';
import { CANONICAL_STYLE, renderProgram, type OwnStyle } from './render';

export type Layout =
  | { kind: 'own'; style: OwnStyle }
  | { kind: 'prettier'; printWidth: number; semi: boolean; singleQuote: boolean; arrowParens: 'always' | 'avoid'; useTabs: boolean }
  | { kind: 'esbuild'; minifyWhitespace: boolean; minifySyntax: boolean };

export function chooseLayout(seed: number): Layout {
  // a separate stream from the program's, so a program and its layout vary independently
  const rng = new Prng(seed ^ 0x5bd1e995);
  const kind = rng.weighted<Layout['kind']>([['own', 4], ['prettier', 3], ['esbuild', 2]]);
  switch (kind) {
    case 'own':
      return {
        kind,
        style: {
          semicolons: rng.chance(0.5),
          quote: rng.pick(['"', "'"] as const),
          bareArrowParam: rng.chance(0.5),
          arrowBodyOnNextLine: rng.chance(0.5),
          arrowComment: rng.weighted<OwnStyle['arrowComment']>([['none', 3], ['block', 1], ['line', 1]]),
          compactReturn: rng.chance(0.4),
          indent: rng.pick(['  ', '    ', '\t']),
        },
      };
    case 'prettier':
      return { kind, printWidth: rng.int(20, 120), semi: rng.chance(0.5), singleQuote: rng.chance(0.5), arrowParens: rng.pick(['always', 'avoid'] as const), useTabs: rng.chance(0.2) };
    case 'esbuild': {
      const minifySyntax = rng.chance(0.6);
      return { kind, minifyWhitespace: !minifySyntax || rng.chance(0.7), minifySyntax };
    }
  }
}

export async function renderInLayout(program: Program, layout: Layout): Promise<string> {
  switch (layout.kind) {
    case 'own':
      return renderProgram(program, layout.style);
    case 'prettier': {
      const { kind: _kind, ...options } = layout;
      return format(renderProgram(program, CANONICAL_STYLE), { parser: 'babel', ...options });
    }
    case 'esbuild': {
      const { code } = await transform(renderProgram(program, CANONICAL_STYLE), { loader: 'js', minifyWhitespace: layout.minifyWhitespace, minifySyntax: layout.minifySyntax });
      return code;
    }
  }
}

export function describeLayout(layout: Layout): string {
  return layout.kind === 'own' ? `own ${JSON.stringify(layout.style)}` : JSON.stringify(layout);
}
