import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { ConfigError, runDistillation, runFineTuning } from '../src/index.ts';
import { loadModel } from '../src/io/model-store.ts';
import { openAiTeacher } from '../src/training/teachers.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'distillery-engine-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const rows = Array.from({ length: 24 }, (_, i) => ({
  prompt: `item ${i} colour ${['red', 'green', 'blue'][i % 3]}`,
  label: ['warm', 'natural', 'cold'][i % 3]!,
}));
const tiny = { dim: 16, nLayers: 1, nHeads: 2, nKvHeads: 1, hiddenDim: 32 };
const config = {
  base_model: 'distillery-nano',
  vocab_size: 300,
  seq_len: 24,
  seed: 7,
  backend: 'cpu' as const,
  hyperparameters: { epochs: 6, learning_rate: 5e-3, batch_size: 4, warmup_steps: 2 },
};

describe('runFineTuning', () => {
  it('resuming after a kill reaches the same weights as an uninterrupted run', async () => {
    const straight = await tempDir();
    const a = await runFineTuning(
      { ...config, result_model: 'm' },
      { dataDir: straight, rows, validationRows: rows.slice(0, 6), modelOverrides: tiny, checkpointEvery: 5 },
    );
    expect(a.training_steps).toBe(36);
    // Trained on these labels, the model is clearly less surprised by them than a uniform guess (ln 300).
    expect(a.validation_loss).toBeGreaterThan(0);
    expect(a.validation_loss).toBeLessThan(0.75 * Math.log(300));

    const interrupted = await tempDir();
    const controller = new AbortController();
    await expect(
      runFineTuning(
        { ...config, result_model: 'm' },
        {
          dataDir: interrupted,
          rows,
          modelOverrides: tiny,
          checkpointEvery: 5,
          signal: controller.signal,
          onProgress: (p) => {
            if (p.training_step === 13) controller.abort(new Error('killed'));
          },
        },
      ),
    ).rejects.toThrow('killed');
    const b = await runFineTuning(
      { ...config, result_model: 'm' },
      { dataDir: interrupted, rows, modelOverrides: tiny, checkpointEvery: 5 },
    );
    expect(b.resumed_from_step).toBe(10);

    const cpu = new CpuBackend();
    const wa = await (await loadModel(a.model_dir, cpu)).model.getWeights();
    const wb = await (await loadModel(b.model_dir, cpu)).model.getWeights();
    expect(Array.from(wb)).toEqual(Array.from(wa));
  });

  it('names the field of a bad hyperparameter', async () => {
    const bad = { ...config, hyperparameters: { ...config.hyperparameters, batch_size: 0 } };
    const err = await runFineTuning(bad, { dataDir: await tempDir(), rows }).catch((e) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.param).toBe('config.hyperparameters.batch_size');
  });
});

