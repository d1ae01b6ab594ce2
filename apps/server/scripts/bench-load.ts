/**
 * The serving benchmark's load generator (scripts/bench.ts): concurrent streaming OpenAI completions
 * against any OpenAI-compatible server, the same code for the Distillery server and for llama.cpp's
 * llama-server. The parsing and the statistics are pure functions, tested in test/bench-stats.test.ts.
 */

/** One server-sent event: its `event` name (`message` unless named) and its `data` lines joined. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental `text/event-stream` parser (the WHATWG rules): lines end in LF, CRLF or CR, an event
 * ends at a blank line, `data` lines join with LF, one space after the colon is dropped, lines that
 * start with a colon are comments, and an event without data is not dispatched.
 */
export class SseParser {
  #buffer = '';
  #data: string[] = [];
  #event = '';
  /** The previous chunk ended in CR: an LF that starts this one belongs to that line ending. */
  #pendingCr = false;

  push(chunk: string): SseEvent[] {
    if (this.#pendingCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.#pendingCr = false;
    this.#buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.#buffer);
      if (!m) break;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (m[0] === '\r' && m.index === this.#buffer.length - 1) this.#pendingCr = true;
      const line = this.#buffer.slice(0, m.index);
      this.#buffer = this.#buffer.slice(m.index + m[0].length);
      this.#line(line, out);
    }
    return out;
  }

  /** The stream ended: an event not closed by a blank line is discarded, as the spec says. */
  end(): SseEvent[] {
    this.#buffer = '';
    this.#data = [];
    this.#event = '';
    return [];
  }

  #line(line: string, out: SseEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0) out.push({ event: this.#event || 'message', data: this.#data.join('\n') });
      this.#data = [];
      this.#event = '';
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
  }
}

/** What one streamed completion chunk says: its text and, on the last ones, the counts. */
export interface ChunkInfo {
  text: string;
  finishReason: string | null;
  completionTokens: number | null;
  promptTokens: number | null;
}

