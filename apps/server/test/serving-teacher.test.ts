// The loop closes: a Distillery server serves its fine-tuned model as an OpenAI-compatible endpoint,
// and a second Distillery server distils from it as a hosted `openai/…` teacher, through reference
// 000's curl session (examples/curl/distill.sh) run as written.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cli, client, removeDir, startServer, type TestServer, tempDir, until } from './support/harness.ts';

const DISTILL_SH = join(import.meta.dirname, '..', '..', '..', 'examples', 'curl', 'distill.sh');

let teacherServer: TestServer;
let studentServer: TestServer;
let key: string;

/** Colour words labelled warm or cold: a task a tiny model learns in seconds. */
const rows = ['red', 'orange', 'blue', 'teal']
  .flatMap((colour) =>
    ['a', 'the', 'my', 'one', 'this', 'that'].map((w) =>
      JSON.stringify({
        prompt: `${w} ${colour} thing`,
        label: ['red', 'orange'].includes(colour) ? 'warm' : 'cold',
      }),
    ),
  )
  .join('\n');

beforeAll(async () => {
  const dataDir = tempDir();
  const made = cli(['keys', 'create', '--data-dir', dataDir, '--name', 'teacher-endpoint']);
  if (made.status !== 0) throw new Error(`keys create failed:\n${made.stderr}`);
  key = JSON.parse(made.stdout).key;
  teacherServer = await startServer({ dataDir });
}, 600_000);

afterAll(async () => {
  await studentServer?.stop();
  await teacherServer?.stop();
  if (studentServer) removeDir(studentServer.dataDir);
  if (teacherServer) removeDir(teacherServer.dataDir);
});

it("reference 000's curl session completes with a Distillery server as its hosted openai/ teacher", async () => {
  // The first server fine-tunes the model it will serve.
  const teacherApi = client(teacherServer.url, key);
  const dataset = await teacherApi('POST', '/v1/datasets?name=colours', rows, {
    'content-type': 'application/x-ndjson',
  });
  expect(dataset.status).toBe(201);
  const tuning = await teacherApi('POST', '/v1/fine-tuning/jobs', {
    name: 'teacher',
    base_model: 'distillery-nano',
    training_dataset: dataset.json.id,
    hyperparameters: { epochs: 4, batch_size: 8, seq_len: 24 },
  });
  expect(tuning.status).toBe(201);
  const tuned = await until(async () => {
    const job = await teacherApi('GET', `/v1/fine-tuning/jobs/${tuning.json.id}`);
    expect(job.json.status).not.toBe('failed');
    return job.json.status === 'completed' ? job.json : undefined;
  });
  const served = tuned.result_model as string;
  expect(served).toMatch(/^local\/ft-/);

  // The second server's openai/ teacher is the first server's /v1, with its key.
  studentServer = await startServer({
    env: { OPENAI_BASE_URL: `${teacherServer.url}/v1`, OPENAI_API_KEY: key },
  });
  const studentData = await client(studentServer.url)('POST', '/v1/datasets?name=colours', rows, {
    'content-type': 'application/x-ndjson',
  });
  const run = await promisify(execFile)('bash', [DISTILL_SH], {
    env: {
      ...process.env,
      BASE: studentServer.url,
      POLL_SECONDS: '1',
      TEACHER: `openai/${served}`,
      STUDENT: 'distillery-pico',
      DATASET_ID: studentData.json.id,
    },
    timeout: 600_000,
  });
  const lines = run.stdout.trim().split('\n');
  expect(lines, run.stdout).toContain('status=completed phase=done');
  expect(lines).toContain('error: null');
  expect(run.stdout).toMatch(/\{"gguf_paths":\{"q8_0":"[^"]+model-q8_0\.gguf"\},"artifacts":[1-9]/);
  expect(lines.at(-1)).toBe('"job_terminal"');

  // The teacher really sampled: the chat completions the distillation asked the first server for.
  const recent = await teacherApi('GET', '/v1/stats/recent-requests?limit=256');
  const asked = recent.json.data.filter(
    (r: { endpoint: string; model: string }) => r.endpoint === 'chat.completions' && r.model === served,
  );
  // data_generation: one request per training prompt, n_samples (4) each, sampled at the job's
  // temperature (0.8); evaluation then asks for the teacher's greedy answer to each held-out row.
  const sampling = asked.filter((r: { n: number }) => r.n === 4);
  expect(sampling.length).toBeGreaterThanOrEqual(20);
  for (const r of sampling) {
    expect(r).toMatchObject({ status: 200, temperature: 0.8, error_code: null });
    expect(r.finish_reasons).toHaveLength(4);
    expect(r.completion_tokens).toBeGreaterThanOrEqual(4);
  }
  const greedy = asked.filter((r: { n: number }) => r.n === 1);
  expect(greedy.length).toBeGreaterThan(0);
  expect(
    greedy.every((r: { temperature: number; status: number }) => r.temperature === 0 && r.status === 200),
  ).toBe(true);
  const job = await client(studentServer.url)('GET', '/v1/distillation?limit=1');
  expect(job.json.jobs[0].config.teacher_model).toBe(`openai/${served}`);
  expect(job.json.jobs[0].results.student_accuracy).toBeGreaterThanOrEqual(0);
}, 900_000);
