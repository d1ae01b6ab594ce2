export { type Clock, type ClockOptions, createClock } from './clock';
export { ApiError } from './http/errors';
export { createHandlers, createMock, type DistilleryMock } from './mock';
export type { ApiKeyConfig, MockOptions, Scope } from './options';
export {
  type NextJobScenario,
  type RateLimitScenario,
  Scenarios,
  type StreamFailureScenario,
} from './scenarios';
export type { components, paths } from './spec';
export { type Operation, operations } from './spec';
export { DEFAULT_TIMINGS, type PhaseTimings } from './state/timeline';
