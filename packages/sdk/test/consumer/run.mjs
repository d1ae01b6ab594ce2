// Packs the SDK, installs the tarball into a project outside the workspace, compiles it with
// `tsc --strict` and runs it as ESM and as CommonJS against a small node:http server.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const sdkRoot = join(here, '..', '..');
const tsc = join(sdkRoot, '..', '..', 'node_modules', '.bin', 'tsc');
const work = mkdtempSync(join(tmpdir(), 'distillery-consumer-'));
// The user's npm configuration (its cafile, registry, cache), handed to the nested npm explicitly:
// under the repo's Node 24, npm would look for its global config next to that Node, not where the
// npm that started the tests found it. turbo.json lets the npm_config_* variables through.
const npmConfig = ['globalconfig', 'userconfig'].flatMap((key) => {
  const value = process.env[`npm_config_${key}`];
  return value ? [`--${key}=${value}`] : [];
});
const started = Date.now();

const artifact = Buffer.from('GGUF consumer-test weights');
const job = (status, phase) => ({
  id: 'job_abc123',
  status,
  phase,
  progress: {},
  results: {},
  cost_accrued: 0,
  created_at: '2026-04-19T12:00:00Z',
  updated_at: '2026-04-19T12:00:00Z',
});

let gets = 0;
function route(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const json = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_consumer' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'POST' && url.pathname === '/v1/distillation')
    return json(201, job('pending', 'initializing'));
  if (url.pathname === '/v1/distillation/job_abc123') {
    // Each run reads the job pending first, then (after the stream ends) completed.
    gets++;
    return json(200, gets % 2 === 1 ? job('pending', 'initializing') : job('completed', 'done'));
  }
  if (url.pathname === '/v1/distillation/job_abc123/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const event = (id, status, phase) =>
      `id: ${id}\nevent: status\ndata: ${JSON.stringify({ type: 'status', job_id: 'job_abc123', status, phase, timestamp: '2026-04-19T12:00:00Z' })}\n\n`;
    return res.end(event(1, 'running', 'training') + event(2, 'completed', 'done'));
  }
  if (url.pathname === '/v1/distillation') {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    return json(200, {
      jobs: [{ ...job('completed', 'done'), id: `job_${offset}` }],
      total: 2,
      has_more: offset === 0,
    });
  }
  if (url.pathname === '/v1/distillation/job_abc123/artifacts/gguf_q8_0/download') {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'x-checksum-sha256': createHash('sha256').update(artifact).digest('hex'),
    });
    return res.end(artifact);
  }
  json(404, { error: { code: 'model_not_found', message: 'No model', status: 404, request_id: 'req_404' } });
}

const server = createServer(route);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work, ...npmConfig], {
      cwd: sdkRoot,
      encoding: 'utf8',
    }),
  );
  const tarball = join(work, packed[0].filename);
  const project = join(work, 'consumer');
  execFileSync('mkdir', ['-p', join(project, 'src')]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        // No @types/node: the SDK's public types must stand on the web platform's alone.
        lib: ['es2022', 'dom', 'dom.iterable'],
        types: [],
        outDir: 'dist',
      },
      include: ['src'],
    }),
  );
  const program = readFileSync(join(here, 'consumer.ts.txt'), 'utf8');
  writeFileSync(join(project, 'src', 'esm.mts'), program);
  writeFileSync(join(project, 'src', 'cjs.cts'), program);
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...npmConfig, tarball],
    {
      cwd: project,
      stdio: 'inherit',
    },
  );
  execFileSync(tsc, ['-p', project], { stdio: 'inherit' });

  const expected = JSON.stringify({
    status: 'completed',
    phases: ['initializing', 'training', 'done'],
    ids: ['job_0', 'job_1'],
    bytes: artifact.length,
    missing: 'model_not_found req_404',
  });
  const run = promisify(execFile);
  for (const entry of ['esm.mjs', 'cjs.cjs']) {
    const { stdout } = await run(process.execPath, [join(project, 'dist', entry)], {
      cwd: project,
      env: { ...process.env, DISTILLERY_BASE_URL: baseUrl },
    });
    if (stdout.trim() !== expected) throw new Error(`${entry} printed\n${stdout}\nexpected\n${expected}`);
    if (!readFileSync(join(project, 'model.gguf')).equals(artifact))
      throw new Error(`${entry}: artifact differs`);
    rmSync(join(project, 'model.gguf'));
    console.log(`consumer ${entry}: ok`);
  }
  console.log(`consumer test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  server.close();
  rmSync(work, { recursive: true, force: true });
}
