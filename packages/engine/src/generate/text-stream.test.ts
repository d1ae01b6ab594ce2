import { describe, expect, it } from 'vitest';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { TextStream } from './text-stream.ts';

/** Tokens are given byte strings; decoding joins their bytes and reads them as UTF-8, as byte-level BPE does. */
function bytesTokenizer(pieces: (string | number[])[]): Tokenizer {
  const bytes = pieces.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  return {
    vocabSize: pieces.length,
    encode: () => [],
    decode: (ids) => new TextDecoder().decode(Uint8Array.from(ids.flatMap((id) => [...bytes[id]!]))),
    bos: 0,
    eos: 0,
    pad: 0,
    sep: 0,
    toJSON: () => ({ type: 'byte-level-bpe', version: 1, merges: [], specialTokens: [] }),
  };
}

/** Pushes every token; the text each one released, and whether the last completed a stop string. */
function stream(
  tok: Tokenizer,
  ids: number[],
  stop: string[],
): { texts: string[]; stopped: boolean; rest: string } {
  const s = new TextStream(tok, stop);
  const texts: string[] = [];
  let stopped = false;
  for (const id of ids) {
    const r = s.push(id);
    texts.push(r.text);
    stopped = r.stopped;
    if (stopped) break;
  }
  const rest = stopped ? '' : s.flush();
  expect(s.text).toBe(texts.join('') + rest);
  return { texts, stopped, rest };
}

describe('TextStream', () => {
  const tok = bytesTokenizer([
    'Hel',
    'lo',
    ' wo',
    'rld',
    '<',
    '/s',
    '>',
    'b',
    [0xc3],
    [0xa9],
    [0xe2, 0x82],
    [0xac],
    '!',
  ]);

  it('releases each token’s text at once when no stop string is near', () => {
    expect(stream(tok, [0, 1, 2, 3], [])).toEqual({
      texts: ['Hel', 'lo', ' wo', 'rld'],
      stopped: false,
      rest: '',
    });
  });

  it('holds a stop string’s start across tokens, and ends the text before the stop string', () => {
    expect(stream(tok, [0, 1, 4, 5, 6, 12], ['</s>'])).toEqual({
      texts: ['Hel', 'lo', '', '', ''],
      stopped: true,
      rest: '',
    });
    // A false start is released as soon as it cannot begin the stop string any more.
    expect(stream(tok, [0, 4, 7, 12], ['</s>'])).toEqual({
      texts: ['Hel', '', '<b', '!'],
      stopped: false,
      rest: '',
    });
    // Held text still comes out at the end of the sequence.
    expect(stream(tok, [0, 4, 5], ['</s>'])).toEqual({ texts: ['Hel', '', ''], stopped: false, rest: '</s' });
  });

  it('stops inside one token’s text, at the earliest of several stop strings', () => {
    // 'lo' releases 'l' and holds 'o' (the start of 'o w'), which ' wo' completes.
    expect(stream(tok, [0, 1, 2, 3], ['rl', 'o w'])).toEqual({
      texts: ['Hel', 'l', ''],
      stopped: true,
      rest: '',
    });
  });

  it('never releases half of a multi-byte character', () => {
    expect(stream(tok, [0, 8, 9, 10, 11, 12], [])).toEqual({
      texts: ['Hel', '', 'é', '', '€', '!'],
      stopped: false,
      rest: '',
    });
    // A sequence that ends inside a character gets the decoder's replacement character.
    expect(stream(tok, [0, 10], [])).toEqual({ texts: ['Hel', ''], stopped: false, rest: '\uFFFD' });
  });
});
