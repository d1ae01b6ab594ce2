import { normalizeAnswer } from '../training/curation.ts';
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

/** Deterministic split of rows into train and held-out parts by a seeded shuffle. */
export function splitRows<T>(rows: T[], fraction: number, seed: number): { train: T[]; held: T[] } {
  const order = new Rng(seed ^ 0x5eed).shuffle(rows.map((_, i) => i));
  const nHeld = Math.round(rows.length * fraction);
  const held = new Set(order.slice(0, nHeld));
  return { train: rows.filter((_, i) => !held.has(i)), held: rows.filter((_, i) => held.has(i)) };
}
