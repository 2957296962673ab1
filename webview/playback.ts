// Playback, without a DOM: the current step of a trace of `stepCount` steps, playing or paused, and the
// speed. Time comes from an injected scheduler, so tests drive it with a fake clock; what the position or the
// state means on screen is the listener's business (the app renders, saves, updates the controls).

import { MAX_PLAYBACK_SPEED, MIN_PLAYBACK_SPEED, PLAYBACK_SPEEDS } from '../src/shared/protocol';

/** Time one step stays on screen at 1x. */
export const BASE_STEP_MS = 700;

/** How long one step stays on screen at `speed` while playing. */
export function stepIntervalMs(speed: number): number {
  return BASE_STEP_MS / speed;
}

/** Runs `fn` once after `ms` milliseconds; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** The host's timers. */
export const timerSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export interface PlaybackListener {
  /** Show `step` (also when it is the step already shown). `animate`: the user asked to follow a move. */
  showStep(step: number, animate: boolean): void;
  /** Playing started or stopped. */
  playingChanged(playing: boolean): void;
  /** The user changed the speed. */
  speedChanged(speed: number): void;
  /**
   * While playing, when the next step is not simply this trace's next (following worker threads: the thread
   * that ran next): moves there itself and says whether there is a step after it. Undefined: the next step.
   */
  advance?(): boolean | undefined;
}

/** The speed the menu shows by default (and the one `speedBy` starts from when the speed is not offered). */
const DEFAULT_SPEED = 1;

/** The offered speed nearest to `s` (the speed menu only has those). */
export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return DEFAULT_SPEED;
  const c = Math.max(MIN_PLAYBACK_SPEED, Math.min(MAX_PLAYBACK_SPEED, s));
  let best = PLAYBACK_SPEEDS[0];
  for (const v of PLAYBACK_SPEEDS) if (Math.abs(Math.log(v / c)) < Math.abs(Math.log(best / c))) best = v;
  return best;
}

/** The offered speed `direction` places from `speed` (stays at the ends). */
export function nextSpeed(speed: number, direction: 1 | -1): number {
  const i = PLAYBACK_SPEEDS.indexOf(speed);
  const from = i < 0 ? PLAYBACK_SPEEDS.indexOf(DEFAULT_SPEED) : i;
  return PLAYBACK_SPEEDS[Math.max(0, Math.min(PLAYBACK_SPEEDS.length - 1, from + direction))];
}

export class Playback {
  private count = 0;
  private position = 0;
  private rate = DEFAULT_SPEED;
  private playing = false;
  private cancelTick: (() => void) | undefined;

  constructor(
    private readonly listener: PlaybackListener,
    private readonly schedule: Schedule = timerSchedule,
  ) {}

  get step(): number {
    return this.position;
  }

  get stepCount(): number {
    return this.count;
  }

  get speed(): number {
    return this.rate;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** A new trace: paused, at no step yet (the caller goes to one), at `speed` (nearest offered). */
  load(stepCount: number, speed: number): void {
    this.pause();
    this.count = stepCount;
    this.rate = clampSpeed(speed);
  }

  /** Another trace of `stepCount` steps in the same place (a worker thread's): playing and speed go on. */
  resize(stepCount: number): void {
    this.count = stepCount;
    this.position = Math.max(0, Math.min(this.count - 1, this.position));
  }

  /** Goes to `step`, rounded and kept inside the trace. */
  goTo(step: number, animate: boolean): void {
    this.position = Math.max(0, Math.min(this.count - 1, Math.round(step)));
    this.listener.showStep(this.position, animate);
  }

  stepBy(delta: number): void {
    this.goTo(this.position + delta, true);
  }

  /** Starts playing (from the first step when at the last); a trace of fewer than two steps does not play. */
  play(): void {
    if (this.playing || this.count < 2) return;
    if (this.position >= this.count - 1) this.goTo(0, false);
    this.playing = true;
    this.scheduleTick();
    this.listener.playingChanged(true);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.cancelTick?.();
    this.cancelTick = undefined;
    this.listener.playingChanged(false);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Sets the speed (nearest offered); a running tick restarts at the new interval. */
  setSpeed(speed: number): void {
    this.rate = clampSpeed(speed);
    if (this.playing) {
      this.cancelTick?.();
      this.scheduleTick();
    }
    this.listener.speedChanged(this.rate);
  }

  speedBy(direction: 1 | -1): void {
    this.setSpeed(nextSpeed(this.rate, direction));
  }

  private scheduleTick(): void {
    this.cancelTick = this.schedule(() => {
      this.cancelTick = undefined;
      if (!this.playing) return;
      const more = this.listener.advance?.();
      if (more !== undefined) {
        if (more && this.playing) this.scheduleTick();
        else this.pause();
        return;
      }
      if (this.position >= this.count - 1) {
        this.pause();
        return;
      }
      this.stepBy(1);
      if (this.position >= this.count - 1) this.pause();
      else this.scheduleTick();
    }, stepIntervalMs(this.rate));
  }
}
