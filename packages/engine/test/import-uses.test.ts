/**
 * An imported checkpoint used where a model id goes: fine-tuned as `local/<id>` (training continues
 * from its weights, with its own tokenizer), then distilled into an `auto` student pruned from it,
 * whose exports carry the checkpoint's tokenizer and load back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../src/backends/cpu/cpu-backend.ts';
import { importCheckpoint, loadCheckpoint } from '../src/import/import-model.ts';
import { runDistillation, runFineTuning } from '../src/index.ts';
import { loadModel } from '../src/io/model-store.ts';
import { PretrainedTokenizer } from '../src/tokenizer/pretrained-tokenizer.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures/import');
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'distillery-import-uses-'));
  dirs.push(d);
  return d;
}
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const rows = Array.from({ length: 24 }, (_, i) => ({
  prompt: `item ${i} colour ${['red', 'green', 'blue'][i % 3]}`,
  label: ['warm', 'natural', 'cold'][i % 3]!,
}));

describe('an imported checkpoint as base model and teacher', () => {
  it('fine-tunes from its weights, then distils into an auto student that exports with its tokenizer', async () => {
    const modelsDir = await tempDir();
    const summary = await importCheckpoint(join(FIXTURES, 'smollm-bf16'), join(modelsDir, 'smol'));
    expect(summary).toMatchObject({ format: 'safetensors', dtype: 'BF16', chat_template: true });
    const imported = await loadModel(join(modelsDir, 'smol'), new CpuBackend());
    expect(imported.tokenizer).toBeInstanceOf(PretrainedTokenizer);
    expect(imported.model.numParameters).toBe(summary.parameters);
    imported.model.destroy();

    const tuned = await runFineTuning(
      {
        base_model: 'local/smol',
        result_model: 'smol-spam',
        seq_len: 32,
        backend: 'cpu',
        hyperparameters: { epochs: 15, learning_rate: 5e-3, batch_size: 4, warmup_steps: 2 },
      },
      { dataDir: await tempDir(), modelsDir, rows, validationRows: rows.slice(0, 6) },
    );
    expect(tuned.parameters).toBe(summary.parameters);
    expect(tuned.validation_accuracy).toBeGreaterThanOrEqual(2 / 3);

    const distilled = await runDistillation(
      {
        teacher_model: 'local/smol-spam',
        student_model: 'auto',
        target_params: String(Math.floor(summary.parameters / 4)),
        training_steps: 40,
        batch_size: 6,
        seq_len: 32,
        n_samples: 1,
        temperature: 0,
        backend: 'cpu',
        eval_split: 0.25,
        quantization_types: ['f16'],
      },
      { dataDir: await tempDir(), modelsDir, rows },
    );
    expect(distilled.distillation_mode).toBe('logit');
    expect(distilled.student_parameters).toBeLessThanOrEqual(summary.parameters / 4);
    expect(distilled.pruning?.teacher_parameters).toBe(summary.parameters);
    const gguf = distilled.artifacts.find((a) => a.format === 'gguf_f16')!;
    const back = await loadCheckpoint(gguf.path, new CpuBackend());
    expect(back.tokenizer).toBeInstanceOf(PretrainedTokenizer);
    expect(back.model.numParameters).toBe(distilled.student_parameters);
    const text = 'Subject: free money now';
    expect(back.tokenizer.encode(text)).toEqual(
      (await loadModel(distilled.student_model_dir, new CpuBackend())).tokenizer.encode(text),
    );
    back.model.destroy();
  });
});
