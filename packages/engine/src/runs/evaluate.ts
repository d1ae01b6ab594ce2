import type { ArtifactEntry } from '../export/export-model.ts';
import { normalizeAnswer } from '../training/curation.ts';
import { encodeExample, packBatch } from '../training/sequences.ts';
import { type LocalTeacherModel, localTeacher, type Teacher } from '../training/teachers.ts';
import { Rng } from '../util/rng.ts';
import type { PromptRow } from './config.ts';

/** Greedy answers of a teacher (or a student wrapped as one) to every prompt. */
export async function answers(
  t: Teacher,
  prompts: string[],
  maxTokens: number,
  signal?: AbortSignal,
): Promise<string[]> {
  const samples = await t.sample(prompts, { n: 1, temperature: 0, maxTokens, signal });
  return samples.map((s) => s[0]?.text ?? '');
}

export function asTeacher(id: string, m: LocalTeacherModel): Teacher {
  return localTeacher(id, m, new Rng(0));
}

/** The expected answer of a row: its label, else its completion. */
export function expectedAnswer(row: PromptRow): string | undefined {
  return row.label ?? row.completion;
}

/** Share of rows whose normalised answer equals the normalised label (rows without one are skipped). */
export function accuracy(rows: PromptRow[], predicted: string[]): number | null {
  let n = 0;
  let hits = 0;
  rows.forEach((r, i) => {
    const want = expectedAnswer(r);
    if (want === undefined) return;
    n++;
    if (normalizeAnswer(predicted[i] ?? '') === normalizeAnswer(want)) hits++;
  });
  return n === 0 ? null : hits / n;
}

/**
 * 95% interval of student minus teacher accuracy, from the paired per-row differences (both models
 * answer the same rows): the normal approximation of the mean difference. Null without labelled rows.
 */
export function deltaInterval(
  rows: PromptRow[],
  student: string[],
  teacher: string[],
): [number, number] | null {
  const diffs: number[] = [];
  rows.forEach((r, i) => {
    const want = expectedAnswer(r);
    if (want === undefined) return;
    const right = (answer: string | undefined) =>
      normalizeAnswer(answer ?? '') === normalizeAnswer(want) ? 1 : 0;
    diffs.push(right(student[i]) - right(teacher[i]));
  });
  const n = diffs.length;
  if (n === 0) return null;
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? diffs.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1) : 0;
  const half = 1.96 * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}

export function agreement(a: string[], b: string[]): number | null {
  if (a.length === 0) return null;
  let same = 0;
  a.forEach((x, i) => {
    if (normalizeAnswer(x) === normalizeAnswer(b[i] ?? '')) same++;
  });
  return same / a.length;
}

/**
 * Perplexity of the expected answers given their prompts: exp of the mean negative log-likelihood
 * per answer token (the closing eos included), prompts cut to the model's budget as in training.
 * Teacher and student share a tokenizer under logit distillation, so their figures compare directly.
 */
export async function perplexity(
  m: LocalTeacherModel,
  rows: PromptRow[],
  signal?: AbortSignal,
  batchSize = 16,
): Promise<number | null> {
  const seqLen = m.promptBudget + 2 + m.answerBudget;
  const examples = rows.flatMap((r) => {
    const want = expectedAnswer(r);
    return want === undefined ? [] : [encodeExample(m.tokenizer, r.prompt, want, seqLen, m.answerBudget)];
  });
  if (examples.length === 0) return null;
  let nll = 0;
  let tokens = 0;
  for (let i = 0; i < examples.length; i += batchSize) {
    signal?.throwIfAborted();
    const chunk = examples.slice(i, i + batchSize);
    // A full last batch at weight 0 keeps one buffer plan for every batch.
    while (chunk.length < Math.min(batchSize, examples.length)) chunk.push({ ...chunk[0]!, weight: 0 });
    const batch = packBatch(chunk, seqLen, m.tokenizer.pad, m.model.config.vocabSize, false);
    const weight = batch.weights.reduce((a, w) => a + w, 0);
    nll += (await m.model.evaluateLoss(batch)) * weight;
    tokens += weight;
  }
  return Math.exp(nll / tokens);
}

/** The smallest exported model file (GGUF or safetensors): what a user would ship. */
export function smallestModelFile(artifacts: ArtifactEntry[]): ArtifactEntry | null {
  const models = artifacts.filter((a) => a.format === 'safetensors' || a.format.startsWith('gguf_'));
  return models.reduce<ArtifactEntry | null>(
    (min, a) => (!min || a.size_bytes < min.size_bytes ? a : min),
    null,
  );
}

/** Deterministic split of rows into train and held-out parts by a seeded shuffle. */
export function splitRows<T>(rows: T[], fraction: number, seed: number): { train: T[]; held: T[] } {
  const order = new Rng(seed ^ 0x5eed).shuffle(rows.map((_, i) => i));
  const nHeld = Math.round(rows.length * fraction);
  const held = new Set(order.slice(0, nHeld));
  return { train: rows.filter((_, i) => !held.has(i)), held: rows.filter((_, i) => held.has(i)) };
}
