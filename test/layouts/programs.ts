// Every program the layouts suite rewrites, discovered at run time (a new fixture, corpus file or example
// gets its variants for free), with how each one is judged: the fixture's own annotations, the corpus rules,
// or (examples) defaults with elapsed figures ignored.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFixtureAnnotations, type FixtureAnnotations } from '../fidelity/annotations';
import { listFixtures } from '../fidelity/fixtureList';
import type { FidelityOptions } from '../fidelity/runFixture';
import { corpusAnnotations, corpusFidelityOptions, CORPUS_PROGRAM } from '../fidelity/corpusRules';

export interface LayoutProgram {
  /** How tests name it: `cjs/classes.js`, `corpus/c01_basic_queues.js`, `examples/01-classic-order.js`. */
  id: string;
  file: string;
  source: string;
  /** Parsed from the original text: a variant's comments may be gone or moved. */
  annotations: FixtureAnnotations;
  options: FidelityOptions;
  /** The original run is not compared by test/fidelity: run it here too. */
  alsoOriginal: boolean;
  /** Prints measured durations (the examples). */
  elapsedFigures: boolean;
}

const repoRoot = path.resolve(__dirname, '../..');
const fixturesRoot = path.join(repoRoot, 'test/fixtures');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const examplesDir = path.join(repoRoot, 'examples');
const EXAMPLE = /^\d\d-.*\.(js|mjs|cjs|ts|tsx)$/;

function fixturePrograms(): LayoutProgram[] {
  return listFixtures(fixturesRoot).map((rel) => {
    const file = path.join(fixturesRoot, rel);
    const source = readFileSync(file, 'utf8');
    return { id: rel, file, source, annotations: parseFixtureAnnotations(source), options: {}, alsoOriginal: false, elapsedFigures: false };
  });
}

function corpusPrograms(): LayoutProgram[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => CORPUS_PROGRAM.test(f))
    .sort()
    .map((name) => {
      const file = path.join(corpusDir, name);
      const source = readFileSync(file, 'utf8');
      // corpus files carry no annotations: the corpus rules decide (test/fidelity/corpusRules.ts)
      return { id: `corpus/${name}`, file, source, annotations: corpusAnnotations(name), options: corpusFidelityOptions(name, source), alsoOriginal: false, elapsedFigures: false };
    });
}

function examplePrograms(): LayoutProgram[] {
  return readdirSync(examplesDir)
    .filter((f) => EXAMPLE.test(f))
    .sort()
    .map((name) => {
      const file = path.join(examplesDir, name);
      const source = readFileSync(file, 'utf8');
      return { id: `examples/${name}`, file, source, annotations: parseFixtureAnnotations(source), options: {}, alsoOriginal: true, elapsedFigures: true };
    });
}

export function layoutPrograms(): LayoutProgram[] {
  return [...fixturePrograms(), ...corpusPrograms(), ...examplePrograms()];
}