describe('runDistillation', () => {
  it('rejects an out-of-range bond_beta naming the field', async () => {
    await expect(
      runDistillation(
        { teacher_model: 'local/x', student_model: 'distillery-nano', bond_beta: 2 },
        { dataDir: await tempDir(), rows },
      ),
    ).rejects.toThrow(/config\.bond_beta/);
  });

  it('fails clearly and quickly when an OpenAI-compatible teacher is unreachable', async () => {
    // Quickly: on the first refused connection, neither retrying nor waiting for a timeout. Told by
    // what happened, not by a stopwatch, which a loaded machine would stop.
    const requests: string[] = [];
    const counted: typeof fetch = (input, init) => {
      requests.push(String(input));
      return fetch(input, init);
    };
    const error = await runDistillation(
      { teacher_model: 'openai/gpt-4o', student_model: 'distillery-nano', backend: 'cpu' },
      {
        dataDir: await tempDir(),
        rows,
        openai: { baseUrl: 'http://127.0.0.1:9', timeoutMs: 600_000, fetch: counted },
      },
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/teacher openai\/gpt-4o unreachable at http:\/\/127\.0\.0\.1:9/);
    expect((error as Error).message).not.toContain('no answer within');
    expect(requests).toEqual(['http://127.0.0.1:9/chat/completions']);
  });

  it('never quotes the credentials of a teacher endpoint in its errors', async () => {
    const options = { n: 1, temperature: 0, maxTokens: 4 };
    // fetch refuses a URL with userinfo, and its message quotes the whole URL.
    const withUserinfo = openAiTeacher('gpt-4o', {
      baseUrl: 'http://alice:hunter2-password@127.0.0.1:9/v1',
      apiKey: 'sk-engine-test-key-0123',
    });
    const e1 = await withUserinfo.sample(['hi'], options).then(
      () => new Error('resolved'),
      (e: Error) => e,
    );
    expect(e1.message).toMatch(
      /teacher openai\/gpt-4o unreachable at http:\/\/\[redacted\]@127\.0\.0\.1:9\/v1/,
    );
    expect(e1.message).not.toContain('hunter2-password');
    expect(e1.message).not.toContain('alice');
    // An endpoint that echoes the key in its answer, reached through a base URL with a key in its query.
    const server = createServer((req, res) => {
      res.statusCode = 401;
      res.end(`Incorrect API key provided: ${req.headers.authorization} for ${req.url}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const echoing = openAiTeacher('gpt-4o', {
      baseUrl: `http://127.0.0.1:${port}/v1?api-key=query-secret-4567`,
      apiKey: 'sk-engine-test-key-0123',
    });
    const e2 = await echoing.sample(['hi'], options).then(
      () => new Error('resolved'),
      (e: Error) => e,
    );
    server.close();
    expect(e2.message).toContain('answered HTTP 401');
    expect(e2.message).toContain(`http://127.0.0.1:${port}/v1?[redacted]`);
    expect(e2.message).not.toContain('sk-engine-test-key-0123');
    expect(e2.message).not.toContain('query-secret-4567');
  });

  it('times out a teacher endpoint that never answers', async () => {
    const server = createServer(() => {});
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const teacher = openAiTeacher('slow', { baseUrl: `http://127.0.0.1:${port}/v1`, timeoutMs: 300 });
    await expect(teacher.sample(['hi'], { n: 1, temperature: 0, maxTokens: 4 })).rejects.toThrow(
      /no answer within 300 ms/,
    );
    server.closeAllConnections();
    server.close();
  });

  it('distils sequence-level from an OpenAI-compatible teacher', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { messages, n } = JSON.parse(body);
        const colour = /colour (\w+)/.exec(messages[0].content)?.[1];
        const answer = { red: 'warm', green: 'natural', blue: 'cold' }[colour as 'red'] ?? 'unknown';
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            choices: Array.from({ length: n }, () => ({ message: { role: 'assistant', content: answer } })),
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const result = await runDistillation(
        {
          teacher_model: 'openai/mock',
          student_model: 'distillery-nano',
          training_steps: 300,
          batch_size: 6,
          seq_len: 24,
          learning_rate: 1e-2,
          n_samples: 2,
          backend: 'cpu',
          eval_split: 0.25,
          quantization_types: ['q8_0', 'q4_0'],
        },
        {
          dataDir: await tempDir(),
          rows,
          openai: { baseUrl: `http://127.0.0.1:${port}/v1` },
          studentOverrides: tiny,
          vocabSize: 300,
        },
      );
      expect(result.logit_distillation).toBe(false);
      expect(result.teacher_accuracy).toBe(1);
      expect(result.eval_rows).toBe(6);
      expect(result.student_accuracy).toBeGreaterThanOrEqual(0.8);
      const [low, high] = result.accuracy_delta_ci95!;
      expect(low).toBeLessThanOrEqual(result.accuracy_delta!);
      expect(high).toBeGreaterThanOrEqual(result.accuracy_delta!);

      expect(result.artifacts.map((a) => a.format).sort()).toEqual(
        ['gguf_q4_0', 'gguf_q8_0', 'safetensors', 'tokenizer'].sort(),
      );
      // A hosted teacher gives no log-probabilities or weights file: those figures are absent, not guessed.
      expect(result.teacher_perplexity).toBeNull();
      expect(result.teacher_size_bytes).toBeNull();
      expect(result.size_compression_ratio).toBeNull();
      expect(result.student_perplexity).toBeGreaterThan(1);
      expect(result.student_perplexity).toBeLessThan(3);
      expect(result.student_size_bytes).toBe(
        result.artifacts.find((a) => a.format === 'gguf_q4_0')!.size_bytes,
      );
      for (const artifact of result.artifacts) {
        const bytes = await readFile(artifact.path);
        expect(bytes.length).toBe(artifact.size_bytes);
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(artifact.checksum_sha256);
      }
    } finally {
      server.close();
    }
  });
});

