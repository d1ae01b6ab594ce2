import { describe, expect, it } from 'vitest';
import { WasmCpuBackend } from '../backends/cpu/wasm-cpu-backend.ts';
import { createWebGpuBackend } from '../backends/webgpu/select.ts';
import { generate } from '../model/generate.ts';
import type { LlamaModel } from '../model/model.ts';
import { Rng } from '../util/rng.ts';
import { corpusModel, testConfig, testModel, testTokenizer } from './__fixtures__/model.ts';
import { BatchDecoder, type SequenceResult, type TokenEvent } from './batch-decoder.ts';
import type { SamplingParams } from './sampling.ts';

const tokenizer = testTokenizer();
const config = testConfig(tokenizer.vocabSize);
const model = await testModel(config);

const greedy: SamplingParams = {
  maxTokens: 12,
  temperature: 0,
  topP: 1,
  stopTokenIds: [],
  stop: [],
  topLogprobs: 0,
};
const sampled: SamplingParams = { ...greedy, maxTokens: 16, temperature: 0.9, topP: 0.95 };

function prompt(length: number, seed: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length }, () => rng.int(config.vocabSize));
}
const prompts = [prompt(3, 1), prompt(11, 2), prompt(6, 3), prompt(1, 4)];

/** Runs each prompt with its params on a fresh decoder, all queued at once; events by sequence. */
async function run(
  items: { prompt: number[]; params: SamplingParams }[],
  maxBatch: number,
  m: LlamaModel = model,
): Promise<{ results: SequenceResult[]; events: TokenEvent[][]; decoder: BatchDecoder }> {
  const decoder = new BatchDecoder(m, tokenizer, { maxBatch });
  const events = items.map((): TokenEvent[] => []);
  const results = await Promise.all(
    items.map((it, i) => decoder.generate(it.prompt, it.params, { onToken: (e) => events[i]!.push(e) })),
  );
  decoder.close();
  return { results, events, decoder };
}

const alone = (p: number[], params: SamplingParams, m: LlamaModel = model) =>
  run([{ prompt: p, params }], 1, m);

