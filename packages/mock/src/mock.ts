/**
 * The mock as one object: MSW handlers for every operation of the spec over one shared state,
 * plus the clock and scenario controls a test drives them with.
 */
import type { HttpHandler } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import { type Clock, createClock } from './clock';
import type { MockContext } from './context';
import { datasetHandlers } from './handlers/datasets';
import { distillationHandlers } from './handlers/distillation';
import { fineTuningHandlers } from './handlers/fine-tuning';
import { inferenceHandlers } from './handlers/inference';
import { keyHandlers } from './handlers/keys';
import { modelHandlers } from './handlers/models';
import { systemHandlers } from './handlers/system';
import { type MockOptions, resolveOptions } from './options';
import { Scenarios } from './scenarios';
import type { paths } from './spec';
import { isLive, syncJob } from './state/jobs';
import { MockState } from './state/store';
import { boundaries } from './state/timeline';

export interface DistilleryMock {
  /** MSW request handlers for every operation in the spec; pass them to `setupServer` or `setupWorker`. */
  readonly handlers: HttpHandler[];
  /** The mock's clock: `advance(ms)` moves every job forward. */
  readonly clock: Clock;
  /** One-shot twists for the next job or requests. */
  readonly scenarios: Scenarios;
  /** The simulated server's data (API keys, datasets, jobs), for assertions beyond the API. */
  readonly state: MockState;
  /** Advances the clock to the next status or phase change of any live job; returns the ms advanced (0 when idle). */
  tick(): number;
  /** Advances the clock until no job is pending or running; returns the ms advanced. */
  runUntilIdle(): number;
  /**
   * Forgets every dataset, job, created key, key use and scenario (back to the configured keys and
   * budgets, and to loopback mode when none are configured), and rewinds the clock. Call between tests.
   */
  reset(): void;
}

const MAX_TICKS = 10_000;

export function createMock(options: MockOptions = {}): DistilleryMock {
  const resolved = resolveOptions(options);
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock);
  const ctx: MockContext = {
    options: resolved,
    clock,
    scenarios: new Scenarios(),
    state: new MockState(resolved.keys, clock.now()),
  };
  const http = createOpenApiHttp<paths>({ baseUrl: resolved.baseUrl });
  const handlers: HttpHandler[] = [
    ...distillationHandlers(http, ctx),
    ...fineTuningHandlers(http, ctx),
    ...datasetHandlers(http, ctx),
    ...modelHandlers(http, ctx),
    ...inferenceHandlers(http, ctx),
    ...systemHandlers(http, ctx),
    ...keyHandlers(http, ctx),
  ];

  const nextChange = () => {
    const now = clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const job of ctx.state.jobs.values()) {
      syncJob(job, now);
      if (!isLive(job)) continue;
      const upcoming = boundaries(job.plan, job.cancelledAt).find((b) => b > now);
      if (upcoming !== undefined) next = Math.min(next, upcoming);
    }
    return Number.isFinite(next) ? next - now : 0;
  };

  return {
    handlers,
    clock,
    scenarios: ctx.scenarios,
    state: ctx.state,
    tick() {
      const step = nextChange();
      if (step > 0) clock.advance(step);
      return step;
    },
    runUntilIdle() {
      let total = 0;
      for (let i = 0; i < MAX_TICKS; i++) {
        const step = this.tick();
        if (step === 0) return total;
        total += step;
      }
      throw new Error('runUntilIdle: jobs are still live after 10000 transitions');
    },
    reset() {
      ctx.state.reset();
      ctx.scenarios.reset();
      clock.reset();
    },
  };
}

/** The handlers alone, over a fresh mock with these options. */
export function createHandlers(options: MockOptions = {}): HttpHandler[] {
  return createMock(options).handlers;
}

function isClock(value: MockOptions['clock']): value is Clock {
  return typeof value === 'object' && value !== null && 'advance' in value && 'now' in value;
}