describe('students from local models', () => {
  const distilConfig = {
    training_steps: 60,
    batch_size: 6,
    seq_len: 24,
    learning_rate: 5e-3,
    n_samples: 1,
    temperature: 0,
    backend: 'cpu' as const,
    eval_split: 0.25,
    output_formats: ['safetensors' as const],
  };

  it('prunes an auto student from the teacher (logit level) and starts a local/ student from its weights', async () => {
    const modelsDir = await tempDir();
    const micro = { dim: 32, nLayers: 2, nHeads: 4, nKvHeads: 2, hiddenDim: 96 };
    const teacher = await runFineTuning(
      { ...config, hyperparameters: { ...config.hyperparameters, epochs: 20 }, result_model: 'teacher' },
      { dataDir: await tempDir(), modelsDir, rows, modelOverrides: micro },
    );
    const auto = await runDistillation(
      { ...distilConfig, teacher_model: 'local/teacher', student_model: 'auto', target_params: '16K' },
      { dataDir: await tempDir(), modelsDir, rows },
    );
    expect(auto.distillation_mode).toBe('logit');
    expect(auto.logit_distillation).toBe(true);
    expect(auto.teacher_parameters).toBe(teacher.parameters);
    expect(auto.student_parameters).toBeLessThanOrEqual(16_000);
    expect(auto.pruning).toMatchObject({
      teacher_parameters: teacher.parameters,
      student_parameters: auto.student_parameters,
      teacher_shape: { layers: 2, hidden_size: 32, intermediate_size: 96, attention_heads: 4, kv_heads: 2 },
    });
    expect(auto.pruning!.student_shape.head_dim).toBe(8);
    expect(auto.student_perplexity).toBeGreaterThan(1);
    const stored = await loadModel(auto.student_model_dir, new CpuBackend());
    expect(stored.model.numParameters).toBe(auto.student_parameters);

    // A stored model with its own tokenizer (the pruned student shares the teacher's; a fresh
    // fine-tune from a preset trains another) gives sequence-level distillation.
    await runFineTuning(
      { ...config, vocab_size: 280, result_model: 'other' },
      { dataDir: await tempDir(), modelsDir, rows, modelOverrides: tiny },
    );
    const local = await runDistillation(
      { ...distilConfig, teacher_model: 'local/teacher', student_model: 'local/other' },
      { dataDir: await tempDir(), modelsDir, rows },
    );
    expect(local.distillation_mode).toBe('sequence');
    expect(local.logit_distillation).toBe(false);
    expect(local.pruning).toBeUndefined();
  });

  it.each([
    [{ teacher_model: 'local/teacher', student_model: 'auto' }, /target_params.*required/],
    [
      { teacher_model: 'local/teacher', student_model: 'distillery-nano', target_params: '1M' },
      /applies only/,
    ],
    [{ teacher_model: 'openai/x', student_model: 'auto', target_params: '1M' }, /needs a local teacher/],
  ])('refuses %j', async (patch, message) => {
    const run = runDistillation(
      { ...distilConfig, ...patch },
      {
        dataDir: await tempDir(),
        rows,
        openai: { baseUrl: 'http://127.0.0.1:9/v1' },
        modelsDir: await tempDir(),
      },
    );
    await expect(run).rejects.toThrow(message);
  });
});
