// What the runner told the child, read once from the environment. The LOOPSCOPE_* variables are then
// removed from process.env so that user code (and processes it forks) never sees them.
import { C } from './captured';

export interface TracerConfig {
  runtimeName: string;
  eventsPath: string;
  entry: string;
  codePath: string;
  module: 'cjs' | 'esm';
  maxEvents: number;
  deadline: number; // epoch ms, Infinity when absent
  echo: boolean;
  promiseResolveProbes: Set<number>; // thenable probes that are `Promise.resolve(x)` calls
}

const KEYS = [
  'LOOPSCOPE_RUNTIME_NAME', 'LOOPSCOPE_EVENTS', 'LOOPSCOPE_ENTRY', 'LOOPSCOPE_CODE', 'LOOPSCOPE_MODULE',
  'LOOPSCOPE_MAX_EVENTS', 'LOOPSCOPE_DEADLINE', 'LOOPSCOPE_ECHO', 'LOOPSCOPE_PROMISE_RESOLVE_PROBES',
];

export function readConfig(env: NodeJS.ProcessEnv): TracerConfig | null {
  const runtimeName = env.LOOPSCOPE_RUNTIME_NAME;
  const eventsPath = env.LOOPSCOPE_EVENTS;
  const entry = env.LOOPSCOPE_ENTRY;
  const codePath = env.LOOPSCOPE_CODE;
  if (!runtimeName || !eventsPath || !entry || !codePath) return null;
  const max = Number(env.LOOPSCOPE_MAX_EVENTS);
  const deadline = Number(env.LOOPSCOPE_DEADLINE);
  const promiseResolveProbes = new C.Set<number>(); // C.Set: user code may break Set.prototype.has
  for (const s of (env.LOOPSCOPE_PROMISE_RESOLVE_PROBES ?? '').split(',')) if (s !== '') promiseResolveProbes.add(Number(s));
  const config: TracerConfig = {
    runtimeName, eventsPath, entry, codePath,
    module: env.LOOPSCOPE_MODULE === 'esm' ? 'esm' : 'cjs',
    maxEvents: Number.isFinite(max) && max > 0 ? max : 100000,
    deadline: Number.isFinite(deadline) && deadline > 0 ? deadline : Infinity,
    echo: env.LOOPSCOPE_ECHO === '1',
    promiseResolveProbes,
  };
  for (const k of KEYS) delete env[k];
  return config;
}
