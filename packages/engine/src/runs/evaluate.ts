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
