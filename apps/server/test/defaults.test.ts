import { learningRateAt } from '@distillery/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openapi as spec } from '../src/openapi/spec.ts';
import { client, mailJsonl, removeDir, startServer, type TestServer, until } from './support/harness.ts';

/**
 * One contract all the way down: a job created without a field the spec gives a default returns that
 * default, the engine runs it, and the job is billed for it. The defaults are read from the spec, so
 * a default added there is covered here without a change.
 */

type Schema = {
  $ref?: string;
  default?: unknown;
  properties?: Record<string, Schema>;
};
const schemas = spec.components.schemas as unknown as Record<string, Schema>;
const resolve = (s: Schema): Schema =>
  s.$ref ? { ...resolve(schemas[s.$ref.split('/').pop()!]!), ...s } : s;

/** Every field under `schema` with a default of its own (containers are covered by their fields). */
function defaultsOf(schema: Schema, path: string[] = []): Array<{ path: string[]; value: unknown }> {
  const out: Array<{ path: string[]; value: unknown }> = [];
  for (const [name, raw] of Object.entries(resolve(schema).properties ?? {})) {
    const property = resolve(raw);
    const nested = defaultsOf(property, [...path, name]);
    if (nested.length) out.push(...nested);
    else if ('default' in property) out.push({ path: [...path, name], value: property.default });
  }
  return out;
}

const at = (value: unknown, path: string[]): unknown =>
  path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], value);

