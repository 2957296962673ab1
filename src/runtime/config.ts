// What the runner told the child, read once from the environment. The LOOPSCOPE_* variables are then
// removed from process.env so that user code (and processes it forks) never sees them. Their names are the
// core/runtime contract's (src/shared/runtimeContract.ts, RUNTIME_ENV).
import { C } from './captured';
import { RUNTIME_ENV as ENV, DEFAULT_CALL_BUDGET, type ProjectManifest } from '../shared/runtimeContract';

export interface TracerConfig {
  runtimeName: string;
  eventsPath: string;
  entry: string;
  codePath: string;
  module: 'cjs' | 'esm';
  maxEvents: number;
  /** Calls each task records (Infinity: all, `--full`). */
  callBudget: number;
  deadline: number; // epoch ms, Infinity when absent
  echo: boolean;
  promiseResolveProbes: Set<number>; // thenable probes that are `Promise.resolve(x)` calls
  /** The run's probe count (fast copies run only when it is known: foldedCalls.ts). */
  probeCount: number | null;
  /** A project of several files: its other local modules (src/core/project/), else null. */
  project: ProjectManifest | null;
}

export function readConfig(env: NodeJS.ProcessEnv): TracerConfig | null {
  const runtimeName = env[ENV.runtimeName];
  const eventsPath = env[ENV.events];
  const entry = env[ENV.entry];
  const codePath = env[ENV.code];
  if (!runtimeName || !eventsPath || !entry || !codePath) return null;
  const max = Number(env[ENV.maxEvents]);
  const deadline = Number(env[ENV.deadline]);
  const budgetText = env[ENV.callBudget];
  const budget = Number(budgetText);
  const promiseResolveProbes = new C.Set<number>(); // C.Set: user code may break Set.prototype.has
  for (const s of (env[ENV.promiseResolveProbes] ?? '').split(',')) if (s !== '') promiseResolveProbes.add(Number(s));
  const config: TracerConfig = {
    runtimeName, eventsPath, entry, codePath,
    module: env[ENV.module] === 'esm' ? 'esm' : 'cjs',
    maxEvents: Number.isFinite(max) && max > 0 ? max : 100000,
    callBudget: budgetText === 'all' ? Infinity : Number.isFinite(budget) && budget >= 0 ? budget : DEFAULT_CALL_BUDGET,
    deadline: Number.isFinite(deadline) && deadline > 0 ? deadline : Infinity,
    echo: env[ENV.echo] === '1',
    promiseResolveProbes,
    probeCount: probeCountOf(env[ENV.probeCount]),
    project: readManifest(env[ENV.project]),
  };
  for (const k of Object.values(ENV)) delete env[k];
  return config;
}

function probeCountOf(text: string | undefined): number | null {
  const n = Number(text);
  return text !== undefined && text !== '' && Number.isInteger(n) && n >= 0 && n < 2 ** 26 ? n : null;
}

function readManifest(file: string | undefined): ProjectManifest | null {
  if (file === undefined || file === '') return null;
  try {
    return C.parse(C.readFileSync(file, 'utf8') as string) as ProjectManifest;
  } catch {
    return null; // unreadable: the entry alone is traced
  }
}
