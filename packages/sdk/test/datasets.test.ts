import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { APIError, BadRequestError, type DatasetSource, DistilleryError } from '../src/index.js';
import { BASE_URL, dataset, errorBody } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const DATASETS_URL = `${BASE_URL}/v1/datasets`;
const jsonl =
  '{"prompt":"Subject: Cheap meds online","label":"spam"}\n{"prompt":"Subject: Re: patch","label":"ham"}\n';
const rows = jsonl
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));

function captureUpload() {
  const received: { name: string | null; type: string | null; body: string; key: string | null }[] = [];
  server.use(
    http.post(DATASETS_URL, async ({ request }) => {
      received.push({
        name: new URL(request.url).searchParams.get('name'),
        type: request.headers.get('content-type'),
        key: request.headers.get('idempotency-key'),
        body: await request.text(),
      });
      return HttpResponse.json(dataset, { status: 201 });
    }),
  );
  return received;
}

describe('datasets.upload', () => {
  const sources: [string, () => DatasetSource][] = [
    ['a Blob', () => new Blob([jsonl])],
    ['a web ReadableStream', () => new Blob([jsonl]).stream()],
    ['a Node Readable', () => Readable.from([Buffer.from(jsonl.slice(0, 10)), jsonl.slice(10)])],
    ['an array of rows', () => rows],
  ];

  it.each(sources)('sends %s as JSONL with the given name', async (_, source) => {
    const received = captureUpload();
    const stored = await testClient().datasets.upload({ name: 'spam-labelled', file: source() });
    expect(received).toEqual([
      {
        name: 'spam-labelled',
        type: 'application/x-ndjson',
        key: expect.stringMatching(/^[0-9a-f-]{36}$/),
        body: jsonl,
      },
    ]);
    expect(stored.id).toBe('ds_2b7f1c9e4a');
  });

  it('reads a path and names the dataset after the file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'distillery-sdk-'));
    try {
      const path = join(folder, 'spam-labelled.jsonl');
      await writeFile(path, jsonl);
      const received = captureUpload();
      await testClient().datasets.upload({ file: path });
      expect(received[0]).toMatchObject({ name: 'spam-labelled', body: jsonl });
    } finally {
      await rm(folder, { recursive: true });
    }
  });

  it('resends the same body and key when the upload is retried', async () => {
    const bodies: string[] = [];
    const keys: (string | null)[] = [];
    server.use(
      http.post(DATASETS_URL, async ({ request }) => {
        bodies.push(await request.text());
        keys.push(request.headers.get('idempotency-key'));
        return bodies.length === 1
          ? HttpResponse.json({}, { status: 503, headers: { 'Retry-After': '0' } })
          : HttpResponse.json(dataset, { status: 201 });
      }),
    );
    await testClient().datasets.upload({ name: 'spam', file: rows });
    expect(bodies).toEqual([jsonl, jsonl]);
    expect(keys[1]).toBe(keys[0]);
  });

  it('reports the bad line of a rejected upload', async () => {
    server.use(
      http.post(DATASETS_URL, () =>
        HttpResponse.json(errorBody(400, 'invalid_request', 'line 2: prompt is required', 'line 2'), {
          status: 400,
        }),
      ),
    );
    const error = await testClient()
      .datasets.upload({ name: 'bad', file: rows })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'line 2', code: 'invalid_request' });
  });

  it.each([
    ['a missing file', (folder: string) => join(folder, 'no-such-file.jsonl'), /no such file \(ENOENT\)/],
    ['a directory', (folder: string) => folder, /it is a directory \(EISDIR\)/],
  ])('refuses %s with a DistilleryError naming the path, sending nothing', async (_, pathIn, reason) => {
    const folder = await mkdtemp(join(tmpdir(), 'distillery-sdk-'));
    try {
      const path = pathIn(folder);
      const received = captureUpload();
      const error = await testClient()
        .datasets.upload({ file: path })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DistilleryError);
      expect(error).not.toBeInstanceOf(APIError);
      expect(error).toMatchObject({ code: 'file_unreadable', param: 'file' });
      expect((error as Error).message).toContain(`Cannot read dataset file ${path}: `);
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).cause).toBeDefined();
      expect(received).toEqual([]);
    } finally {
      await rm(folder, { recursive: true });
    }
  });

  it('refuses a nameless upload of something other than a file', async () => {
    await expect(testClient().datasets.upload({ file: rows })).rejects.toThrow(/needs a `name`/);
  });
});

describe('datasets', () => {
  it('list, get and delete', async () => {
    let deleted = false;
    server.use(
      http.get(DATASETS_URL, () => HttpResponse.json({ datasets: [dataset], total: 1, has_more: false })),
      http.get(`${DATASETS_URL}/ds_2b7f1c9e4a`, () => HttpResponse.json(dataset)),
      http.delete(`${DATASETS_URL}/ds_2b7f1c9e4a`, () => {
        deleted = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const client = testClient();
    const page = await client.datasets.list({ search: 'spam' });
    expect(page.items).toEqual([dataset]);
    expect(page.hasNextPage()).toBe(false);
    expect((await client.datasets.get('ds_2b7f1c9e4a')).row_count).toBe(2);
    await client.datasets.delete('ds_2b7f1c9e4a');
    expect(deleted).toBe(true);
  });
});
