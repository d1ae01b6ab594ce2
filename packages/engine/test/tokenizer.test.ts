import { describe, expect, it } from 'vitest';
import { BpeTokenizer } from '../src/tokenizer/bpe-tokenizer.ts';

const corpus = [
  'Subject: cheap meds online now!!! Click here to buy cheap meds.',
  'Subject: Re: meeting tomorrow\nHi Bob, can we move the meeting to 3pm?',
  'Ünïcödé text, emoji 🎉 and tabs\tand  double  spaces.',
];

describe('BpeTokenizer', () => {
  const tok = BpeTokenizer.train(corpus, { vocabSize: 320 });

  it('reaches the requested vocabulary size and compresses its corpus', () => {
    expect(tok.vocabSize).toBe(320);
    const text = corpus[0]!;
    expect(tok.encode(text).length).toBeLessThan(new TextEncoder().encode(text).length * 0.7);
  });

  it('round-trips arbitrary text, including unseen bytes', () => {
    for (const text of [...corpus, 'never seen: Ωµ≈ç √∫ \u0000\u0001 ~~~ 12345', '']) {
      expect(tok.decode(tok.encode(text))).toBe(text);
    }
  });

  it('maps special tokens to single ids and drops them on decode', () => {
    const ids = tok.encode('<|bos|>Subject: hi<|sep|> spam<|eos|>');
    expect(ids[0]).toBe(tok.bos);
    expect(ids).toContain(tok.sep);
    expect(ids.at(-1)).toBe(tok.eos);
    expect(tok.decode(ids)).toBe('Subject: hi spam');
    expect(tok.decode(ids, true)).toBe('<|bos|>Subject: hi<|sep|> spam<|eos|>');
    expect(tok.encode('<|eos|>', false)).not.toContain(tok.eos);
  });

  it('survives toJSON / fromJSON with identical encodings', () => {
    const copy = BpeTokenizer.fromJSON(JSON.parse(JSON.stringify(tok)));
    expect(copy.vocab).toEqual(tok.vocab);
    for (const text of corpus) expect(copy.encode(text)).toEqual(tok.encode(text));
  });

  it('rejects a vocabulary too small for the bytes and special tokens', () => {
    expect(() => BpeTokenizer.train(corpus, { vocabSize: 100 })).toThrow(/vocabSize/);
  });
});
