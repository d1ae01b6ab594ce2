import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Checkpoint, tarOf, tinyCheckpoint } from './support/checkpoint.ts';
import { cli, client, removeDir, startServer, type TestServer, tempDir } from './support/harness.ts';

// One server, keys made before it starts (PGlite belongs to one process at a time): acme may write
// models, reader may only read them, other is another tenant. Imports are capped at 8 MiB, and
// source_url may reach 127.0.0.1 only.
const MAX_IMPORT = 8 * 1024 * 1024;
let server: TestServer;
let work: string;
let ckpt: Checkpoint;
let files: Record<string, Buffer>;
let gguf: Buffer;
let origin: Server;
let originUrl: string;
const keys: Record<string, string> = {};

// biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
async function send(key: string, form: FormData | string, path = '/v1/models', headers = {}): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      ...(typeof form === 'string' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

function folderForm(parts: Record<string, Buffer>, name?: string): FormData {
  const form = new FormData();
  if (name) form.append('name', name);
  for (const [path, body] of Object.entries(parts))
    form.append('file', new File([new Uint8Array(body)], path));
  return form;
}

function oneFile(body: Buffer, filename: string): FormData {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(body)], filename));
  return form;
}

const modelsDir = (tenant: string) => join(server.dataDir, 'models', tenant);
const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

async function importedIds(key: string): Promise<string[]> {
  const list = await client(server.url, key)('GET', '/v1/models');
  return list.json.data
    .filter((m: { kind: string }) => m.kind === 'imported')
    .map((m: { id: string }) => m.id);
}

/** Nothing of a refused import is left: no model folder, no temporary folder, no row. */
async function expectNothingStored(): Promise<void> {
  expect(listing(modelsDir('acme')).filter((f) => !stored.has(f))).toEqual([]);
  expect(listing(join(server.dataDir, 'tmp', 'imports'))).toEqual([]);
  expect((await importedIds(keys.acme as string)).filter((id) => !stored.has(id.slice(6)))).toEqual([]);
}
/** Models a test imported and keeps (their folders are expected in the models dir). */
const stored = new Set<string>();

