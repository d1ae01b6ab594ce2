/** Real-time mode: jobs move with the wall clock, scaled by `speed`, with no test driving them. */
import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock';
import { apiJson, useMockServer } from './support/harness';

// 1 wall ms = 10 mock ms: a default 40 s job takes about 4 s, so even a loaded machine polls it mid-run.
useMockServer({ clock: { mode: 'realtime', speed: 10 } });

describe('real-time mode', () => {
  it('completes a job on its own while a client polls', async () => {
    const { body: job } = await apiJson<{ id: string }>('/v1/distillation', {
      method: 'POST',
      json: { config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-micro' } },
    });
    const seen = new Set<string>();
    let status = 'pending';
    const deadline = Date.now() + 30_000;
    while (status !== 'completed' && Date.now() < deadline) {
      const { body } = await apiJson<{ status: string; phase: string }>(`/v1/distillation/${job.id}`);
      status = body.status;
      seen.add(body.phase);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(status).toBe('completed');
    expect(seen.size).toBeGreaterThan(2);
  }, 40_000);

  it('scales wall time by speed, and advance() still jumps ahead', async () => {
    const clock = createClock({ mode: 'realtime', speed: 1000, start: '2030-01-01T00:00:00Z' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = clock.now() - Date.parse('2030-01-01T00:00:00Z');
    expect(elapsed).toBeGreaterThanOrEqual(15_000);
    clock.advance(3_600_000);
    expect(clock.now() - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(3_600_000 + elapsed);
  });
});
