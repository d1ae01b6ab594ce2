import type { Job } from '@distillery/sdk';
import { describe, expect, it } from 'vitest';
import { gateFailure } from '../src/report.js';

describe('gateFailure', () => {
  it('passes a job whose delta cleared the threshold', () => {
    expect(gateFailure({ evaluated: true, accuracy_delta: -0.01, threshold_passed: true }, -0.02)).toBe(
      undefined,
    );
  });

  it('names the delta and the threshold on a breach', () => {
    expect(gateFailure({ evaluated: true, accuracy_delta: -0.05, threshold_passed: false }, -0.02)).toMatch(
      /^Accuracy delta -0.05 is below the threshold -0.02/,
    );
  });

  it('fails a job that could not be evaluated, saying why, instead of printing an undefined delta', () => {
    const results: Job['results'] = { evaluated: false, eval_rows: 0, threshold_passed: false };
    const message = gateFailure(results, -0.02);
    expect(message).toMatch(
      /^The job was not evaluated: none of its held-out rows has a label or completion/,
    );
    expect(message).not.toContain('undefined');
  });
});
