import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, removeDir, startServer, type TestServer } from './support/harness.ts';

// A distillation's student is checked where the job comes in: nothing is queued for a config the
// engine would refuse hours later.
let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startServer({ args: ['--no-worker'] });
  api = client(server.url);
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

describe('students', () => {
  it.each([
    [
      { teacher_model: 'openai/gpt-4o-mini', student_model: 'auto', target_params: '1M' },
      'config.student_model',
      /local teacher/,
    ],
    [
      { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico', target_params: '1M' },
      'config.target_params',
      /only to student_model auto/,
    ],
    [
      { teacher_model: 'openai/gpt-4o-mini', student_model: 'local/mdl_nothere' },
      'config.student_model',
      /no model local\/mdl_nothere/,
    ],
    [
      { teacher_model: 'openai/gpt-4o-mini', student_model: 'gpt-2' },
      'config.student_model',
      /expected auto, local\/<model-id> or one of/,
    ],
    [
      { teacher_model: 'openai/gpt-4o-mini', student_model: 'auto', target_params: 'lots' },
      'config.target_params',
      /must match/,
    ],
  ])('%j is a 400 naming %s, and queues nothing', async (config, param, message) => {
    const before = (await api('GET', '/v1/distillation')).json.total;
    const r = await api('POST', '/v1/distillation', { config });
    expect(r.status).toBe(400);
    expect(r.json.error.param).toBe(param);
    expect(r.json.error.message).toMatch(message);
    expect((await api('GET', '/v1/distillation')).json.total).toBe(before);
  });
});
