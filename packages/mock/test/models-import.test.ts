import { describe, expect, it } from 'vitest';
import { api, apiJson, useMockServer } from './support/harness';

const server = useMockServer({ importHosts: ['models.example.com'], maxImportBytes: 1024 * 1024 });

type Model = Record<string, unknown> & { id: string; kind: string; name?: string };
type ErrorBody = { error: { code: string; message: string; param?: string } };

const config = {
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  vocab_size: 49152,
  hidden_size: 576,
  num_hidden_layers: 30,
  num_attention_heads: 9,
  num_key_value_heads: 3,
  intermediate_size: 1536,
  max_position_embeddings: 8192,
  tie_word_embeddings: true,
  torch_dtype: 'bfloat16',
};
const tokenizer = { model: { type: 'BPE', vocab: {}, merges: [] }, pre_tokenizer: { type: 'ByteLevel' } };

function folder(overrides: Record<string, unknown> = {}, prefix = ''): FormData {
  const files: Record<string, string> = {
    'config.json': JSON.stringify({ ...config, ...(overrides.config as object) }),
    'model.safetensors': 'weights',
    'tokenizer.json': JSON.stringify(overrides.tokenizer ?? tokenizer),
    'tokenizer_config.json': JSON.stringify({ chat_template: '{{ messages }}' }),
  };
  const form = new FormData();
  for (const [path, text] of Object.entries(files)) form.append('file', new Blob([text]), `${prefix}${path}`);
  return form;
}

const post = (body: FormData | string, headers: HeadersInit = {}) =>
  apiJson<Model & ErrorBody>('/v1/models', {
    method: 'POST',
    body,
    headers: typeof body === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
  });

describe('POST /v1/models (simulated)', () => {
  it('imports a Hugging Face folder as the server reports it, lists it and deletes it', async () => {
    const { status, body } = await post(folder({}, 'smollm2/'));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      object: 'model',
      kind: 'imported',
      owned_by: 'default',
      name: 'smollm2',
      context_length: 8192,
      dtype: 'BF16',
      vocab_size: 49152,
      tokenizer_type: 'byte-level-bpe',
      chat_template: true,
      source: { type: 'upload', format: 'safetensors' },
      architecture: { name: 'LlamaForCausalLM', n_layers: 30, d_model: 576, vocab_size: 49152 },
    });
    expect(body.id).toMatch(/^local\/mdl_/);
    expect(body.parameters).toBeGreaterThan(100_000_000);
    const list = await apiJson<{ data: Model[] }>('/v1/models');
    expect(list.body.data.at(-1)).toEqual(body);
    expect((await apiJson<Model>(`/v1/models/${encodeURIComponent(body.id)}`)).body).toEqual(body);
    expect((await api(`/v1/models/${encodeURIComponent(body.id)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/v1/models/${encodeURIComponent(body.id)}`)).status).toBe(404);
    expect((await api('/v1/models/distillery-micro', { method: 'DELETE' })).status).toBe(400);
  });

  it('takes one GGUF or archive part, recognised by its content', async () => {
    const gguf = new FormData();
    gguf.append('file', new Blob(['GGUF\x03\x00\x00\x00']), 'TinyLlama-1.1B-Chat-Q4_K_M.gguf');
    const a = await post(gguf);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      name: 'TinyLlama-1.1B-Chat-Q4_K_M',
      dtype: 'Q4_K',
      source: { format: 'gguf' },
    });
    const tgz = new FormData();
    tgz.append('file', new Blob([new Uint8Array([0x1f, 0x8b, 8, 0])]), 'smollm2.tar.gz');
    expect((await post(tgz)).body).toMatchObject({ name: 'smollm2', source: { format: 'safetensors' } });
  });

  it('answers 400s naming the file for what the server refuses', async () => {
    const cases: Array<[FormData, RegExp]> = [
      [folder({ config: { model_type: 'gpt2' } }), /config\.json: model_type "gpt2"/],
      [folder({ tokenizer: { model: { type: 'WordPiece' } } }), /tokenizer\.json: model type "WordPiece"/],
      [folder({}, '../'), /\.\.\/config\.json: a path outside the folder/],
    ];
    const missing = new FormData();
    missing.append('file', new Blob(['{}']), 'config.json');
    cases.push([missing, /model\.safetensors is missing/]);
    for (const [form, message] of cases) {
      const { status, body } = await post(form);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_request', param: 'file' });
      expect(body.error.message).toMatch(message);
    }
    expect(
      (await apiJson<{ data: Model[] }>('/v1/models')).body.data.some((m) => m.kind === 'imported'),
    ).toBe(false);
  });

  it('accepts a source_url only on an allowed host', async () => {
    const ok = await post(JSON.stringify({ source_url: 'https://models.example.com/tiny-q8_0.gguf' }));
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      name: 'tiny-q8_0',
      dtype: 'Q8_0',
      source: { type: 'url', url: 'https://models.example.com/tiny-q8_0.gguf', format: 'gguf' },
    });
    const refused = await post(JSON.stringify({ source_url: 'https://evil.example.org/x.gguf' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ param: 'source_url' });
    expect(refused.body.error.message).toContain('importHosts');
  });

  it('replays under an Idempotency-Key, answers 413 past maxImportBytes and needs models:write', async () => {
    const key = { 'idempotency-key': 'same' };
    const first = await post(folder(), key);
    const again = await post(folder(), key);
    expect(again.body.id).toBe(first.body.id);
    const big = new FormData();
    big.append('file', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'big.gguf');
    const tooLarge = await post(big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('payload_too_large');

    const created = await apiJson<{ key: string }>('/v1/keys', {
      method: 'POST',
      json: { tenant_id: 'acme', scopes: ['models:read'] },
    });
    const reader = { authorization: `Bearer ${created.body.key}` };
    const forbidden = await post(folder(), reader);
    expect(forbidden.status).toBe(403);
    // Another tenant does not see the default tenant's model.
    const { body } = await apiJson<{ data: Model[] }>('/v1/models', { headers: reader });
    expect(body.data.some((m) => m.id === first.body.id)).toBe(false);
    expect(server.mock).toBeDefined();
  });
});