describe('BatchDecoder', () => {
  it('decodes prompts of different lengths together exactly as each alone, and as the lock-step generate()', async () => {
    const params = { ...greedy, topLogprobs: 3 };
    const together = await run(
      prompts.map((p) => ({ prompt: p, params })),
      4,
    );
    expect(together.decoder.stats.maxBatchSize).toBe(4);
    for (const [i, p] of prompts.entries()) {
      const one = await alone(p, params);
      expect(together.results[i]).toEqual(one.results[0]);
      // The log-probabilities are the logits up to a shift: the same to the bit on this backend.
      expect(together.events[i]).toEqual(one.events[0]);
      const [lockStep] = await generate(model, [p], {
        maxNewTokens: params.maxTokens,
        temperature: 0,
        rng: new Rng(0),
      });
      expect(together.results[i]!.tokens).toEqual(lockStep!.tokens);
      expect(together.results[i]).toMatchObject({
        finishReason: 'length',
        promptTokens: p.length,
        completionTokens: 12,
      });
    }
  });

  it('gives the logits of the lock-step KV cache for rows at their own positions (TypeScript and WebAssembly kernels)', async () => {
    const wasm = WasmCpuBackend.create({ threads: 2 });
    const backends: [string, LlamaModel][] = [['cpu', model]];
    if (wasm) {
      const m = await testModel(config, wasm);
      m.setWeights(await model.getWeights());
      backends.push(['wasm', m]);
    }
    for (const [name, m] of backends) {
      const V = config.vocabSize;
      // Reference: each sequence alone through the lock-step cache, one token at a time after its prompt.
      const seqs = [prompt(9, 5), prompt(4, 6), prompt(14, 7)];
      const expected: Float32Array[][] = [];
      for (const seq of seqs) {
        const state = m.createInferenceState(1, 16, 16);
        const rows = [await m.decode(state, Int32Array.from(seq.slice(0, 3)), 3, 0)];
        for (let pos = 3; pos < seq.length; pos++)
          rows.push(await m.decode(state, Int32Array.from([seq[pos]!]), 1, pos));
        m.freeInferenceState(state);
        expected.push(rows);
      }
      // Rows: the three prompts' first 3 tokens in one call (slots out of order), then one row per
      // sequence per call while it has tokens, so the calls mix sequences at different positions.
      const cache = m.createSlotCache(4, 16, 16);
      const slotOf = [2, 0, 3];
      const first = seqs.flatMap((s, i) => s.slice(0, 3).map((t, pos) => [t, slotOf[i]!, pos]));
      const logits = await m.decodeRows(cache, columns(first), [2, 5, 8]);
      for (const i of seqs.keys()) expectClose(logits.subarray(i * V, (i + 1) * V), expected[i]![0]!, name);
      for (let pos = 3; pos < 14; pos++) {
        const live = seqs.flatMap((s, i) => (pos < s.length ? [i] : []));
        const step = await m.decodeRows(
          cache,
          columns(live.map((i) => [seqs[i]![pos]!, slotOf[i]!, pos])),
          live.map((_, r) => r),
        );
        for (const [r, i] of live.entries())
          expectClose(step.subarray(r * V, (r + 1) * V), expected[i]![pos - 2]!, `${name} pos ${pos}`);
      }
      m.freeSlotCache(cache);
    }
    wasm?.destroy();
  });

  it('decodes a batch on the WebGPU backend (its WGSL kernels) as on the CPU', async () => {
    const backend = await createWebGpuBackend({ allowSoftwareAdapter: true });
    const gpuModel = await testModel(config, backend);
    try {
      gpuModel.setWeights(await model.getWeights());
      const items = prompts.map((p) => ({ prompt: p, params: { ...greedy, maxTokens: 6, topLogprobs: 2 } }));
      const cpu = await run(items, 4);
      const gpu = await run(items, 4, gpuModel);
      expect(gpu.results).toEqual(cpu.results);
      for (const [i, events] of gpu.events.entries())
        for (const [j, e] of events.entries()) expect(e.logprob).toBeCloseTo(cpu.events[i]![j]!.logprob!, 3);
    } finally {
      gpuModel.destroy();
      backend.destroy();
    }
  });

  it('with a seed, samples the same tokens whatever else is in the batch and in whatever order', async () => {
    const mine = { prompt: prompts[1]!, params: { ...sampled, seed: 42 } };
    const reference = (await alone(mine.prompt, mine.params)).results[0]!;
    const others = [
      { prompt: prompts[0]!, params: { ...sampled, seed: 7 } },
      { prompt: prompts[2]!, params: { ...sampled, seed: 8, temperature: 1.3 } },
      { prompt: prompts[3]!, params: sampled },
    ];
    const first = await run([mine, ...others], 4);
    const last = await run([...others, mine], 4);
    const crowded = await run([...others, mine], 2);
    expect(first.results[0]).toEqual(reference);
    expect(last.results[3]).toEqual(reference);
    expect(crowded.results[3]).toEqual(reference);
    // Sampling is really at work: another seed draws other tokens.
    const other = (await alone(mine.prompt, { ...mine.params, seed: 43 })).results[0]!;
    expect(other.tokens).not.toEqual(reference.tokens);
  });

  it('admits a sequence mid-way, and frees an aborted one’s slot for the queue at the next step', async () => {
    const params = { ...greedy, maxTokens: 10 };
    const expected = await Promise.all(prompts.map(async (p) => (await alone(p, params)).results[0]!));
    const decoder = new BatchDecoder(model, tokenizer, { maxBatch: 2 });
    const controller = new AbortController();
    const firstToken = new Map<string, string>();
    const note = (name: string) => () => {
      if (!firstToken.has(name))
        firstToken.set(name, `${decoder.stats.activeSequences}/${decoder.stats.queued}`);
    };
    let joined: Promise<SequenceResult> | undefined;
    let abortedTokens = 0;
    // A and B take both slots; C waits. B is aborted after 2 tokens, so C gets its slot at step 3,
    // when D arrives too and waits for A to finish (step 10), then runs beside C (to step 12) and on alone.
    const a = decoder.generate(prompts[0]!, params, {
      onToken: () => {
        if (decoder.stats.steps === 3) joined = decoder.generate(prompts[3]!, params, { onToken: note('D') });
      },
    });
    const b = decoder.generate(prompts[1]!, params, {
      signal: controller.signal,
      onToken: () => {
        abortedTokens += 1;
        if (abortedTokens === 2) controller.abort();
      },
    });
    const c = decoder.generate(prompts[2]!, params, { onToken: note('C') });
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(abortedTokens).toBe(2);
    expect(await a).toEqual(expected[0]);
    expect(await c).toEqual(expected[2]);
    expect(joined).toBeDefined();
    expect(await joined).toEqual(expected[3]);
    expect(Object.fromEntries(firstToken)).toEqual({ C: '2/1', D: '2/0' });
    expect(decoder.stats).toMatchObject({
      activeSequences: 0,
      queued: 0,
      lastBatchSize: 1,
      maxBatchSize: 2,
      steps: 20,
      generatedTokens: 10 + 2 + 10 + 10,
    });
    decoder.close();
  });

  it('rejects a prompt longer than the context at once, aborted and closed sequences with errors', async () => {
    const decoder = new BatchDecoder(model, tokenizer, { maxBatch: 2, maxContext: 20 });
    await expect(decoder.generate(prompt(21, 9), greedy)).rejects.toThrow(
      'the prompt of 21 tokens is longer than the context of 20 tokens',
    );
    await expect(
      decoder.generate(prompts[0]!, greedy, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    // A queued sequence aborted before it gets a slot leaves the queue at once.
    const controller = new AbortController();
    const running = [decoder.generate(prompts[0]!, greedy), decoder.generate(prompts[1]!, greedy)];
    const queued = decoder.generate(prompts[2]!, greedy, { signal: controller.signal });
    expect(decoder.stats.queued).toBe(3);
    controller.abort();
    expect(decoder.stats.queued).toBe(2);
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    // The context bounds a sequence: 17 prompt tokens leave room for 3 more after the first.
    const full = await decoder.generate(prompt(17, 10), { ...greedy, maxTokens: 30 });
    expect(full).toMatchObject({ finishReason: 'length', completionTokens: 4 });
    await Promise.all(running);
    const late = decoder.generate(prompts[0]!, greedy);
    decoder.close();
    await expect(late).rejects.toThrow('closed');
    await expect(decoder.generate(prompts[0]!, greedy)).rejects.toThrow('closed');
  });

  it('stops at a stop token or a stop string split across tokens, else at maxTokens', async () => {
    // A model that writes words, so that tokens carry several characters.
    const writer = await corpusModel(tokenizer, config);
    const start = [tokenizer.bos, ...tokenizer.encode('the quick')];
    const params = { ...greedy, maxTokens: 20 };
    const free = (await alone(start, params, writer)).results[0]!;
    expect(free.text).toBe(tokenizer.decode(free.tokens));
    expect(free.finishReason).toBe('length');

    const stopToken = free.tokens[6]!;
    const byToken = await alone(start, { ...params, stopTokenIds: [stopToken] }, writer);
    const at = free.tokens.indexOf(stopToken);
    expect(byToken.results[0]).toMatchObject({
      tokens: free.tokens.slice(0, at),
      text: tokenizer.decode(free.tokens.slice(0, at)),
      finishReason: 'stop',
      completionTokens: at + 1,
    });
    expect(byToken.events[0]!.at(-1)!.token).toBe(stopToken);

    // A stop string that starts inside one token's text and ends inside the next one's.
    const upTo = free.tokens.map((_, i) => tokenizer.decode(free.tokens.slice(0, i + 1)).length);
    const k = upTo.findIndex(
      (end, i) =>
        i > 1 &&
        end - upTo[i - 1]! >= 2 &&
        upTo[i + 1]! > end &&
        free.text.indexOf(free.text.slice(end - 1, end + 1)) === end - 1,
    );
    expect(k).toBeGreaterThan(0);
    const stop = free.text.slice(upTo[k]! - 1, upTo[k]! + 1);
    const byString = await alone(start, { ...params, stop: ['never there', stop] }, writer);
    expect(byString.results[0]).toMatchObject({
      tokens: free.tokens.slice(0, k + 2),
      text: free.text.slice(0, upTo[k]! - 1),
      finishReason: 'stop',
    });
    const events = byString.events[0]!;
    expect(events).toHaveLength(k + 2);
    // Token k's last character was held back as the start of the stop string, then dropped with it.
    expect(
      events
        .slice(0, k + 1)
        .map((e) => e.text)
        .join(''),
    ).toBe(free.text.slice(0, upTo[k]! - 1));
    expect(events[k + 1]!.text).toBe('');
  });
});

function columns(rows: number[][]): { tokens: Int32Array; slots: Int32Array; positions: Int32Array } {
  return {
    tokens: Int32Array.from(rows, (r) => r[0]!),
    slots: Int32Array.from(rows, (r) => r[1]!),
    positions: Int32Array.from(rows, (r) => r[2]!),
  };
}

function expectClose(got: Float32Array, want: Float32Array, where: string): void {
  expect(got.length).toBe(want.length);
  // Relative to the row's largest logit: a logit near zero carries the rounding of the large ones.
  const scale = want.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  for (let i = 0; i < want.length; i++) {
    const tol = 1e-5 * scale;
    if (!(Math.abs(got[i]! - want[i]!) <= tol)) expect.fail(`${where}: logit ${i}: ${got[i]} vs ${want[i]}`);
  }
}