/** `body` with every default written out explicitly. */
function withExplicitDefaults<T>(body: T, defaults: Array<{ path: string[]; value: unknown }>): T {
  const out = structuredClone(body) as Record<string, unknown>;
  for (const { path, value } of defaults) {
    let node = out;
    for (const k of path.slice(0, -1)) {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    node[path.at(-1)!] = value;
  }
  return out as T;
}

const fineTuningDefaults = defaultsOf(schemas.CreateFineTuningJobRequest!);
const distillationDefaults = defaultsOf(schemas.CreateDistillationJobRequest!);

let server: TestServer;
let api: ReturnType<typeof client>;
let datasetId: string;
const ROWS = 40;
let hardwareBackend: string;

beforeAll(async () => {
  server = await startServer();
  api = client(server.url);
  const up = await api('POST', '/v1/datasets?name=mail', mailJsonl(ROWS), {
    'content-type': 'application/x-ndjson',
  });
  datasetId = up.json.id;
  hardwareBackend = (await api('GET', '/v1/hardware')).json.default_backend;
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

async function finished(path: string) {
  return until(async () => {
    const j = (await api('GET', path)).json;
    return ['completed', 'failed', 'cancelled'].includes(j.status) ? j : undefined;
  }, 120_000);
}

async function logMessages(path: string): Promise<string[]> {
  return (await api('GET', `${path}/logs?lines=1000`)).json.lines.map((l: { message: string }) => l.message);
}

/** The config the engine logged as the one it runs with. */
function engineConfig(messages: string[]): Record<string, unknown> {
  const line = messages.find((m) => m.startsWith('running with '));
  expect(line, 'the engine logs the config it runs with').toBeDefined();
  return JSON.parse(line!.slice('running with '.length));
}

/** What the engine is given for a default: `auto` is resolved to this machine's backend first. */
const engineValue = (path: string[], value: unknown) =>
  path.at(-1) === 'backend' && value === 'auto' ? hardwareBackend : value;

it('the spec gives defaults for both job kinds', () => {
  expect(fineTuningDefaults.map((d) => d.path.join('.'))).toEqual(
    expect.arrayContaining(['hyperparameters.epochs', 'hyperparameters.learning_rate', 'backend']),
  );
  expect(distillationDefaults.map((d) => d.path.join('.'))).toEqual(
    expect.arrayContaining(['config.training_steps', 'config.n_samples', 'config.backend']),
  );
});

describe('a job created without its defaulted fields', () => {
  let teacher: string;

  it('fine-tuning: returns, trains and bills every default of the spec', async () => {
    const minimal = { name: 'defaults', base_model: 'distillery-nano', training_dataset: datasetId };
    const created = await api('POST', '/v1/fine-tuning/jobs', minimal);
    expect(created.status).toBe(201);
    for (const { path, value } of fineTuningDefaults)
      expect(at(created.json, path), `response ${path.join('.')}`).toEqual(value);

    const path = `/v1/fine-tuning/jobs/${created.json.id}`;
    const job = await finished(path);
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');
    teacher = job.result_model;

    // What the engine ran: the config it logged, and what its training shows.
    const ran = engineConfig(await logMessages(path));
    for (const { path: p, value } of fineTuningDefaults)
      expect(at(ran, p), `engine ${p.join('.')}`).toEqual(engineValue(p, value));
    const hp = Object.fromEntries(
      fineTuningDefaults.filter((d) => d.path[0] === 'hyperparameters').map((d) => [d.path[1], d.value]),
    ) as Record<'epochs' | 'batch_size' | 'seq_len' | 'learning_rate' | 'warmup_steps', number>;
    const steps = Math.ceil((hp.epochs * ROWS) / hp.batch_size);
    expect(job.progress.training_steps_total).toBe(steps);
    expect(job.trained_tokens).toBe(steps * hp.batch_size * hp.seq_len);
    const points = (await api('GET', `${path}/metrics`)).json.points;
    expect(points).toHaveLength(steps);
    for (const point of points)
      expect(point.learning_rate).toBeCloseTo(
        learningRateAt(point.step - 1, steps, hp.learning_rate, hp.warmup_steps),
        12,
      );

    // Billed for those defaults: the completed job costs what the estimate of them says.
    const explicit = await api(
      'POST',
      '/v1/fine-tuning/estimate-cost',
      withExplicitDefaults(minimal, fineTuningDefaults),
    );
    expect(explicit.status).toBe(200);
    expect(explicit.json.tokens).toBe(job.trained_tokens);
    expect(job.cost_accrued).toBe(explicit.json.estimated_cost);
    expect((await api('POST', '/v1/fine-tuning/estimate-cost', minimal)).json).toEqual(explicit.json);
  });

  it('distillation: returns, runs and bills every default of the spec', async () => {
    const minimal = {
      config: { teacher_model: teacher, student_model: 'distillery-pico', dataset_id: datasetId },
    };
    const created = await api('POST', '/v1/distillation', minimal);
    expect(created.status).toBe(201);
    for (const { path, value } of distillationDefaults)
      expect(at(created.json, path), `response ${path.join('.')}`).toEqual(value);

    const path = `/v1/distillation/${created.json.id}`;
    const job = await finished(path);
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');

    const messages = await logMessages(path);
    const ran = engineConfig(messages);
    for (const { path: p, value } of distillationDefaults) {
      const field = p.slice(1); // the engine runs the job's `config`
      expect(at(ran, field), `engine ${p.join('.')}`).toEqual(engineValue(field, value));
    }
    const c = Object.fromEntries(distillationDefaults.map((d) => [d.path[1], d.value])) as Record<
      string,
      never
    > & {
      training_steps: number;
      n_samples: number;
      learning_rate: number;
      eval_split: number;
      quantization_types: string[];
      output_formats: string[];
    };
    // What its run shows: steps, peak learning rate, best-of-N, the held-out split and the exports.
    expect(job.progress.training_steps_total).toBe(c.training_steps);
    const points = (await api('GET', `${path}/metrics`)).json.points;
    expect(points).toHaveLength(c.training_steps);
    expect(Math.max(...points.map((p: { learning_rate: number }) => p.learning_rate))).toBeCloseTo(
      c.learning_rate,
      12,
    );
    expect(messages.some((m) => m.endsWith(`(best of ${c.n_samples})`))).toBe(true);
    expect(job.results.eval_rows).toBe(Math.round(ROWS * c.eval_split));
    const formats = (await api('GET', `${path}/artifacts`)).json.artifacts.map(
      (a: { format: string }) => a.format,
    );
    if (c.output_formats.includes('safetensors')) expect(formats).toContain('safetensors');
    expect(formats.filter((f: string) => f.startsWith('gguf_')).sort()).toEqual(
      c.output_formats.includes('gguf') ? c.quantization_types.map((q) => `gguf_${q}`).sort() : [],
    );

    const explicit = await api(
      'POST',
      '/v1/distillation/estimate',
      withExplicitDefaults(minimal, distillationDefaults),
    );
    expect(explicit.status).toBe(200);
    expect(job.cost_accrued).toBe(explicit.json.estimated_cost);
    expect((await api('POST', '/v1/distillation/estimate', minimal)).json).toEqual(explicit.json);
  });
});

describe('restart', () => {
  it('bills a distillation for its real rows again, teacher sampling included', async () => {
    // Its own tenant, so that nothing else it spent counts against the budget below.
    const tenant = 'restart-billing';
    const up = await api('POST', `/v1/datasets?name=mail&tenant_id=${tenant}`, mailJsonl(ROWS), {
      'content-type': 'application/x-ndjson',
    });
    // A hosted 8B teacher: sampling it dominates the cost. No endpoint is configured, so the job fails.
    const body = {
      tenant_id: tenant,
      config: { teacher_model: 'openai/llama-8b', student_model: 'distillery-pico', dataset_id: up.json.id },
    };
    const estimate = (await api('POST', '/v1/distillation/estimate', body)).json;
    const created = await api('POST', '/v1/distillation', body);
    expect(created.status).toBe(201);
    const failed = await finished(`/v1/distillation/${created.json.id}?tenant_id=${tenant}`);
    expect(failed.error.code).toBe('teacher_unreachable');

    // Half the estimate: what the job costs without its teacher sampling, not what it costs.
    const dataDir = server.dataDir;
    await server.stop();
    server = await startServer({ dataDir, env: { DISTILLERY_BUDGET: String(estimate.estimated_cost / 2) } });
    api = client(server.url);
    const restarted = await api('POST', `/v1/distillation/${created.json.id}/restart?tenant_id=${tenant}`);
    expect(restarted.status).toBe(402);
    expect(restarted.json.error.details.estimated_cost).toBe(estimate.estimated_cost);
  });
});
