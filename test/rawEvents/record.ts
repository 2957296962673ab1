// Records the normalized raw trace of every fixture whose trace is the same on two runs, as the reference
// the identity test (test/integration/rawEvents.identity.test.ts) compares later builds with.
//   npx tsx test/rawEvents/record.ts                 (rewrites test/rawEvents/recorded.json)
//   npx tsx test/rawEvents/record.ts cjs/a.js ...    (re-records only those fixtures, keeping the others' entries:
//                                                     a deliberate change of a few traces on a busy machine)
// Run it only from a build whose raw events are known good: the file is the tracer's frozen behaviour.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { traceFile } from '../../src/core/runTraced';
import { parseFixtureAnnotations } from '../fidelity/annotations';
import { ensureBuilt } from '../fidelity/ensureBuilt';
import { listFixtures } from '../fidelity/fixtureList';
import { normalizeTrace, recordTrace, type NormalizedTrace, type RecordedTrace } from './normalize';
import { createHash } from 'node:crypto';

export const fixturesRoot = path.resolve(__dirname, '../fixtures');
export const recordedFile = path.join(__dirname, 'recorded.json');

/** The stack overflows' depth depends on the tracer's own frame sizes, which a refactoring may change. */
const DEPTH_DEPENDENT = /stack-overflow/;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function traceFixture(rel: string): Promise<NormalizedTrace> {
  const file = path.join(fixturesRoot, rel);
  const ann = parseFixtureAnnotations(readFileSync(file, 'utf8'));
  return normalizeTrace(await traceFile({ file, ...ann.options }));
}

async function main(only: readonly string[]): Promise<void> {
  ensureBuilt();
  const all = listFixtures(fixturesRoot).filter((f) => !DEPTH_DEPENDENT.test(f));
  const unknown = only.filter((f) => !all.includes(f));
  if (unknown.length > 0) throw new Error(`not a recorded fixture: ${unknown.join(', ')}`);
  const recorded: Record<string, RecordedTrace> = only.length > 0 ? (JSON.parse(readFileSync(recordedFile, 'utf8')) as Record<string, RecordedTrace>) : {};
  const racy: string[] = [];
  for (const rel of only.length > 0 ? only : all) {
    const first = await traceFixture(rel);
    const second = await traceFixture(rel);
    const third = await traceFixture(rel);
    if (isDeepStrictEqual(first, second) && isDeepStrictEqual(first, third)) recorded[rel] = recordTrace(first, sha256);
    else {
      racy.push(rel);
      delete recorded[rel];
    }
  }
  writeFileSync(recordedFile, JSON.stringify(recorded, null, 0).replace(/\],\[/g, '],\n[') + '\n');
  console.log(`recorded ${Object.keys(recorded).length} fixtures; left out (trace differs between runs): ${racy.join(', ') || 'none'}`);
}

if (require.main === module) void main(process.argv.slice(2));
