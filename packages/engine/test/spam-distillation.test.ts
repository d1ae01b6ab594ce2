import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadSpamAssassin, majorityRate, runDistillation, runFineTuning } from '../src/index.ts';

it('a student distilled on unlabelled SpamAssassin mail learns the task', async () => {
  const data = loadSpamAssassin({ bodyChars: 120, limit: { labelled: 400, unlabelled: 500, test: 200 } });
  const dataDir = await mkdtemp(join(tmpdir(), 'distillery-spam-test-'));
  try {
    await runFineTuning(
      {
        base_model: 'distillery-micro',
        result_model: 'spam-teacher',
        vocab_size: 512,
        seq_len: 48,
        seed: 1,
        backend: 'cpu',
        hyperparameters: { epochs: 3, learning_rate: 2e-3, batch_size: 16, warmup_steps: 20 },
      },
      {
        dataDir,
        rows: data.labelled,
        modelOverrides: { dim: 96, nLayers: 3, nHeads: 4, nKvHeads: 2, hiddenDim: 256 },
      },
    );
    const result = await runDistillation(
      {
        teacher_model: 'local/spam-teacher',
        student_model: 'distillery-nano',
        n_samples: 2,
        temperature: 0.7,
        training_steps: 250,
        batch_size: 16,
        seq_len: 48,
        learning_rate: 5e-3,
        seed: 2,
        backend: 'cpu',
      },
      {
        dataDir: join(dataDir, 'distill'),
        modelsDir: join(dataDir, 'models'),
        rows: data.unlabelled.map((r) => ({ prompt: r.prompt })),
        evalRows: data.test,
        studentOverrides: { dim: 32, nLayers: 2, nHeads: 2, nKvHeads: 1, hiddenDim: 64 },
      },
    );
    const majority = majorityRate(data.test);
    expect(result.compression_ratio).toBeGreaterThanOrEqual(8);
    expect(result.teacher_accuracy).toBeGreaterThan(majority + 0.1);
    expect(result.student_accuracy).toBeGreaterThan(majority + 0.08);
    // Both answer in the teacher's tokens, so the perplexities compare; a trained model is far
    // below the uniform guess (the vocabulary size).
    expect(result.teacher_perplexity).toBeGreaterThan(1);
    expect(result.teacher_perplexity).toBeLessThan(10);
    expect(result.student_perplexity).toBeGreaterThan(1);
    expect(result.student_perplexity).toBeLessThan(10);
    const teacherFile = await stat(join(dataDir, 'models', 'spam-teacher', 'weights.bin'));
    const smallest = Math.min(
      ...result.artifacts.filter((a) => a.format.startsWith('gguf_')).map((a) => a.size_bytes),
    );
    expect(result.teacher_size_bytes).toBe(teacherFile.size);
    expect(result.student_size_bytes).toBe(smallest);
    expect(result.size_compression_ratio).toBeCloseTo(teacherFile.size / smallest, 6);
    // A quantised student shrinks by more than its parameter count alone.
    expect(result.size_compression_ratio).toBeGreaterThan(result.compression_ratio!);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
