import type { TeacherSample } from './teachers.ts';

/** Scores one teacher sample for best-of-N selection; higher is better. */
export type Scorer = (prompt: string, sample: TeacherSample, all: TeacherSample[]) => number;

/** Trims, lower-cases and strips surrounding punctuation, keeping the first line: how answers are compared. */
export function normalizeAnswer(text: string): string {
  const firstLine = text.trim().split('\n')[0] ?? '';
  return firstLine
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/**
 * Default scorer: self-consistency (how many of the N samples give the same normalised answer), with
 * the teacher's mean token log-probability, when known, breaking ties.
 */
export const consistencyScorer: Scorer = (_prompt, sample, all) => {
  const answer = normalizeAnswer(sample.text);
  const votes = all.filter((s) => normalizeAnswer(s.text) === answer).length;
  const tokens = Math.max(1, sample.text.length);
  return votes + (sample.logProb === undefined ? 0 : 1e-3 * Math.tanh(sample.logProb / tokens));
};

export interface Curated {
  prompt: string;
  completion: string;
  score: number;
}

/** Best-of-N: keeps the highest-scoring non-empty sample per prompt (prompts with none are dropped). */
export function bestOfN(
  prompts: string[],
  samples: TeacherSample[][],
  scorer: Scorer = consistencyScorer,
): Curated[] {
  const out: Curated[] = [];
  prompts.forEach((prompt, i) => {
    const all = (samples[i] ?? []).filter((s) => s.text.trim().length > 0);
    let best: Curated | null = null;
    for (const s of all) {
      const score = scorer(prompt, s, all);
      if (!best || score > best.score) best = { prompt, completion: s.text, score };
    }
    if (best) out.push(best);
  });
  return out;
}
