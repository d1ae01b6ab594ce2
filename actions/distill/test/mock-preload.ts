// Loaded with `node --import` before dist/index.js, so the bundled action talks to @distillery/mock
// in its own process, as it would talk to a server on GitHub. Scenario and key come from the test.
import { writeFileSync } from 'node:fs';
import { setupServer } from '@distillery/mock/node';

export const MOCK_URL = 'http://distillery.test';
export const MOCK_KEY = 'dk_test_action_secret';

interface Scenario {
  failIn?: 'initializing' | 'data_generation' | 'curation' | 'training' | 'evaluation' | 'export';
  accuracyDelta?: number;
  slowdown?: number;
  notEvaluated?: boolean;
}

const scenario: Scenario = JSON.parse(process.env.DISTILLERY_MOCK_SCENARIO ?? '{}');
const server = setupServer({ baseUrl: MOCK_URL, clock: { mode: 'manual' }, keys: [{ key: MOCK_KEY }] });
// The mock's time moves a fixed 2 s per timer turn of this process, not with the wall clock: a
// default 40-second job takes 20 turns (about 0.4 s), and a job goes through the same states however
// slowly a loaded machine runs the action. On a wall clock, a starved action could find its job
// jumped from data generation to done and never see a training step to report. Unreferenced, as the
// realtime clock's timer is: the action's own requests and timers decide when it exits.
setInterval(() => server.mock.clock.advance(2_000), 20).unref();
if (scenario.failIn) server.mock.scenarios.failNextJob(scenario.failIn);
if (scenario.accuracyDelta !== undefined) server.mock.scenarios.nextJobAccuracy(scenario.accuracyDelta);
if (scenario.slowdown) server.mock.scenarios.slowNextJob(scenario.slowdown);
if (scenario.notEvaluated) server.mock.scenarios.nextJobNotEvaluated();
server.listen({ onUnhandledRequest: 'bypass' });

const stateFile = process.env.DISTILLERY_MOCK_STATE_FILE;
if (stateFile) {
  process.on('exit', () => {
    const jobs = [...server.mock.state.jobs.values()].map((job) => ({
      id: job.id,
      status: job.last.status,
      metadata: job.metadata,
    }));
    writeFileSync(stateFile, JSON.stringify({ jobs, datasets: server.mock.state.datasets.size }));
  });
}
