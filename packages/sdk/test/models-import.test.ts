import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { BadRequestError, DistilleryError, type Model } from '../src/index.js';
import { BASE_URL, errorBody } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const imported: Model = {
  id: 'local/mdl_7k2m9x4q1c8v',
  object: 'model',
  created: 1776603000,
  owned_by: 'default',
  kind: 'imported',
  name: 'smollm2',
  parameters: 134515008,
  context_length: 8192,
  dtype: 'BF16',
  vocab_size: 49152,
  tokenizer_type: 'byte-level-bpe',
  chat_template: true,
  source: { type: 'upload', format: 'safetensors' },
  source_job_id: null,
};

interface Received {
  type: string | null;
  key: string | null;
  name: string | null;
  files: Array<{ path: string; text: string }>;
  json?: unknown;
}

function captureImport(status = 201, body: unknown = imported) {
  const received: Received[] = [];
  server.use(
    http.post(`${BASE_URL}/v1/models`, async ({ request }) => {
      const type = request.headers.get('content-type');
      const key = request.headers.get('idempotency-key');
      if (type?.startsWith('application/json')) {
        received.push({ type, key, name: null, files: [], json: await request.json() });
      } else {
        const form = await request.formData();
        const files = await Promise.all(
          form.getAll('file').map(async (f) => ({ path: (f as File).name, text: await (f as File).text() })),
        );
        received.push({ type, key, name: form.get('name') as string | null, files });
      }
      return HttpResponse.json(body as object, { status });
    }),
  );
  return received;
}

describe('models.import', () => {
  it('sends a folder record as one multipart part per file, named by its path', async () => {
    const received = captureImport();
    const model = await testClient().models.import({
      files: { 'config.json': new Blob(['{}']), 'shards/model.safetensors': new Blob(['st']) },
      name: 'smollm2',
    });
    expect(model.id).toBe('local/mdl_7k2m9x4q1c8v');
    expect(received).toEqual([
      {
        type: expect.stringMatching(/^multipart\/form-data; boundary=/),
        key: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'smollm2',
        files: [
          { path: 'config.json', text: '{}' },
          { path: 'shards/model.safetensors', text: 'st' },
        ],
      },
    ]);
  });

  it('sends Files by name and one archive or GGUF as a single part, named after it', async () => {
    const received = captureImport();
    await testClient().models.import({
      files: [new File(['a'], 'config.json'), new File(['b'], 'tokenizer.json')],
    });
    await testClient().models.import({ archive: new File(['GGUF'], 'tiny-q8_0.gguf') });
    expect(received[0]?.files.map((f) => f.path)).toEqual(['config.json', 'tokenizer.json']);
    expect(received[1]).toMatchObject({
      name: 'tiny-q8_0',
      files: [{ path: 'tiny-q8_0.gguf', text: 'GGUF' }],
    });
  });

  it('reads a folder from disk, subfolders included and hidden files left out, named after it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'distillery-sdk-model-'));
    try {
      const folder = join(root, 'smollm2-135m');
      await mkdir(join(folder, 'sub'), { recursive: true });
      await writeFile(join(folder, 'config.json'), '{"model_type":"llama"}');
      await writeFile(join(folder, 'sub', 'extra.json'), 'x');
      await writeFile(join(folder, '.gitattributes'), 'lfs');
      const received = captureImport();
      await testClient().models.import({ path: folder });
      expect(received[0]).toMatchObject({
        name: 'smollm2-135m',
        files: [
          { path: 'config.json', text: '{"model_type":"llama"}' },
          { path: 'sub/extra.json', text: 'x' },
        ],
      });
      const gguf = join(root, 'tiny.gguf');
      await writeFile(gguf, 'GGUF');
      await testClient().models.import({ path: gguf, name: 'given' });
      expect(received[1]).toMatchObject({ name: 'given', files: [{ path: 'tiny.gguf', text: 'GGUF' }] });
    } finally {
      await rm(root, { recursive: true });
    }
  });

  it('sends source_url as JSON', async () => {
    const received = captureImport();
    await testClient().models.import({ source_url: 'https://models.example.com/tiny.gguf', name: 'tiny' });
    expect(received[0]?.json).toEqual({ source_url: 'https://models.example.com/tiny.gguf', name: 'tiny' });
  });

  it('takes exactly one source, and names a path it cannot read', async () => {
    const models = testClient().models;
    await expect(models.import({})).rejects.toThrow(/needs files, archive, path or source_url/);
    await expect(
      models.import({ archive: new Blob(['x']), source_url: 'https://x.test/a.gguf' }),
    ).rejects.toThrow(/one of files, archive, path or source_url, got archive and source_url/);
    const missing = models.import({ path: '/nonexistent/model-folder' });
    await expect(missing).rejects.toBeInstanceOf(DistilleryError);
    await expect(missing).rejects.toMatchObject({
      param: 'path',
      message: expect.stringContaining('/nonexistent/model-folder'),
    });
  });

  it("surfaces the server's 400 naming the file, without retrying the upload", async () => {
    const received = captureImport(
      400,
      errorBody(400, 'invalid_request', 'config.json: model_type "gpt2" is not supported', 'file'),
    );
    const error = await testClient()
      .models.import({ files: { 'config.json': new Blob(['{}']) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain('config.json');
    expect(received).toHaveLength(1);
  });
});

describe('models.delete', () => {
  it('deletes by id, URL-encoding the local/ prefix', async () => {
    let path = '';
    server.use(
      http.delete(`${BASE_URL}/v1/models/:id`, ({ request }) => {
        path = new URL(request.url).pathname;
        return new HttpResponse(null, { status: 204, headers: { 'x-request-id': 'req_1' } });
      }),
    );
    expect(await testClient().models.delete('local/mdl_7k2m9x4q1c8v')).toEqual({ requestId: 'req_1' });
    expect(path).toBe('/v1/models/local%2Fmdl_7k2m9x4q1c8v');
  });
});