interface Chunk {
  choices?: { text?: string; delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: { completion_tokens?: number; prompt_tokens?: number } | null;
  /** llama-server's own counts, on its last chunk. */
  timings?: { predicted_n?: number; prompt_n?: number };
}

/**
 * Reads one `data:` payload of a completions (`choices[].text`) or chat (`choices[].delta.content`)
 * stream. Token counts come from `usage` (OpenAI's `stream_options.include_usage`), else from
 * llama-server's `timings`. `[DONE]` is null; anything else that is not a JSON object throws.
 */
export function parseChunk(data: string): ChunkInfo | null {
  if (data.trim() === '[DONE]') return null;
  const chunk = JSON.parse(data) as Chunk;
  if (typeof chunk !== 'object' || chunk === null) throw new Error(`not a completion chunk: ${data}`);
  const choice = chunk.choices?.[0];
  return {
    text: choice?.text ?? choice?.delta?.content ?? '',
    finishReason: choice?.finish_reason ?? null,
    completionTokens: chunk.usage?.completion_tokens ?? chunk.timings?.predicted_n ?? null,
    promptTokens: chunk.usage?.prompt_tokens ?? chunk.timings?.prompt_n ?? null,
  };
}

/** One streamed request, timed on the client: milliseconds on one clock (performance.now()). */
export interface StreamRecord {
  sentAt: number;
  /** When each chunk that carried text arrived. */
  textAt: number[];
  endAt: number;
  /** From the server's own counts; null when it sent none. */
  completionTokens: number | null;
  promptTokens: number | null;
  finishReason: string | null;
  text: string;
}

/** Folds the parsed chunks of one stream, each with its arrival time, into its record. */
export function recordOf(
  sentAt: number,
  chunks: { at: number; info: ChunkInfo }[],
  endAt: number,
): StreamRecord {
  const r: StreamRecord = {
    sentAt,
    textAt: [],
    endAt,
    completionTokens: null,
    promptTokens: null,
    finishReason: null,
    text: '',
  };
  for (const { at, info } of chunks) {
    if (info.text !== '') {
      r.textAt.push(at);
      r.text += info.text;
    }
    r.completionTokens = info.completionTokens ?? r.completionTokens;
    r.promptTokens = info.promptTokens ?? r.promptTokens;
    r.finishReason = info.finishReason ?? r.finishReason;
  }
  return r;
}

/** The p-th percentile (0 ≤ p ≤ 1) of ascending values, interpolated linearly between ranks. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const ascending = (xs: number[]) => xs.sort((a, b) => a - b);

/** A level's figures, from the records of its rounds and each round's wall time. */
export interface LevelStats {
  requests: number;
  /** Completion tokens the server counted, summed over the requests. */
  tokens: number;
  /** Tokens per request when every request generated the same number; null when they differ. */
  tokensPerRequest: number | null;
  promptTokens: number | null;
  /** Time to first token: send to the first chunk with text, ms. */
  ttftP50: number;
  ttftP95: number;
  /** Inter-token latency: gaps between successive chunks with text in one stream, ms. */
  itlP50: number;
  itlP95: number;
  /** Text chunks per counted token: 1 when the server streams a chunk per token. */
  chunksPerToken: number;
  /**
   * The median round's aggregate rate: a round's completion tokens over its wall time (its first
   * send to its last end). A median, so that a stall caused by other work on a shared machine in
   * one round does not decide the figure.
   */
  tokensPerSecond: number;
  /** All completion tokens over all rounds' wall times summed: every stall counted. */
  tokensPerSecondOverall: number;
}

/**
 * Summarises rounds of concurrent streams (see LevelStats). A stream without the server's count
 * throws: the benchmark reports what the servers say they generated, never an assumption.
 */
export function summarize(rounds: readonly (readonly StreamRecord[])[]): LevelStats {
  const records = rounds.flat();
  if (records.length === 0) throw new Error('no requests to summarise');
  const counts = records.map((r) => {
    if (r.completionTokens === null) throw new Error('a stream ended without a completion token count');
    return r.completionTokens;
  });
  const tokens = counts.reduce((a, b) => a + b, 0);
  const ttft = ascending(records.filter((r) => r.textAt.length > 0).map((r) => r.textAt[0]! - r.sentAt));
  const gaps = ascending(records.flatMap((r) => r.textAt.slice(1).map((t, i) => t - r.textAt[i]!)));
  const timed = rounds
    .filter((round) => round.length > 0)
    .map((round) => ({
      tokens: round.reduce((n, r) => n + r.completionTokens!, 0),
      ms: Math.max(...round.map((r) => r.endAt)) - Math.min(...round.map((r) => r.sentAt)),
    }));
  const wallMs = timed.reduce((sum, t) => sum + t.ms, 0);
  const prompts = new Set(records.map((r) => r.promptTokens));
  return {
    requests: records.length,
    tokens,
    tokensPerRequest: new Set(counts).size === 1 ? counts[0]! : null,
    promptTokens: prompts.size === 1 ? [...prompts][0]! : null,
    ttftP50: percentile(ttft, 0.5),
    ttftP95: percentile(ttft, 0.95),
    itlP50: percentile(gaps, 0.5),
    itlP95: percentile(gaps, 0.95),
    chunksPerToken: records.reduce((n, r) => n + r.textAt.length, 0) / tokens,
    tokensPerSecond: percentile(ascending(timed.map((t) => t.tokens / (t.ms / 1000))), 0.5),
    tokensPerSecondOverall: wallMs > 0 ? tokens / (wallMs / 1000) : Number.NaN,
  };
}

/**
 * Sends one streaming `POST {baseUrl}/v1/completions` and times its chunks as they arrive. A
 * response that is not a 200 event stream, or a stream that ends without `[DONE]`, throws.
 */
export async function streamCompletion(
  baseUrl: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<StreamRecord> {
  const sentAt = performance.now();
  const res = await fetch(`${baseUrl}/v1/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ ...body, stream: true }),
  });
  if (res.status !== 200 || !res.body)
    throw new Error(`${baseUrl}/v1/completions answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
  const parser = new SseParser();
  const chunks: { at: number; info: ChunkInfo }[] = [];
  let done = false;
  const decoder = new TextDecoder();
  const reader = res.body.getReader();
  for (;;) {
    const { done: ended, value: bytes } = await reader.read();
    if (ended) break;
    const at = performance.now();
    for (const event of parser.push(decoder.decode(bytes, { stream: true }))) {
      if (event.event === 'error') throw new Error(`the stream sent an error: ${event.data}`);
      const info = parseChunk(event.data);
      if (info === null) done = true;
      else chunks.push({ at, info });
    }
  }
  parser.end();
  if (!done) throw new Error(`${baseUrl}/v1/completions: the stream ended without [DONE]`);
  return recordOf(sentAt, chunks, performance.now());
}

/** One round: `concurrency` requests sent at once; resolves when all have ended. */
export function round(concurrency: number, send: () => Promise<StreamRecord>): Promise<StreamRecord[]> {
  return Promise.all(Array.from({ length: concurrency }, send));
}
