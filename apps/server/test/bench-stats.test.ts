// The serving benchmark's load generator (scripts/bench-load.ts): its SSE parsing and its statistics,
// on hand-made streams whose figures are known. The benchmark itself is not a test.
import { describe, expect, it } from 'vitest';
import {
  parseChunk,
  percentile,
  recordOf,
  SseParser,
  type StreamRecord,
  summarize,
} from '../scripts/bench-load.ts';

const chunk = (text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ choices: [{ index: 0, text, finish_reason: null }], ...extra });

describe('SseParser', () => {
  it('splits events at blank lines whatever the chunking and line endings', () => {
    const stream = `: a comment\r\ndata: ${chunk('a')}\r\n\r\nevent: ping\ndata:x\ndata:  y\n\ndata: one\r\ndata: two\r\n\r\ndata: [DONE]\r\r`;
    const whole = new SseParser().push(stream);
    expect(whole).toEqual([
      { event: 'message', data: chunk('a') },
      { event: 'ping', data: 'x\n y' },
      { event: 'message', data: 'one\ntwo' },
      { event: 'message', data: '[DONE]' },
    ]);
    // One character at a time, so CRLF pairs and fields are split across pushes.
    const parser = new SseParser();
    const byChar = [...stream].flatMap((c) => parser.push(c));
    expect(byChar).toEqual(whole);
  });

  it('does not dispatch an event the stream never closed, nor one without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: x\n\nretry: 5\n\ndata: half')).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe('parseChunk', () => {
  it('reads completion text, chat deltas and the counts of usage or llama-server timings', () => {
    expect(parseChunk(chunk('hi'))).toEqual({
      text: 'hi',
      finishReason: null,
      completionTokens: null,
      promptTokens: null,
    });
    expect(parseChunk(JSON.stringify({ choices: [{ delta: { content: 'yo' } }] }))?.text).toBe('yo');
    expect(
      parseChunk(JSON.stringify({ choices: [], usage: { completion_tokens: 64, prompt_tokens: 9 } })),
    ).toMatchObject({ completionTokens: 64, promptTokens: 9 });
    expect(
      parseChunk(
        JSON.stringify({
          choices: [{ text: '', finish_reason: 'length' }],
          timings: { predicted_n: 32, prompt_n: 7 },
        }),
      ),
    ).toEqual({ text: '', finishReason: 'length', completionTokens: 32, promptTokens: 7 });
    expect(parseChunk(' [DONE]')).toBeNull();
    expect(() => parseChunk('null')).toThrow();
    expect(() => parseChunk('{oops')).toThrow();
  });
});

describe('statistics', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentile([10], 0.95)).toBe(10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([0, 10, 20, 30, 40], 0.95)).toBeCloseTo(38);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('times the first token, the gaps between tokens and tokens per second of each round', () => {
    // Two streams sent at 0 and 10 ms; text at the times given; the last chunk carries the count.
    const stream = (sentAt: number, times: number[], endAt: number) =>
      recordOf(
        sentAt,
        [
          ...times.map((at) => ({ at, info: parseChunk(chunk('t'))! })),
          {
            at: endAt,
            info: parseChunk(
              JSON.stringify({ choices: [], usage: { completion_tokens: times.length, prompt_tokens: 5 } }),
            )!,
          },
        ],
        endAt,
      );
    const a = stream(0, [100, 110, 130], 140);
    const b = stream(10, [200, 210, 250], 260);
    expect(a).toMatchObject({ textAt: [100, 110, 130], completionTokens: 3, promptTokens: 5, text: 'ttt' });
    const s = summarize([[a, b]]);
    expect(s.requests).toBe(2);
    expect(s.tokens).toBe(6);
    expect(s.tokensPerRequest).toBe(3);
    expect(s.promptTokens).toBe(5);
    // TTFT: 100 and 190 ms; gaps: 10, 20, 10, 40 ms.
    expect(s.ttftP50).toBeCloseTo(145);
    expect(s.itlP50).toBeCloseTo(15);
    expect(s.itlP95).toBeCloseTo(37);
    expect(s.chunksPerToken).toBe(1);
    // 6 tokens over the round's 0 → 260 ms.
    expect(s.tokensPerSecond).toBeCloseTo(6 / 0.26);
    expect(s.tokensPerSecondOverall).toBeCloseTo(6 / 0.26);
    // Three rounds, one stalled to 1040 ms: the median round is unmoved, the overall rate counts it.
    const c = stream(1000, [1100, 1110, 1130], 1140);
    const stalled = stream(1010, [1200, 1210, 2030], 2040);
    const three = summarize([
      [a, b],
      [c, stalled],
      [a, b],
    ]);
    expect(three.tokensPerSecond).toBeCloseTo(6 / 0.26);
    expect(three.tokensPerSecondOverall).toBeCloseTo(18 / (0.26 + 1.04 + 0.26));
  });

  it('refuses to assume a count the server did not send', () => {
    const uncounted: StreamRecord = recordOf(0, [{ at: 5, info: parseChunk(chunk('x'))! }], 6);
    expect(() => summarize([[uncounted]])).toThrow(/count/);
    const counted = recordOf(
      0,
      [{ at: 5, info: parseChunk(chunk('xy', { usage: { completion_tokens: 2, prompt_tokens: 1 } }))! }],
      6,
    );
    // Two tokens in one chunk: no gap to measure, two tokens counted.
    expect(summarize([[counted]])).toMatchObject({ tokens: 2, chunksPerToken: 0.5, tokensPerRequest: 2 });
    expect(summarize([[counted]]).itlP50).toBeNaN();
  });
});
