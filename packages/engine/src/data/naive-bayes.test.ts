import { describe, expect, it } from 'vitest';
import { NaiveBayes } from './naive-bayes.ts';

describe('NaiveBayes', () => {
  const rows = [
    { prompt: 'WIN cash now!!! free money', label: 'spam' },
    { prompt: 'free prize, claim your cash', label: 'spam' },
    { prompt: 'meeting notes attached for monday', label: 'ham' },
    { prompt: 'lunch on monday with the team?', label: 'ham' },
    { prompt: 'the team meeting moved', label: 'ham' },
  ];

  it('predicts by word likelihoods, not by the prior alone', () => {
    const nb = new NaiveBayes(rows);
    expect(nb.predict('claim free cash')).toBe('spam');
    expect(nb.predict('monday meeting')).toBe('ham');
    expect(nb.accuracy(rows)).toBe(1);
  });

  it('falls back on the prior for words it never saw', () => {
    expect(new NaiveBayes(rows).predict('zebra quantum')).toBe('ham');
  });

  it('computes the smoothed log-probabilities by the textbook formula', () => {
    const nb = new NaiveBayes([
      { prompt: 'a a b', label: 'x' },
      { prompt: 'b', label: 'y' },
    ]);
    // P(x) = P(y) = 1/2; P(c | x) = 1 / (3 + 3), P(c | y) = 1 / (1 + 3) with a vocabulary of {a, b} plus
    // one unseen word: 'c' favours y, 'a' favours x (3/6 against 1/4).
    expect(nb.predict('c')).toBe('y');
    expect(nb.predict('a')).toBe('x');
  });

  it('refuses to train on nothing', () => {
    expect(() => new NaiveBayes([])).toThrow(/no training rows/);
  });
});
