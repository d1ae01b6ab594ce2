import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer();
const mock = server.mock;

/** Reference 000's create request, verbatim. */
const referenceRequest = {
  tenant_id: 'default',
  name: 'ticket-triage v1',
  description: 'distill GPT-4o onto a 1B llama for support tickets',
  config: {
    teacher_model: 'openai/gpt-4o',
    student_model: 'llama-3.2-1b',
    num_prompts: 500,
    n_samples: 4,
    training_steps: 100,
    bond_beta: 0.5,
    bond_gamma: 0.1,
    temperature: 0.8,
    export_gguf: true,
    quantization_types: ['q4_k_m', 'q8_0'],
  },
};

type Job = {
  id: string;
  status: string;
  phase: string;
  progress: Record<string, number>;
  results: Record<string, unknown>;
  config: Record<string, unknown>;
  error: { code: string; phase: string } | null;
  cost_accrued: number;
  started_at: string | null;
  finished_at: string | null;
};

async function createJob(body: unknown = referenceRequest) {
  const {
    status,
    body: job,
    response,
  } = await apiJson<Job>('/v1/distillation', { method: 'POST', json: body });
  expect(status).toBe(201);
  return { job, response };
}

const getJob = async (id: string) => (await apiJson<Job>(`/v1/distillation/${id}?tenant_id=default`)).body;

describe('a distillation job from creation to completed', () => {
  it('is created pending in initializing, with defaults filled into its config', async () => {
    const { job, response } = await createJob();
    expect(job).toMatchObject({
      status: 'pending',
      phase: 'initializing',
      progress: {},
      results: {},
      cost_accrued: 0,
    });
    expect(job.id).toMatch(/^job_[a-z0-9]+$/);
    expect(job.config).toMatchObject({
      ...referenceRequest.config,
      eval_split: 0.1,
      learning_rate: 0.0003,
      backend: 'auto',
    });
    expect(response.headers.get('location')).toBe(`http://localhost:8000/v1/distillation/${job.id}`);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('walks through every phase in order as the clock moves', async () => {
    const { job } = await createJob();
    const seen: Array<[string, string]> = [[job.status, job.phase]];
    while (mock.tick() > 0) {
      const now = await getJob(job.id);
      seen.push([now.status, now.phase]);
    }
    expect(seen).toEqual([
      ['pending', 'initializing'],
      ['running', 'initializing'],
      ['running', 'data_generation'],
      ['running', 'curation'],
      ['running', 'training'],
      ['running', 'evaluation'],
      ['running', 'export'],
      ['completed', 'done'],
    ]);
  });

  it('reports progress within a phase and accrues cost', async () => {
    const { job } = await createJob();
    mock.tick(); // running
    mock.tick(); // data_generation
    mock.clock.advance(4_000); // half of the default 8 s of data generation
    const halfway = await getJob(job.id);
    expect(halfway.progress).toMatchObject({ prompts_done: 250, prompts_total: 500, training_step: 0 });
    expect(halfway.progress.eta_seconds).toBeGreaterThan(0);
    expect(halfway.cost_accrued).toBeGreaterThan(0);
    mock.tick(); // curation
    mock.tick(); // training
    mock.clock.advance(10_000); // half of training
    const training = await getJob(job.id);
    expect(training.progress.training_step).toBe(50);
    expect(training.progress.loss).toBeGreaterThan(0);
  });

  it('finishes with results, timestamps and a loss curve', async () => {
    const { job } = await createJob();
    mock.runUntilIdle();
    const done = await getJob(job.id);
    expect(done.status).toBe('completed');
    expect(done.progress).toMatchObject({ prompts_done: 500, training_step: 100, eta_seconds: 0 });
    expect(done.results.accuracy_delta).toBeTypeOf('number');
    expect(done.results.threshold_passed).toBe((done.results.accuracy_delta as number) >= -0.02);
    expect(Date.parse(done.finished_at!)).toBeGreaterThan(Date.parse(done.started_at!));

    const { body: metrics } = await apiJson<{ points: Array<{ step: number; loss: number }> }>(
      `/v1/distillation/${job.id}/metrics`,
    );
    expect(metrics.points.at(-1)!.step).toBe(100);
    expect(metrics.points[0]!.loss).toBeGreaterThan(metrics.points.at(-1)!.loss);
  });
});

describe('artifacts', () => {
  it('lists the exported files with sizes and sha256 checksums that match the downloads', async () => {
    const { job } = await createJob();
    mock.runUntilIdle();
    const { body } = await apiJson<{
      gguf_paths: Record<string, string>;
      safetensors_path: string;
      artifacts: Array<{ format: string; size_bytes: number; checksum_sha256: string; download_url: string }>;
    }>(`/v1/distillation/${job.id}/artifacts`);
    expect(body.artifacts.map((a) => a.format).sort()).toEqual(
      ['config', 'gguf_q4_k_m', 'gguf_q8_0', 'safetensors', 'tokenizer'].sort(),
    );
    expect(Object.keys(body.gguf_paths).sort()).toEqual(['q4_k_m', 'q8_0']);
    for (const artifact of body.artifacts) {
      const download = await fetch(artifact.download_url);
      expect(download.status).toBe(200);
      const bytes = new Uint8Array(await download.arrayBuffer());
      expect(bytes.byteLength).toBe(artifact.size_bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.checksum_sha256);
      expect(download.headers.get('x-checksum-sha256')).toBe(artifact.checksum_sha256);
    }
  });

  it('writes real file formats: a GGUF magic and a parseable safetensors header', async () => {
    const { job } = await createJob();
    mock.runUntilIdle();
    const gguf = new Uint8Array(
      await (await api(`/v1/distillation/${job.id}/artifacts/gguf_q8_0/download`)).arrayBuffer(),
    );
    expect(new TextDecoder().decode(gguf.slice(0, 4))).toBe('GGUF');
    const st = new Uint8Array(
      await (await api(`/v1/distillation/${job.id}/artifacts/safetensors/download`)).arrayBuffer(),
    );
    const headerLength = Number(new DataView(st.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(st.slice(8, 8 + headerLength)));
    expect(header['model.embed_tokens.weight']).toMatchObject({ dtype: 'F32', shape: [64, 32] });
  });

  it('serves byte ranges and refuses ranges outside the file', async () => {
    const { job } = await createJob();
    mock.runUntilIdle();
    const url = `/v1/distillation/${job.id}/artifacts/gguf_q4_k_m/download`;
    const whole = new Uint8Array(await (await api(url)).arrayBuffer());
    const part = await api(url, { headers: { Range: 'bytes=4-11' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${whole.byteLength}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(whole.slice(4, 12));
    const tail = await api(url, { headers: { Range: 'bytes=-16' } });
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.slice(-16));
    const outside = await apiJson<{ error: { param: string } }>(url, {
      headers: { Range: `bytes=${whole.byteLength}-` },
    });
    expect(outside.status).toBe(416);
    expect(outside.response.headers.get('content-range')).toBe(`bytes */${whole.byteLength}`);
    expect(outside.body.error.param).toBe('Range');
  });

  it('has no GGUF file before export, and says so with artifact_not_found', async () => {
    const { job } = await createJob();
    const { status, body } = await apiJson<{ error: { code: string } }>(
      `/v1/distillation/${job.id}/artifacts/gguf_q8_0/download`,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('artifact_not_found');
    const { body: empty } = await apiJson<{ artifacts: unknown[]; safetensors_path: null }>(
      `/v1/distillation/${job.id}/artifacts`,
    );
    expect(empty).toMatchObject({ artifacts: [], safetensors_path: null, adapter_path: null });
  });
});
