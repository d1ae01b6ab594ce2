import type { Clock } from './clock';
import type { ResolvedOptions } from './options';
import type { Scenarios } from './scenarios';
import type { MockState } from './state/store';

/** What every handler works with: the options, the clock, the scenario switches and the state. */
export interface MockContext {
  options: ResolvedOptions;
  clock: Clock;
  scenarios: Scenarios;
  state: MockState;
}
