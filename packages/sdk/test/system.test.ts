import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { InternalServerError } from '../src/index.js';
import { BASE_URL } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const teacher = {
  id: 'local/ft-spam-teacher',
  object: 'model',
  created: 1776602400,
  owned_by: 'default',
  kind: 'fine_tuned',
  parameters: 6815744,
};

describe('models', () => {
  it('list returns one Page that keeps the OpenAI-style data', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/models`, () => HttpResponse.json({ object: 'list', data: [teacher] })),
    );
    const models = await testClient().models.list();
    expect(models.items.map((m) => m.id)).toEqual(['local/ft-spam-teacher']);
    expect(models).toMatchObject({ total: 1, hasMore: false, object: 'list' });
    expect(models.data).toBe(models.items);
  });

  it('get URL-encodes a provider-prefixed id', async () => {
    let path = '';
    server.use(
      http.get(`${BASE_URL}/v1/models/:id`, ({ request }) => {
        path = new URL(request.url).pathname;
        return HttpResponse.json(teacher);
      }),
    );
    expect((await testClient().models.get('local/ft-spam-teacher')).kind).toBe('fine_tuned');
    expect(path).toBe('/v1/models/local%2Fft-spam-teacher');
  });
});

describe('hardware, stats, config and health', () => {
  it('read their routes', async () => {
    const byStatus = { pending: 0, running: 0, completed: 1, failed: 0, cancelled: 0 };
    server.use(
      http.get(`${BASE_URL}/v1/hardware`, () =>
        HttpResponse.json({
          default_backend: 'cpu',
          backends: [{ name: 'cpu', available: true, is_software: false }],
        }),
      ),
      http.get(`${BASE_URL}/v1/stats`, () =>
        HttpResponse.json({
          distillation_jobs: { total: 1, by_status: byStatus },
          fine_tuning_jobs: { total: 1, by_status: byStatus },
          datasets: 6,
          models: 21,
          artifact_bytes: 734003200,
          cost_accrued: 57.9,
        }),
      ),
      http.get(`${BASE_URL}/v1/config`, () =>
        HttpResponse.json({
          version: '1.0.0',
          auth_mode: 'loopback',
          storage: 'pglite',
          default_backend: 'cpu',
          teacher_providers: { local: true, openai: false },
          limits: {},
        }),
      ),
      http.get(`${BASE_URL}/v1/health`, () =>
        HttpResponse.json({
          status: 'ok',
          version: '1.0.0',
          uptime_seconds: 1,
          checks: { database: 'ok', queue: 'ok' },
        }),
      ),
    );
    const client = testClient();
    expect((await client.hardware.get()).default_backend).toBe('cpu');
    expect((await client.stats.get()).datasets).toBe(6);
    expect((await client.config.get()).auth_mode).toBe('loopback');
    expect((await client.health.get()).status).toBe('ok');
  });

  it('health throws InternalServerError when the server is unhealthy', async () => {
    server.use(
      http.get(`${BASE_URL}/v1/health`, () =>
        HttpResponse.json(
          {
            status: 'error',
            version: '1.0.0',
            uptime_seconds: 1,
            checks: { database: 'error', queue: 'ok' },
          },
          { status: 503 },
        ),
      ),
    );
    await expect(testClient().health.get({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
  });
});
