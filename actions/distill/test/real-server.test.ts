import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Distillery } from '@distillery/sdk';
import { type RunningServer, settingsFromEnv, startServer } from '@distillery/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from './run-action.ts';

// End to end: the bundled action against the real reference server (API and worker in this process,
// embedded PGlite), on a real distillation small enough for a CPU. The action runs as a child process
// spawned asynchronously, so this process keeps answering its requests.

/** A toy labelled task that trains in seconds: the temperature of a colour. */
const COLOURS = { red: 'warm', orange: 'warm', yellow: 'warm', blue: 'cold', teal: 'cold', grey: 'cold' };
const rows = Object.entries(COLOURS).flatMap(([colour, label]) =>
  ['a', 'the', 'my', 'one', 'this', 'that', 'your', 'our'].map((word) => ({
    prompt: `${word} ${colour} thing`,
    label,
  })),
);

const CONFIG = `# Job config read by the action's \`config\` input.
training_steps: 40
batch_size: 8
seq_len: 24
learning_rate: 5.0e-3
eval_split: 0.25
quantization_types: [q8_0]
`;

let dataDir: string;
let workDir: string;
let server: RunningServer;
let teacherModel: string;

beforeAll(async () => {
  process.env.LOG_LEVEL ??= 'error';
  // No OpenAI-compatible endpoint: an openai/ teacher must fail in data generation.
  delete process.env.OPENAI_BASE_URL;
  dataDir = await mkdtemp(join(tmpdir(), 'distill-action-server-'));
  workDir = await mkdtemp(join(tmpdir(), 'distill-action-repo-'));
  server = await startServer(
    settingsFromEnv({ host: '127.0.0.1', port: 0, dataDir, databaseUrl: undefined }),
  );

  // A local teacher to distil from: fine-tune the nano preset on the labelled rows.
  const client = new Distillery({ baseUrl: server.url });
  const dataset = await client.datasets.upload({ file: rows, name: 'colours' });
  const tuning = await client.fineTuning.jobs.create({
    name: 'colour teacher',
    base_model: 'distillery-nano',
    training_dataset: dataset.id,
    hyperparameters: { epochs: 8, learning_rate: 5e-3, batch_size: 8, seq_len: 24 },
  });
  const teacher = await client.fineTuning.jobs.waitForCompletion(tuning.id, { pollInterval: 200 });
  expect(teacher.status).toBe('completed');
  teacherModel = teacher.result_model!;

  // The repository the workflow checks out: a JSONL dataset and a YAML job config.
  await writeFile(join(workDir, 'colours.jsonl'), `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
  await writeFile(join(workDir, 'distill.yml'), CONFIG);
});

afterAll(async () => {
  await server?.close();
  await Promise.all(
    [dataDir, workDir].filter(Boolean).map((dir) => rm(dir, { recursive: true, force: true })),
  );
});

const inputs = () => ({
  'api-url': server.url,
  'teacher-model': teacherModel,
  'student-model': 'distillery-pico',
  dataset: 'colours.jsonl',
  config: 'distill.yml',
  'accuracy-threshold': '-1',
  'poll-interval': '0.2',
});

describe('the action against the real server', () => {
  it('distils a student from a local teacher and hands on downloadable artifacts', async () => {
    const run = await runAction(inputs(), { mock: false, cwd: workDir });

    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Uploaded colours\.jsonl as dataset \S+ \(48 rows\)/);
    expect(run.outputs.status).toBe('completed');
    expect(run.outputs['job-id']).toMatch(/\S/);
    for (const name of ['teacher-accuracy', 'student-accuracy', 'accuracy-delta']) {
      expect(Number.isFinite(Number.parseFloat(run.outputs[name]!)), `${name}=${run.outputs[name]}`).toBe(
        true,
      );
    }
    expect(run.outputs['threshold-passed']).toBe('true');
    expect(run.summary).toContain(run.outputs['job-id']);

    const urls = JSON.parse(run.outputs['artifact-urls']!) as Record<string, string>;
    expect(run.env.DISTILLERY_ARTIFACT_URLS).toBe(run.outputs['artifact-urls']);
    const origin = new URL(server.url).origin;
    for (const format of ['gguf_q8_0', 'safetensors']) {
      expect(urls[format], format).toBeDefined();
      expect(new URL(urls[format]!).origin).toBe(origin);
    }

    // The GGUF is real and is what the server's artifact list says it is.
    const list = (await (
      await fetch(`${server.url}/v1/distillation/${run.outputs['job-id']}/artifacts`)
    ).json()) as {
      artifacts: Array<{ format: string; checksum_sha256: string }>;
    };
    const gguf = list.artifacts.find((artifact) => artifact.format === 'gguf_q8_0');
    const response = await fetch(urls.gguf_q8_0!);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('GGUF');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(gguf?.checksum_sha256);
  });

  it('fails the step when the job fails on the server: an OpenAI teacher with no endpoint', async () => {
    const run = await runAction(
      { ...inputs(), 'teacher-model': 'openai/gpt-4o-mini' },
      { mock: false, cwd: workDir },
    );

    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.stdout).toContain('::error::');
    expect(run.stdout).toContain('failed in phase data_generation');
    expect(run.stdout).toContain('teacher_unreachable');
  });
});
