// The README's first example, as written: its first ```ts block (datasets, fine-tuning, a streamed
// chat with the teacher, distillation, artifacts) is saved unchanged as an ES module in
// a fresh folder whose node_modules holds this package (its build, as a consumer gets it), type-checked
// with `tsc --strict`, and run on Node against the real reference server (apps/server, built) with
// DISTILLERY_BASE_URL pointing at it. A scripted server checks what it prints for a job that could not
// be evaluated. Skipped when the builds are missing, except in CI, where that is a failure. It runs
// dist/, which `turbo run test` builds first; after editing src/, `npm run build` before `vitest run`.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, serverCli, startReferenceServer } from './reference-server.js';

const run = promisify(execFile);
const sdkRoot = join(import.meta.dirname, '..');
const repoRoot = join(sdkRoot, '..', '..');
const sdkBuild = join(sdkRoot, 'dist', 'index.js');

function firstBlock(language: string, markdown: string): string {
  const match = markdown.match(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm'));
  if (!match?.[1]) throw new Error(`README.md has no \`\`\`${language} block`);
  return match[1];
}

const missing = [
  existsSync(serverCli) ? null : 'apps/server/dist/cli.js is missing: `npm run build -w @distillery/server`',
  existsSync(sdkBuild) ? null : 'packages/sdk/dist is missing: `npm run build -w @distillery/sdk`',
].filter((reason) => reason !== null);
if (missing.length > 0 && process.env.CI) throw new Error(`${missing.join('; ')} (CI is set)`);

let work: string;
let example: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'distillery-readme-'));
  example = join(work, 'example');
  const modules = join(example, 'node_modules');
  await mkdir(join(modules, '@distillery'), { recursive: true });
  await symlink(sdkRoot, join(modules, '@distillery', 'sdk'), 'dir');
  await symlink(join(repoRoot, 'node_modules', '@types'), join(modules, '@types'), 'dir');
  const readme = await readFile(join(sdkRoot, 'README.md'), 'utf8');
  await writeFile(join(example, 'readme.mts'), firstBlock('ts', readme));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Runs the example in a fresh folder against `baseUrl`: its exit code, output and folder. */
async function runExample(baseUrl: string) {
  const cwd = await mkdtemp(join(work, 'run-'));
  const child = spawn(process.execPath, [join(example, 'readme.mts')], {
    cwd,
    env: cleanEnv({ DISTILLERY_BASE_URL: baseUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout, stderr, cwd };
}

describe.skipIf(missing.length > 0)('the README example', () => {
  it('type-checks with tsc --strict as a consumer would compile it', async () => {
    await writeFile(
      join(example, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          target: 'es2023',
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['readme.mts'],
      }),
    );
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    await expect(run(process.execPath, [tsc, '-p', example])).resolves.toBeDefined();
  }, 60_000);

  it('runs as written against the real server', async () => {
    const server = await startReferenceServer(work);
    try {
      const { code, stdout, stderr, cwd } = await runExample(server.url);
      expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
      expect(stdout).not.toMatch(/undefined|null|NaN/);
      expect(stdout).toMatch(/^Teacher: local\/\S+$/m);
      // The teacher, served at once, streamed a greedy answer of at most 4 tokens, usage last.
      expect(stdout).toMatch(/^Teacher says: ".*" \([1-4] tokens\)$/m);
      expect(stdout).toMatch(/^Job: job_\w+ \| pending$/m);
      expect(stdout).toMatch(/^done: step 60\/60$/m);
      // The example's labelled rows and eval_split give the job held-out rows to evaluate on.
      expect(stdout).toMatch(/^Teacher accuracy \d\.\d\d, student \d\.\d\d, delta -?\d\.\d\d$/m);
      const saved = stdout.match(/^Saved (\S+) \((\d+) bytes, sha256 ([0-9a-f]{64})\)$/m);
      expect(saved, stdout).not.toBeNull();
      const [, path, size, sha256] = saved as RegExpMatchArray;
      const bytes = await readFile(join(cwd, path as string));
      expect(bytes.subarray(0, 4).toString()).toBe('GGUF');
      expect(String(bytes.length)).toBe(size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
    } finally {
      await server.stop();
    }
  }, 600_000);

  it('says so when the job could not be evaluated', async () => {
    const weights = Buffer.from('GGUF scripted weights');
    const stamp = { created_at: '2026-04-19T12:00:00Z', updated_at: '2026-04-19T12:00:00Z' };
    const tuning = {
      id: 'ftjob_abc123',
      tenant_id: 'default',
      name: 'colour teacher',
      base_model: 'distillery-nano',
      training_dataset: 'ds_abc123',
      result_model: 'local/ft-x',
      ...stamp,
    };
    const job = {
      id: 'job_abc123',
      progress: {},
      cost_accrued: 0,
      results: { evaluated: false, teacher_accuracy: null, student_accuracy: null, accuracy_delta: null },
      ...stamp,
    };
    const routes: Record<string, [number, unknown]> = {
      'POST /v1/datasets': [201, { id: 'ds_abc123', name: 'colours', row_count: 48, ...stamp }],
      'POST /v1/fine-tuning/jobs': [201, { ...tuning, status: 'pending', phase: 'initializing' }],
      'GET /v1/fine-tuning/jobs/ftjob_abc123': [200, { ...tuning, status: 'completed', phase: 'done' }],
      'POST /v1/distillation': [201, { ...job, status: 'pending', phase: 'initializing' }],
      'GET /v1/distillation/job_abc123': [200, { ...job, status: 'completed', phase: 'done' }],
    };
    const chunk = (choices: unknown[], usage: unknown = null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-req_test', object: 'chat.completion.chunk', created: 1776603000, model: 'local/ft-x', choices, usage })}\n\n`;
    const scripted = createServer((req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/v1/chat/completions') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
        res.write(chunk([{ index: 0, delta: { content: 'cold' }, finish_reason: null }]));
        res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
        res.write(chunk([], { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 }));
        return res.end('data: [DONE]\n\n');
      }
      if (path === '/v1/distillation/job_abc123/artifacts/gguf_q8_0/download') {
        const sha256 = createHash('sha256').update(weights).digest('hex');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-checksum-sha256': sha256 });
        return res.end(weights);
      }
      const [status, body] = routes[`${req.method} ${path}`] ?? [
        404,
        { error: { code: 'not_scripted', message: path, status: 404, request_id: 'req_test' } },
      ];
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = scripted.address() as AddressInfo;
      const { code, stdout, stderr, cwd } = await runExample(`http://127.0.0.1:${port}`);
      expect(code, `stdout:\n${stdout}\nstderr:\n${stderr}`).toBe(0);
      expect(stdout).toMatch(/^Teacher says: "cold" \(2 tokens\)$/m);
      expect(stdout).toMatch(/^Accuracy: not evaluated$/m);
      expect(stdout).not.toMatch(/undefined|null|NaN/);
      expect(await readFile(join(cwd, 'colour-student-q8_0.gguf'))).toEqual(weights);
    } finally {
      await new Promise((resolve) => scripted.close(resolve));
    }
  }, 60_000);
});
