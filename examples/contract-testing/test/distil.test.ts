import { setupServer } from '@distillery/mock/node';
import { Distillery, RateLimitError } from '@distillery/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { distilAndGate } from '../src/distil';

// A real-time clock at 100x: a simulated 40-second distillation finishes in about 0.4 s.
const server = setupServer({ clock: { mode: 'realtime', speed: 100 } });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.mock.reset());
afterAll(() => server.close());

// Construct the client after MSW patched fetch (the SDK binds fetch when constructed).
const client = (maxRetries = 0) => new Distillery({ baseUrl: 'http://localhost:8000', maxRetries });
const run = {
  name: 'spam-triage',
  teacher: 'openai/gpt-4o-mini',
  student: 'distillery-micro',
  maxAccuracyDrop: 0.02,
};

describe('distilAndGate', () => {
  it('ships a student within the allowed accuracy drop, after every phase ran', async () => {
    server.mock.scenarios.nextJobAccuracy(-0.01);
    const phases = new Set<string>();
    const result = await distilAndGate(client(), { ...run, onPhase: (p) => phases.add(p) });
    expect(result).toMatchObject({
      ship: true,
      accuracyDelta: -0.01,
      summary: 'spam-triage: accuracy -1.0 pt → ship',
    });
    expect(phases.has('done')).toBe(true);
  });

  it('holds a student that lost too much accuracy', async () => {
    server.mock.scenarios.nextJobAccuracy(-0.08);
    const result = await distilAndGate(client(), run);
    expect(result).toMatchObject({ ship: false, summary: 'spam-triage: accuracy -8.0 pt → hold' });
  });

  it('holds, with the reason, when the job fails in training', async () => {
    server.mock.scenarios.failNextJob('training', { code: 'teacher_unreachable' });
    const result = await distilAndGate(client(), run);
    expect(result.ship).toBe(false);
    expect(result.summary).toBe('spam-triage: failed in training (teacher_unreachable) → hold');
  });

  it('surfaces rate limiting when retries are off, and gets through when the SDK retries', async () => {
    server.mock.scenarios.rateLimitNext(1, { retryAfter: 0 });
    await expect(distilAndGate(client(0), run)).rejects.toBeInstanceOf(RateLimitError);
    server.mock.scenarios.rateLimitNext(1, { retryAfter: 0 });
    expect((await distilAndGate(client(2), run)).jobId).toMatch(/^job_/);
  });
});
