import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecksumMismatchError, DistilleryError, NotFoundError } from '../src/index.js';
import { BASE_URL, errorBody } from './fixtures.js';
import { server, testClient, useMockServer } from './server.js';

useMockServer();

const JOB_URL = `${BASE_URL}/v1/distillation/job_abc123`;
const DOWNLOAD_URL = `${JOB_URL}/artifacts/:format/download`;
const content = new TextEncoder().encode('GGUF\u0003 pretend these are quantised weights');
const sha256 = createHash('sha256').update(content).digest('hex');

function fileResponse(headers: Record<string, string> = {}) {
  return new HttpResponse(content, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename="model-q8_0.gguf"',
      'x-request-id': 'req_dl',
      ...headers,
    },
  });
}

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'distillery-sdk-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('artifacts', () => {
  it('list returns a Page of the artifacts that keeps the API’s paths and artifacts fields', async () => {
    server.use(
      http.get(`${JOB_URL}/artifacts`, () =>
        HttpResponse.json({
          job_id: 'job_abc123',
          adapter_path: '/var/lib/distillery/distillation/job_abc123/model/',
          gguf_paths: { q8_0: '/var/lib/distillery/distillation/job_abc123/gguf/model-q8_0.gguf' },
          tokenizer_path: null,
          config_path: null,
          artifacts: [
            {
              format: 'gguf_q8_0',
              path: '/var/lib/distillery/distillation/job_abc123/gguf/model-q8_0.gguf',
              size_bytes: content.byteLength,
              checksum_sha256: sha256,
              download_url: `${JOB_URL}/artifacts/gguf_q8_0/download`,
            },
          ],
        }),
      ),
    );
    const page = await testClient().artifacts.list('job_abc123');
    expect(page.items.map((a) => [a.format, a.checksum_sha256])).toEqual([['gguf_q8_0', sha256]]);
    expect(page).toMatchObject({ total: 1, hasMore: false, offset: 0 });
    expect(page.hasNextPage()).toBe(false);
    const formats: string[] = [];
    for await (const artifact of testClient().artifacts.list('job_abc123')) formats.push(artifact.format);
    expect(formats).toEqual(['gguf_q8_0']);
    // Fields that code written against the old return value reads are still there.
    expect(page.gguf_paths.q8_0).toMatch(/model-q8_0\.gguf$/);
    expect(page.artifacts).toBe(page.items);
    const { artifacts = [] } = await testClient().jobs.artifacts.list('job_abc123');
    expect(artifacts[0]?.checksum_sha256).toBe(sha256);
  });

  it('client.artifacts.download(jobId, format, path), as reference 001 writes it, saves the verified file', async () => {
    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': sha256 })));
    const client = testClient();
    const path = join(folder, 'distilled.gguf');
    const saved = await client.artifacts.download('job_abc123', 'gguf_q8_0', path);
    expect(saved).toMatchObject({ path, sizeBytes: content.byteLength, checksumSha256: sha256 });
    expect(new Uint8Array(await readFile(path))).toEqual(content);
    // The deprecated path is the same object, so both run one implementation.
    expect(client.jobs.artifacts).toBe(client.artifacts);
  });

  it('download writes the verified file to the destination', async () => {
    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': sha256 })));
    const destination = join(folder, 'student.gguf');
    const saved = await testClient().artifacts.download('job_abc123', 'gguf_q8_0', destination);
    expect(saved).toEqual({
      path: destination,
      sizeBytes: content.byteLength,
      checksumSha256: sha256,
      requestId: 'req_dl',
    });
    expect(new Uint8Array(await readFile(destination))).toEqual(content);
    expect(await readdir(folder)).toEqual(['student.gguf']);
  });

  it('download into a folder keeps the server’s file name', async () => {
    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': sha256 })));
    const saved = await testClient().artifacts.download('job_abc123', 'gguf_q8_0', folder);
    expect(saved.path).toBe(join(folder, 'model-q8_0.gguf'));
  });

  it('download leaves no file at all when the checksum does not match', async () => {
    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': 'f'.repeat(64) })));
    const destination = join(folder, 'student.gguf');
    const error = await testClient()
      .artifacts.download('job_abc123', 'gguf_q8_0', destination)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: 'f'.repeat(64), actual: sha256, requestId: 'req_dl' });
    expect(await readdir(folder)).toEqual([]);
  });

  it('download leaves no file when the connection drops mid-body', async () => {
    server.use(
      http.get(DOWNLOAD_URL, () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(content.slice(0, 8));
            setTimeout(() => controller.error(new Error('socket hang up')), 20);
          },
        });
        return new HttpResponse(body, { headers: { 'x-checksum-sha256': sha256 } });
      }),
    );
    const error = await testClient()
      .artifacts.download('job_abc123', 'gguf_q8_0', join(folder, 'student.gguf'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DistilleryError);
    expect(await readdir(folder)).toEqual([]);
  });

  it('download falls back to the checksum in the artifact list when the header is missing', async () => {
    let listed = false;
    server.use(
      http.get(DOWNLOAD_URL, () => fileResponse()),
      http.get(`${JOB_URL}/artifacts`, () => {
        listed = true;
        return HttpResponse.json({
          adapter_path: null,
          gguf_paths: {},
          tokenizer_path: null,
          config_path: null,
          artifacts: [
            {
              format: 'gguf_q8_0',
              path: '/x',
              size_bytes: 1,
              checksum_sha256: sha256,
              download_url: 'http://x/y',
            },
          ],
        });
      }),
    );
    await testClient().artifacts.download('job_abc123', 'gguf_q8_0', join(folder, 'm.gguf'));
    expect(listed).toBe(true);
    expect(new Uint8Array(await readFile(join(folder, 'm.gguf')))).toEqual(content);
  });

  it('download refuses a file whose sha256 differs from the artifact list’s checksum', async () => {
    const listedChecksum = 'a'.repeat(64);
    server.use(
      http.get(DOWNLOAD_URL, () => fileResponse()),
      http.get(`${JOB_URL}/artifacts`, () =>
        HttpResponse.json({
          adapter_path: null,
          gguf_paths: {},
          tokenizer_path: null,
          config_path: null,
          artifacts: [
            {
              format: 'gguf_q8_0',
              path: '/x',
              size_bytes: 1,
              checksum_sha256: listedChecksum,
              download_url: 'http://x/y',
            },
          ],
        }),
      ),
    );
    const error = await testClient()
      .artifacts.download('job_abc123', 'gguf_q8_0', join(folder, 'm.gguf'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect(error).toMatchObject({ expected: listedChecksum, actual: sha256 });
    expect(await readdir(folder)).toEqual([]);
  });

  it('download without a destination returns a stream whose bytes() verifies the checksum', async () => {
    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': sha256 })));
    const download = await testClient().artifacts.download('job_abc123', 'gguf_q8_0');
    expect(download.filename).toBe('model-q8_0.gguf');
    expect(await download.bytes()).toEqual(content);

    server.use(http.get(DOWNLOAD_URL, () => fileResponse({ 'x-checksum-sha256': '0'.repeat(64) })));
    const corrupt = await testClient().artifacts.download('job_abc123', 'gguf_q8_0');
    await expect(corrupt.bytes()).rejects.toBeInstanceOf(ChecksumMismatchError);
  });

  it('download of a missing artifact throws NotFoundError and writes nothing', async () => {
    server.use(
      http.get(DOWNLOAD_URL, () =>
        HttpResponse.json(
          errorBody(404, 'artifact_not_found', 'Job job_abc123 has no gguf_q4_k_m artifact', 'format'),
          {
            status: 404,
          },
        ),
      ),
    );
    const error = await testClient()
      .artifacts.download('job_abc123', 'gguf_q4_k_m', join(folder, 'm.gguf'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'artifact_not_found', param: 'format' });
    expect(await readdir(folder)).toEqual([]);
  });
});
