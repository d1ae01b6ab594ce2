import { generate } from '../model/generate.ts';
import type { LlamaModel } from '../model/model.ts';
import type { BpeTokenizer } from '../tokenizer/bpe-tokenizer.ts';
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
  tokenizer: BpeTokenizer;
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

/** Any OpenAI-compatible `/chat/completions` endpoint: text only, so sequence-level distillation. */
export function openAiTeacher(model: string, options: OpenAiTeacherOptions): Teacher {
  const base = options.baseUrl.replace(/\/+$/, '');
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
      throw new Error(`teacher ${id} unreachable at ${base}: ${why}`);
    }
    if (!res.ok) {
      const body = (await res.text().catch(() => '')).slice(0, 300);
      throw new Error(`teacher ${id} at ${base} answered HTTP ${res.status}: ${body}`);
    }
    const json = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const choices = json.choices ?? [];
    if (choices.length === 0) throw new Error(`teacher ${id} at ${base} returned no choices`);
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