beforeAll(async () => {
  work = tempDir('distillery-import-');
  ckpt = await tinyCheckpoint(work);
  files = {};
  for (const f of readdirSync(ckpt.hfDir)) files[f] = await readFile(join(ckpt.hfDir, f));
  gguf = await readFile(ckpt.gguf);
  origin = createServer((req, res) => {
    if (req.url === '/tiny.gguf') res.end(gguf);
    else if (req.url === '/redirect') res.writeHead(302, { location: '/tiny.gguf' }).end();
    else if (req.url === '/page.html') res.end('<html>not a model</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;

  const dataDir = tempDir();
  const make = (name: string, args: string[]) => {
    const r = cli(['keys', 'create', '--data-dir', dataDir, ...args]);
    expect(r.status, r.stderr).toBe(0);
    keys[name] = JSON.parse(r.stdout).key;
  };
  make('acme', ['--tenant', 'acme']);
  make('reader', ['--tenant', 'acme', '--scopes', 'models:read']);
  make('other', ['--tenant', 'other']);
  server = await startServer({
    dataDir,
    env: { DISTILLERY_MAX_IMPORT_BYTES: String(MAX_IMPORT), DISTILLERY_IMPORT_HOSTS: '127.0.0.1' },
  });
});

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
  origin?.close();
  if (work) removeDir(work);
});

describe('POST /v1/models', () => {
  it('imports a Hugging Face folder sent as one part per file, usable as local/<id>', async () => {
    const config = JSON.parse(files['config.json']?.toString() ?? '{}');
    const r = await send(keys.acme as string, folderForm(files, 'tiny-llama'));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const m = r.json;
    expect(m).toMatchObject({
      object: 'model',
      kind: 'imported',
      owned_by: 'acme',
      name: 'tiny-llama',
      context_length: config.max_position_embeddings,
      vocab_size: config.vocab_size,
      tokenizer_type: 'byte-level-bpe',
      source: { type: 'upload', format: 'safetensors' },
      architecture: {
        name: config.architectures[0],
        n_layers: config.num_hidden_layers,
        d_model: config.hidden_size,
        vocab_size: config.vocab_size,
      },
    });
    expect(m.id).toMatch(/^local\/mdl_[a-z0-9]+$/);
    expect(m.parameters).toBeGreaterThan(0);
    expect(['F32', 'F16', 'BF16']).toContain(m.dtype);
    expect(typeof m.chat_template).toBe('boolean');
    const name = m.id.slice('local/'.length);
    stored.add(name);
    // Stored where the engine resolves local/<id>: <data dir>/models/<tenant>/<id>.
    expect(existsSync(join(modelsDir('acme'), name, 'model.json'))).toBe(true);
    const api = client(server.url, keys.acme);
    expect((await api('GET', '/v1/models')).json.data.find((x: { id: string }) => x.id === m.id)).toEqual(m);
    expect((await api('GET', `/v1/models/${encodeURIComponent(m.id)}`)).json).toEqual(m);
    // A job may name it as its teacher: the estimate resolves it instead of answering "no model".
    const estimate = await api('POST', '/v1/distillation/estimate', {
      config: { teacher_model: m.id, student_model: 'distillery-pico', prompts: ['Subject: hello'] },
    });
    expect(estimate.status, JSON.stringify(estimate.json)).toBe(200);
    expect(listing(join(server.dataDir, 'tmp', 'imports'))).toEqual([]);
  });

  it('imports a tar.gz of the folder and a plain tar with a top folder, recognised by content', async () => {
    const entries = Object.entries(files);
    const tgz = gzipSync(tarOf(entries.map(([n, body]) => ({ name: n, body }))));
    const a = await send(keys.acme as string, oneFile(tgz, 'upload.bin'));
    if (a.status === 201) stored.add(a.json.id.slice(6));
    expect(a.status, JSON.stringify(a.json)).toBe(201);
    expect(a.json.source).toEqual({ type: 'upload', format: 'safetensors' });
    stored.add(a.json.id.slice(6));
    const tar = tarOf([
      { name: 'smollm/', type: '5' },
      ...entries.map(([n, body]) => ({ name: `./smollm/${n}`, body })),
    ]);
    const b = await send(keys.acme as string, oneFile(tar, 'smollm.tar'));
    if (b.status === 201) stored.add(b.json.id.slice(6));
    expect(b.status, JSON.stringify(b.json)).toBe(201);
    expect(b.json.name).toBe('smollm');
    stored.add(b.json.id.slice(6));
  });

  it('imports a GGUF file, reporting its file type', async () => {
    const r = await send(keys.acme as string, oneFile(gguf, 'tiny-llama-f16.gguf'));
    if (r.status === 201) stored.add(r.json.id.slice(6));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({
      kind: 'imported',
      name: 'tiny-llama-f16',
      source: { type: 'upload', format: 'gguf' },
      tokenizer_type: 'byte-level-bpe',
    });
    expect(r.json.dtype).toMatch(/^(F16|F32|BF16|Q\w+)$/);
    stored.add(r.json.id.slice(6));
  });

  it('imports a quantized GGUF of a SentencePiece-style model', async () => {
    const r = await send(keys.acme as string, oneFile(await readFile(ckpt.sentencepieceGguf), 'sp.gguf'));
    if (r.status === 201) stored.add(r.json.id.slice(6));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({
      dtype: 'Q8_0',
      tokenizer_type: 'sentencepiece-bpe',
      source: { format: 'gguf' },
    });
  });

  it('replays an import under the same Idempotency-Key and refuses other files under it', async () => {
    const key = { 'Idempotency-Key': 'import-once' };
    const first = await send(keys.acme as string, oneFile(gguf, 'again.gguf'), '/v1/models', key);
    if (first.status === 201) stored.add(first.json.id.slice(6));
    expect(first.status).toBe(201);
    stored.add(first.json.id.slice(6));
    const again = await send(keys.acme as string, oneFile(gguf, 'again.gguf'), '/v1/models', key);
    expect(again.json.id, JSON.stringify(again.json)).toBe(first.json.id);
    const other = await send(keys.acme as string, folderForm(files), '/v1/models', key);
    expect(other.status).toBe(409);
    await expectNothingStored();
  });

  it('fetches a source_url from an allowed host, following a redirect', async () => {
    const r = await send(keys.acme as string, JSON.stringify({ source_url: `${originUrl}/redirect` }));
    if (r.status === 201) stored.add(r.json.id.slice(6));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.source).toEqual({ type: 'url', url: `${originUrl}/redirect`, format: 'gguf' });
    expect(r.json.name).toBe('tiny');
    stored.add(r.json.id.slice(6));
  });

  it('refuses a source_url on a host the operator does not list, or that serves no model', async () => {
    const port = (origin.address() as AddressInfo).port;
    const refused = await send(
      keys.acme as string,
      JSON.stringify({ source_url: `http://localhost:${port}/tiny.gguf` }),
    );
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'invalid_request', param: 'source_url' });
    expect(refused.json.error.message).toContain('DISTILLERY_IMPORT_HOSTS');
    for (const path of ['/page.html', '/missing']) {
      const r = await send(keys.acme as string, JSON.stringify({ source_url: `${originUrl}${path}` }));
      expect(r.status).toBe(400);
      expect(r.json.error.param).toBe('source_url');
    }
    const ftp = await send(keys.acme as string, JSON.stringify({ source_url: 'ftp://127.0.0.1/x.gguf' }));
    expect(ftp.json.error).toMatchObject({ param: 'source_url' });
    await expectNothingStored();
  });
});

