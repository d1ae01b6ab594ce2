/**
 * The mock's notion of time. Jobs move through their phases as this clock moves, so tests decide
 * how fast a job runs: a `manual` clock only moves on `advance()`, a `realtime` clock follows the wall
 * clock, scaled by `speed` so a 40-second job can finish in 40 ms of test time.
 */
export interface ClockOptions {
  /** `manual` (the default) moves only on `advance()`; `realtime` follows the wall clock. */
  mode?: 'manual' | 'realtime';
  /** Mock milliseconds per wall-clock millisecond in `realtime` mode (default 1). */
  speed?: number;
  /** The instant the clock starts at (default 2026-04-19T12:00:00Z, the spec's example date). */
  start?: Date | string | number;
}

export type ClockListener = (now: number) => void;

export interface Clock {
  readonly mode: 'manual' | 'realtime';
  /** Milliseconds since the epoch, on the mock's timeline. */
  now(): number;
  /** ISO-8601 form of `now()`. */
  iso(): string;
  /** Moves time forward by `ms` in either mode; jobs catch up and event streams are notified. */
  advance(ms: number): void;
  /** Called whenever time moves: on `advance()`, and every few wall-clock ms in realtime mode while subscribed. */
  subscribe(listener: ClockListener): () => void;
  /** Back to the start instant; used by `mock.reset()`. */
  reset(): void;
}

export const DEFAULT_START = Date.parse('2026-04-19T12:00:00Z');
/** How often a realtime clock wakes event streams up; short enough for snappy SSE tests. */
const REALTIME_TICK_MS = 20;

export function createClock(options: ClockOptions = {}): Clock {
  const mode = options.mode ?? 'manual';
  const speed = options.speed ?? 1;
  if (!(speed > 0)) throw new RangeError('clock speed must be > 0');
  const start = options.start === undefined ? DEFAULT_START : new Date(options.start).getTime();
  if (Number.isNaN(start)) throw new RangeError('clock start is not a valid date');

  let offset = 0;
  let wallStart = Date.now();
  const listeners = new Set<ClockListener>();
  let timer: ReturnType<typeof setInterval> | undefined;

  const now = () => (mode === 'manual' ? start + offset : start + offset + (Date.now() - wallStart) * speed);
  const notify = () => {
    const at = now();
    for (const listener of [...listeners]) listener(at);
  };

  const startTimer = () => {
    if (mode !== 'realtime' || timer !== undefined) return;
    timer = setInterval(notify, REALTIME_TICK_MS);
    // A forgotten event stream must not keep a test process alive.
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
  };
  const stopTimer = () => {
    if (timer === undefined || listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
  };

  return {
    mode,
    now,
    iso: () => new Date(now()).toISOString(),
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative number of milliseconds');
      offset += ms;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      startTimer();
      return () => {
        listeners.delete(listener);
        stopTimer();
      };
    },
    reset() {
      offset = 0;
      wallStart = Date.now();
    },
  };
}
