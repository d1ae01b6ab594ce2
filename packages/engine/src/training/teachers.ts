import { generate } from '../model/generate.ts';
import type { LlamaModel } from '../model/model.ts';
import { EngineError } from '../runs/errors.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import type { Rng } from '../util/rng.ts';
import { encodePrompt } from './sequences.ts';

export interface TeacherSample {
  text: string;
  /** Sum of the teacher's log-probabilities of the sampled tokens (local teachers only). */
  logProb?: number;
}

export interface SampleOptions {
  /** Completions per prompt. */
  n: number;
  /** 0 is greedy. */
  temperature: number;
  maxTokens: number;
  signal?: AbortSignal;
}

/** Where teacher completions come from: a model held here, or a remote text-only endpoint. */
export interface Teacher {
  readonly id: string;
  /** Parameter count when known (local teachers). */
  readonly parameters: number | null;
  /** Present for local teachers: enables logit-level distillation with the shared tokenizer. */
  readonly local: LocalTeacherModel | null;
  sample(prompts: string[], o: SampleOptions): Promise<TeacherSample[][]>;
}

export interface LocalTeacherModel {
  model: LlamaModel;
  tokenizer: Tokenizer;
  /** Prompt tokens the teacher was trained with (prompts are cut to this). */
  promptBudget: number;
  /** Completion tokens including eos. */
  answerBudget: number;
  /** Bytes of the stored weights it was loaded from, when it came from disk. */
  weightsBytes?: number;
}

/** A teacher that is an engine model: batched KV-cache sampling, log-probs kept for curation. */
export function localTeacher(id: string, t: LocalTeacherModel, rng: Rng, batchSize = 32): Teacher {
  return {
    id,
    parameters: t.model.numParameters,
    local: t,
    async sample(prompts, o) {
      const out: TeacherSample[][] = prompts.map(() => []);
      const jobs: number[] = [];
      prompts.forEach((_, i) => {
        for (let s = 0; s < o.n; s++) jobs.push(i);
      });
      for (let start = 0; start < jobs.length; start += batchSize) {
        o.signal?.throwIfAborted();
        const chunk = jobs.slice(start, start + batchSize);
        const encoded = chunk.map((i) => encodePrompt(t.tokenizer, prompts[i]!, t.promptBudget));
        const gens = await generate(t.model, encoded, {
          maxNewTokens: Math.min(o.maxTokens, t.answerBudget),
          temperature: o.temperature,
          topP: 0.95,
          stopTokens: [t.tokenizer.eos],
          rng,
        });
        for (const [k, g] of gens.entries()) {
          out[chunk[k]!]!.push({ text: t.tokenizer.decode(g.tokens), logProb: g.logProb });
        }
      }
      return out;
    },
  };
}

export interface OpenAiTeacherOptions {
  /** e.g. `https://api.openai.com/v1` or a local vLLM / llama.cpp server. */
  baseUrl: string;
  apiKey?: string;
  /** Per-request timeout; a silent endpoint fails the run instead of hanging it. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A URL fit for an error message: without userinfo or query, which may carry credentials. */
function displayUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const userinfo = u.username || u.password ? '[redacted]@' : '';
    return `${u.protocol}//${userinfo}${u.host}${u.pathname.replace(/\/+$/, '')}${u.search ? '?[redacted]' : ''}`;
  } catch {
    return '[an invalid URL]';
  }
}

/**
 * Scrubs what a failure quotes (fetch's own messages include the URL, an endpoint's answer may
 * echo the key): URL userinfo and query strings, the key, and the base URL's secret parts.
 */
function scrubber(baseUrl: string, apiKey: string | undefined): (text: string) => string {
  const secrets: string[] = [];
  if (apiKey) secrets.push(apiKey);
  try {
    const u = new URL(baseUrl);
    for (const v of [u.password, u.username, u.search.slice(1), ...u.searchParams.values()]) {
      if (!v) continue;
      secrets.push(v);
      try {
        secrets.push(decodeURIComponent(v));
      } catch {}
    }
  } catch {}
  const long = secrets.filter((v) => v.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi, '$1[redacted]@')
      .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi, '$1?[redacted]');
    for (const v of long) out = out.split(v).join('[redacted]');
    return out;
  };
}

/** Any OpenAI-compatible `/chat/completions` endpoint: text only, so sequence-level distillation. */
export function openAiTeacher(model: string, options: OpenAiTeacherOptions): Teacher {
  const base = options.baseUrl.replace(/\/+$/, '');
  // Errors name the endpoint, never its credentials.
  const shown = displayUrl(base);
  const scrub = scrubber(base, options.apiKey);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const id = `openai/${model}`;
  async function complete(prompt: string, o: SampleOptions): Promise<TeacherSample[]> {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (o.signal) signals.push(o.signal);
    let res: Response;
    try {
      res = await doFetch(`${base}/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model,
          messages: [{ role: 'user', content: prompt }],
          n: o.n,
          temperature: o.temperature,
          max_tokens: o.maxTokens,
        }),
        signal: AbortSignal.any(signals),
      });
    } catch (err) {
      o.signal?.throwIfAborted();
      const why =
        (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (err as Error).message;
      throw new EngineError('teacher_unreachable', `teacher ${id} unreachable at ${shown}: ${scrub(why)}`);
    }
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(0, 300);
      throw new Error(`teacher ${id} at ${shown} answered HTTP ${res.status}: ${scrub(body)}`);
    }
    const json = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const choices = json.choices ?? [];
    if (choices.length === 0) throw new Error(`teacher ${id} at ${shown} returned no choices`);
    return choices.map((c) => ({ text: c.message?.content ?? '' }));
  }
  return {
    id,
    parameters: null,
    local: null,
    async sample(prompts, o) {
      const out: TeacherSample[][] = [];
      for (const p of prompts) {
        o.signal?.throwIfAborted();
        out.push(await complete(p, o));
      }
      return out;
    },
  };
}
