import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOCK_KEY, MOCK_URL } from './mock-preload.js';
import { runAction } from './run-action.js';

const baseInputs = {
  'api-url': MOCK_URL,
  'api-key': MOCK_KEY,
  'teacher-model': 'openai/gpt-4o-mini',
  'student-model': 'distillery-micro',
  'accuracy-threshold': '-0.02',
  'poll-interval': '0.05',
};

describe('distill action against @distillery/mock', () => {
  it('passes, sets every output and writes a summary when the delta clears the threshold', async () => {
    // Slowed down so that progress is reported even on a loaded machine.
    const run = await runAction(baseInputs, { scenario: { accuracyDelta: -0.01, slowdown: 5 } });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs['job-id']).toMatch(/^job_/);
    expect(run.outputs.status).toBe('completed');
    expect(Number(run.outputs['accuracy-delta'])).toBeCloseTo(-0.01, 6);
    expect(run.outputs['threshold-passed']).toBe('true');
    expect(run.outputs).toHaveProperty('compression-ratio');
    const urls = JSON.parse(run.outputs['artifact-urls']!);
    expect(urls.safetensors).toMatch(/\/artifacts\/safetensors\/download$/);
    expect(run.env.DISTILLERY_ARTIFACT_URLS).toBe(run.outputs['artifact-urls']);
    expect(run.summary).toContain('Accuracy delta');
    expect(run.summary).toMatch(/Perplexity \(teacher \/ student\)<\/td><td>\d\.\d\d \/ \d\.\d\d/);
    expect(run.summary).toContain('safetensors');
    expect(run.stdout).toContain(`::add-mask::${MOCK_KEY}`);
    expect(run.stdout).toMatch(/status=running phase=training .*step \d+\/\d+ loss/);
    expect(run.mock?.jobs[0]?.metadata).toMatchObject({ github_sha: expect.stringMatching(/^9f3c2ab/) });
  });

  it('fails the step on a threshold breach', async () => {
    const run = await runAction(baseInputs, { scenario: { accuracyDelta: -0.05 } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Accuracy delta -0.05 is below the threshold -0.02');
    expect(run.outputs['threshold-passed']).toBe('false');
  });

  it('only warns on a threshold breach when fail-on-threshold is false', async () => {
    const run = await runAction(
      { ...baseInputs, 'fail-on-threshold': 'false' },
      { scenario: { accuracyDelta: -0.05 } },
    );
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toContain('::warning::Accuracy delta -0.05 is below the threshold');
    expect(run.outputs.status).toBe('completed');
  });

  it('fails a job that could not be evaluated, saying why, with no undefined delta', async () => {
    const run = await runAction(baseInputs, { scenario: { notEvaluated: true } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::The job was not evaluated: none of its held-out rows');
    expect(run.stdout).not.toContain('undefined');
    expect(run.outputs['threshold-passed']).toBe('false');
    expect(run.summary).toContain('not evaluated');
  });

  it('reports a failed job with its phase and where to read the logs', async () => {
    const run = await runAction(baseInputs, { scenario: { failIn: 'training' } });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Distillation job job_\w+ failed in phase training \(training_error: /,
    );
    expect(run.stdout).toContain('/logs');
    expect(run.outputs.status).toBe('failed');
  });

  it('cancels the job when it outlives timeout-minutes', async () => {
    const run = await runAction(
      { ...baseInputs, 'timeout-minutes': '0.01' },
      { scenario: { slowdown: 10_000 } },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('did not finish within 0.01 minutes and was cancelled');
    expect(run.mock?.jobs[0]?.status).toBe('cancelled');
  });

  it('cancels the job when the workflow is cancelled (SIGINT)', async () => {
    const run = await runAction(baseInputs, {
      scenario: { slowdown: 10_000 },
      interruptWhen: 'Created distillation job',
    });
    expect(run.stdout).toContain('The workflow was cancelled');
    expect(run.mock?.jobs[0]?.status).toBe('cancelled');
  });

  it('uploads a JSONL dataset from the repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'distill-dataset-'));
    await writeFile(
      join(dir, 'mail.jsonl'),
      '{"prompt":"Subject: cheap meds","label":"spam"}\n{"prompt":"Subject: build fix","label":"ham"}\n',
    );
    const run = await runAction({ ...baseInputs, dataset: 'mail.jsonl' }, { cwd: dir });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Uploaded mail.jsonl as dataset ds_\w+ \(2 rows\)/);
    expect(run.mock?.datasets).toBe(1);
  });

  it.each([
    [{ 'teacher-model': '' }, 'Input `teacher-model` is required.'],
    [{ 'teacher-model': 'gpt-4o' }, 'Input `teacher-model` must be provider-prefixed'],
    [{ 'accuracy-threshold': 'minus two' }, 'Input `accuracy-threshold` must be a number from -1 to 1'],
    [{ 'fail-on-threshold': 'yes' }, 'Input `fail-on-threshold` must be true or false'],
    [{ dataset: 'x.jsonl', 'dataset-id': 'ds_1' }, 'Inputs `dataset` and `dataset-id` are exclusive'],
    [{ 'output-formats': 'gguf,onnx' }, 'Input `output-formats` accepts safetensors, gguf; unknown: onnx'],
    [{ 'api-url': 'localhost:8000' }, 'Input `api-url` must be an http(s) URL'],
  ])('rejects bad input %j without creating a job', async (override, message) => {
    const run = await runAction({ ...baseInputs, ...override });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.mock?.jobs).toEqual([]);
  });

  it('rejects a config file that is not an object of fields', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'distill-config-'));
    await writeFile(join(dir, 'distill.yml'), '- training_steps: 10\n');
    const run = await runAction({ ...baseInputs, config: 'distill.yml' }, { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      '::error::Input `config`: distill.yml must hold an object of job config fields.',
    );
  });

  it('passes config file fields to the server, which validates them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'distill-config-'));
    await writeFile(join(dir, 'distill.yml'), 'training_steps: 10\nbond_beta: 7\n');
    const run = await runAction({ ...baseInputs, config: 'distill.yml' }, { cwd: dir });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error::The Distillery server refused the request \(400 invalid_config, config\.bond_beta\)/,
    );
  });

  it('says what to check when the server is unreachable', async () => {
    const run = await runAction({ ...baseInputs, 'api-url': 'http://127.0.0.1:9' }, { mock: false });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Could not reach the Distillery server at http://127.0.0.1:9');
    // The key appears once, in the add-mask command GitHub uses to hide it from the rest of the log.
    expect(run.stdout.split(MOCK_KEY)).toHaveLength(2);
  });
});