describe('bad uploads are 400s that name the problem and store nothing', () => {
  const withFile = (name: string, body: Buffer) => ({ ...files, [name]: body });

  async function expectRefused(form: FormData, named: RegExp) {
    const r = await send(keys.acme as string, form);
    expect(r.status, JSON.stringify(r.json)).toBe(400);
    expect(r.json.error.code).toBe('invalid_request');
    expect(r.json.error.message).toMatch(named);
    await expectNothingStored();
    return r.json.error;
  }

  it('a truncated safetensors file', async () => {
    const st = files['model.safetensors'] as Buffer;
    await expectRefused(
      folderForm(withFile('model.safetensors', st.subarray(0, st.length - 1000))),
      /model\.safetensors/,
    );
  });

  it('a safetensors header that lies about the tensor sizes', async () => {
    const st = files['model.safetensors'] as Buffer;
    const n = Number(st.readBigUInt64LE(0));
    const header = JSON.parse(st.subarray(8, 8 + n).toString());
    const name = Object.keys(header).find((k) => k !== '__metadata__') as string;
    header[name].shape = header[name].shape.map((d: number) => d * 2);
    const text = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(text.length));
    const lying = Buffer.concat([len, text, st.subarray(8 + n)]);
    await expectRefused(folderForm(withFile('model.safetensors', lying)), /model\.safetensors|shape|size/i);
  });

  it('a config of another architecture', async () => {
    const config = JSON.parse(files['config.json']?.toString() ?? '{}');
    const gpt2 = { ...config, model_type: 'gpt2', architectures: ['GPT2LMHeadModel'] };
    await expectRefused(
      folderForm(withFile('config.json', Buffer.from(JSON.stringify(gpt2)))),
      /config\.json|gpt2|GPT2/,
    );
  });

  it('a tokenizer.json of an unsupported model type', async () => {
    const tok = JSON.parse(files['tokenizer.json']?.toString() ?? '{}');
    tok.model = { ...tok.model, type: 'WordPiece' };
    await expectRefused(
      folderForm(withFile('tokenizer.json', Buffer.from(JSON.stringify(tok)))),
      /tokenizer\.json|WordPiece/,
    );
  });

  it('a tar with a path-traversing member, a link or an absolute path', async () => {
    const ok = Object.entries(files).map(([n, body]) => ({ name: n, body }));
    const e1 = await expectRefused(
      oneFile(tarOf([...ok, { name: '../evil', body: 'x' }]), 'm.tar'),
      /\.\.\/evil/,
    );
    expect(e1.param).toBe('file');
    await expectRefused(
      oneFile(tarOf([{ name: 'config.json', type: '2' }, ...ok]), 'm.tar'),
      /config\.json.*link/,
    );
    await expectRefused(
      oneFile(gzipSync(tarOf([{ name: '/etc/evil', body: 'x' }])), 'm.tgz'),
      /\/etc\/evil.*absolute/,
    );
    // Parts are checked the same way as archive members.
    await expectRefused(folderForm({ ...files, '../evil': Buffer.from('x') }), /\.\.\/evil/);
  });

  it('a multipart body without files, or with other fields', async () => {
    const empty = new FormData();
    empty.append('name', 'nothing');
    await expectRefused(empty, /file part/);
    const extra = folderForm(files);
    extra.append('colour', 'red');
    await expectRefused(extra, /colour/);
  });
});

