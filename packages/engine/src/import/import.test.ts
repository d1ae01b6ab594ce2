import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CpuBackend } from '../backends/cpu/cpu-backend.ts';
import { testConfigs, testModel, testTokenizer } from '../export/__fixtures__/models.ts';
import { exportModel } from '../export/export-model.ts';
import { GgufFile } from './gguf-reader.ts';
import { importGguf, importSafetensors, shortestF32Decimal } from './import-model.ts';

describe('import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'distillery-import-'));
    const tokenizer = testTokenizer();
    const model = await testModel(testConfigs(tokenizer.vocabSize).nano);
    await exportModel(model, tokenizer, { dir, quantizationTypes: ['f16'] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('recovers the decimal a value had before GGUF stored it as f32', () => {
    expect(shortestF32Decimal(Math.fround(1e-5))).toBe(1e-5);
    expect(shortestF32Decimal(Math.fround(1e-6))).toBe(1e-6);
    expect(shortestF32Decimal(500000)).toBe(500000);
  });

  it('rejects a file that is not GGUF, or is cut short', async () => {
    const bad = join(dir, 'bad.gguf');
    await writeFile(bad, 'not a gguf file at all');
    await expect(GgufFile.open(bad)).rejects.toThrow(/bad magic/);
    const cut = join(dir, 'cut.gguf');
    await writeFile(cut, await readFile(join(dir, 'model-f16.gguf')));
    await truncate(cut, 200);
    await expect(importGguf(cut, new CpuBackend())).rejects.toThrow(/truncated/);
    await writeFile(cut, await readFile(join(dir, 'model-f16.gguf')));
    await truncate(cut, 100_000);
    await expect(importGguf(cut, new CpuBackend())).rejects.toThrow(/past the end/);
  });

  it('rejects a vocabulary laid out differently from our BPE', async () => {
    const tj = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'));
    // Swap the ids of two byte tokens: every merge still parses, but ids no longer match our BPE.
    [tj.model.vocab.a, tj.model.vocab.b] = [tj.model.vocab.b, tj.model.vocab.a];
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tj));
    await expect(importSafetensors(dir, new CpuBackend())).rejects.toThrow(/not laid out as a Distillery/);
  });
});
