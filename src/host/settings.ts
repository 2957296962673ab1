// Typed getters for the `loopscope.*` settings: one place knows the keys, the defaults and the bounds, so the
// rest of the host never reads raw configuration values.
import * as vscode from 'vscode';
import type { ModuleFormat } from '../shared/rawTrace';
import { MAX_PLAYBACK_SPEED, MIN_PLAYBACK_SPEED } from '../shared/protocol';
import { MAX_RUNS } from '../core/runs/traceRuns';

export type ModuleFormatSetting = 'auto' | ModuleFormat;

export interface LoopscopeSettings {
  /** Wall-clock limit of one run, ms. */
  timeoutMs: number;
  /** Events after which the run is stopped (reason `event-cap`). */
  maxEvents: number;
  /** Record every call (no per-task call budget: calls past it are otherwise counted, not stepped). */
  fullTrace: boolean;
  /** The Node binary that runs the user's code; '' means `node` on PATH. */
  nodePath: string;
  moduleFormat: ModuleFormatSetting;
  /** Initial playback speed of the panel (multiplier). */
  playbackSpeed: number;
  /** "Check Order Stability": how many times the program is run. */
  stabilityRuns: number;
}

export const SETTINGS_SECTION = 'loopscope';

export const DEFAULT_SETTINGS: LoopscopeSettings = {
  timeoutMs: 5000,
  maxEvents: 100000,
  fullTrace: false,
  nodePath: '',
  moduleFormat: 'auto',
  playbackSpeed: 1,
  stabilityRuns: 10,
};

function integerAtLeast(value: unknown, min: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.round(value)) : fallback;
}

function moduleFormat(value: unknown): ModuleFormatSetting {
  return value === 'cjs' || value === 'esm' ? value : 'auto';
}

function playbackSpeed(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_SETTINGS.playbackSpeed;
  return Math.min(MAX_PLAYBACK_SPEED, Math.max(MIN_PLAYBACK_SPEED, value));
}

/** The settings that apply to `scope` (the traced file, so folder settings of a multi-root workspace count). */
export function readSettings(scope?: vscode.ConfigurationScope): LoopscopeSettings {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return {
    timeoutMs: integerAtLeast(c.get('timeoutMs'), 1, DEFAULT_SETTINGS.timeoutMs),
    maxEvents: integerAtLeast(c.get('maxEvents'), 1, DEFAULT_SETTINGS.maxEvents),
    fullTrace: c.get('fullTrace') === true,
    nodePath: (c.get<string>('nodePath') ?? '').trim(),
    moduleFormat: moduleFormat(c.get('moduleFormat')),
    playbackSpeed: playbackSpeed(c.get('playbackSpeed')),
    stabilityRuns: Math.min(MAX_RUNS, integerAtLeast(c.get('stabilityRuns'), 2, DEFAULT_SETTINGS.stabilityRuns)),
  };
}