describe('limits, scopes and tenants', () => {
  it('answers 413 past DISTILLERY_MAX_IMPORT_BYTES, for a body and for an archive that unpacks past it', async () => {
    const big = await send(keys.acme as string, oneFile(Buffer.alloc(MAX_IMPORT + 1024, 7), 'huge.gguf'));
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ code: 'payload_too_large', details: { max_bytes: MAX_IMPORT } });
    // Streamed without a Content-Length: metered as it arrives.
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const streamed = await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.acme}`, 'content-type': 'multipart/form-data; boundary=x' },
      body: new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0)
            controller.enqueue(
              new TextEncoder().encode(
                '--x\r\nContent-Disposition: form-data; name="file"; filename="a.gguf"\r\n\r\n',
              ),
            );
          if (sent > MAX_IMPORT) controller.close();
          else controller.enqueue(chunk);
          sent += chunk.length;
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const bomb = gzipSync(
      tarOf([
        ...Object.entries(files).map(([name, body]) => ({ name, body })),
        { name: 'zeros.bin', body: Buffer.alloc(MAX_IMPORT + 1) },
      ]),
    );
    expect(bomb.length).toBeLessThan(MAX_IMPORT);
    const unpacked = await send(keys.acme as string, oneFile(bomb, 'bomb.tar.gz'));
    expect(unpacked.status).toBe(413);
    await expectNothingStored();
    const config = await client(server.url, keys.acme)('GET', '/v1/config');
    expect(config.json.limits.max_import_bytes).toBe(MAX_IMPORT);
  });

  it('needs models:write to import or delete', async () => {
    const r = await send(keys.reader as string, oneFile(gguf, 'x.gguf'));
    expect(r.status).toBe(403);
    expect(r.json.error.details).toEqual({ required_scope: 'models:write' });
    const [id] = await importedIds(keys.reader as string);
    const del = await client(server.url, keys.reader)(
      'DELETE',
      `/v1/models/${encodeURIComponent(id as string)}`,
    );
    expect(del.status).toBe(403);
    await expectNothingStored();
  });

  it("keeps a tenant's models from another tenant (404, never 403)", async () => {
    const [id] = await importedIds(keys.acme as string);
    expect(await importedIds(keys.other as string)).toEqual([]);
    const other = client(server.url, keys.other);
    expect((await other('GET', `/v1/models/${encodeURIComponent(id as string)}`)).status).toBe(404);
    expect((await other('DELETE', `/v1/models/${encodeURIComponent(id as string)}`)).status).toBe(404);
    expect(existsSync(join(modelsDir('acme'), (id as string).slice(6)))).toBe(true);
  });
});

describe('distillery models import / delete', () => {
  it('imports a folder and a GGUF from disk, lists and deletes them; a bad path is named', () => {
    const env = { DISTILLERY_API_KEY: keys.acme as string };
    const url = ['--url', server.url];
    const folder = cli(['models', 'import', ckpt.hfDir, ...url, '--name', 'from-cli'], env);
    expect(folder.status, folder.stderr).toBe(0);
    const model = JSON.parse(folder.stdout);
    expect(model).toMatchObject({ kind: 'imported', name: 'from-cli', source: { type: 'upload' } });
    stored.add(model.id.slice(6));
    const file = cli(['models', 'import', ckpt.gguf, ...url], env);
    expect(file.status, file.stderr).toBe(0);
    const fromGguf = JSON.parse(file.stdout);
    stored.add(fromGguf.id.slice(6));
    expect(fromGguf.source.format).toBe('gguf');
    const list = cli(['models', 'list', ...url], env);
    expect(list.stdout).toContain(`${model.id}\timported`);
    for (const id of [model.id, fromGguf.id]) {
      const deleted = cli(['models', 'delete', id, ...url], env);
      expect(deleted.status, deleted.stderr).toBe(0);
      stored.delete(id.slice(6));
    }
    expect(cli(['models', 'list', ...url], env).stdout).not.toContain(model.id);
    const missing = cli(['models', 'import', join(work, 'no-such-model'), ...url], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(join(work, 'no-such-model'));
    const bad = cli(['models', 'import', ckpt.hfDir, ...url, '--name', ''], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--name');
  });
});

describe('DELETE /v1/models/{model_id}', () => {
  it('removes an imported model, its row and its folder; refuses presets', async () => {
    const api = client(server.url, keys.acme);
    const ids = await importedIds(keys.acme as string);
    for (const [i, id] of ids.entries()) {
      // By its listed id, or without the local/ prefix.
      const path = i === 0 ? id.slice(6) : encodeURIComponent(id);
      const r = await api('DELETE', `/v1/models/${path}`);
      expect(r.status, r.text).toBe(204);
      stored.delete(id.slice(6));
      expect(existsSync(join(modelsDir('acme'), id.slice(6)))).toBe(false);
      expect((await api('GET', `/v1/models/${encodeURIComponent(id)}`)).status).toBe(404);
    }
    expect(await importedIds(keys.acme as string)).toEqual([]);
    expect(listing(modelsDir('acme'))).toEqual([]);
    expect((await api('DELETE', '/v1/models/local%2Fmdl_unknown')).json.error.code).toBe('model_not_found');
    const preset = await api('DELETE', '/v1/models/distillery-micro');
    expect(preset.status).toBe(400);
    expect(preset.json.error).toMatchObject({ code: 'invalid_request', param: 'model_id' });
  });
});
