import { describe, expect, it } from 'vitest';
import { isStudentModel, MODEL_PRESETS, OPEN_ARCHITECTURES, presetConfig } from './config.ts';
import { countParameters } from './layout.ts';

describe('model configs', () => {
  it('presets span about 0.03 M to about 100 M parameters', () => {
    const counts = Object.values(MODEL_PRESETS).map(countParameters);
    expect(Math.min(...counts)).toBeLessThan(100_000);
    expect(Math.max(...counts)).toBeGreaterThan(90_000_000);
    expect(Math.max(...counts)).toBeLessThan(130_000_000);
  });

  it('open architectures have the parameter counts their publishers state', () => {
    expect(countParameters(OPEN_ARCHITECTURES['smollm2-135m']!)).toBe(134_515_008);
    expect(countParameters(OPEN_ARCHITECTURES['smollm2-360m']!)).toBe(361_821_120);
    expect(countParameters(OPEN_ARCHITECTURES['llama-3.2-1b']!)).toBe(1_235_814_400);
    expect(countParameters(OPEN_ARCHITECTURES['llama-3.2-3b']!)).toBe(3_212_749_824);
  });

  it('names every known student when asked for an unknown one', () => {
    expect(isStudentModel('llama-3.2-1b')).toBe(true);
    expect(isStudentModel('distillery-pico')).toBe(true);
    expect(isStudentModel('gpt-2')).toBe(false);
    expect(() => presetConfig('gpt-2')).toThrow(/unknown model 'gpt-2'.*distillery-pico.*llama-3\.2-1b/);
  });

  it('takes the tokenizer vocabulary in place of the original one', () => {
    expect(presetConfig('llama-3.2-1b', { vocabSize: 1024 })).toMatchObject({ vocabSize: 1024, dim: 2048 });
  });
});
