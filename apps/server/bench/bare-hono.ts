// A bare Hono app on @hono/node-server with the same two routes as the real server and the same
// response shapes, but no middleware, validation or storage: the baseline for bench/load.ts.
// Listens on 127.0.0.1 (port from argv, 0 for any) and prints `{"url": …}` once it listens.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const config = {
  seed: 0,
  backend: 'auto',
  seq_len: 128,
  bond_beta: 0.5,
  kd_weight: 0.5,
  n_samples: 4,
  batch_size: 8,
  bond_gamma: 0.1,
  eval_split: 0.1,
  export_gguf: true,
  temperature: 0.8,
  learning_rate: 0.0003,
  student_model: 'distillery-pico',
  teacher_model: 'openai/gpt-4o-mini',
  kd_temperature: 2,
  output_formats: ['safetensors', 'gguf'],
  training_steps: 100,
  accuracy_threshold: -0.02,
  quantization_types: ['q8_0'],
};

const job = {
  id: 'job_bench0000000',
  tenant_id: 'default',
  name: 'bench',
  description: null,
  status: 'pending',
  phase: 'initializing',
  config,
  progress: {},
  results: {},
  error: null,
  cost_accrued: 0,
  metadata: {},
  webhook_url: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  started_at: null,
  finished_at: null,
};

const app = new Hono();
app.get('/v1/distillation/:id', (c) => c.json({ ...job, id: c.req.param('id') }));
app.post('/v1/distillation', async (c) => {
  const body = await c.req.json();
  c.header('Location', `/v1/distillation/${job.id}`);
  return c.json({ ...job, name: body?.name ?? job.name }, 201);
});

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2] ?? 0) }, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, msg: 'listening' })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
