// Load benchmark for the reference server (issue 7): requests/s and latency for
// `GET /v1/distillation/{id}` and `POST /v1/distillation`, against the real server (PGlite, no worker)
// and against a bare Hono app with the same routes (bench/bare-hono.ts), each in its own child process,
// over loopback with autocannon. Not part of the test suite.
//
//   npm run bench:http -w @distillery/server                  # 10 s per run, 10 connections
//   BENCH_DURATION=5 BENCH_CONNECTIONS=20 npm run bench:http -w @distillery/server
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const CREATE_BODY = JSON.stringify({
  name: 'bench',
  config: { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-pico' },
});

const here = import.meta.dirname;
const CLI = join(here, '..', 'src', 'cli.ts');
const BARE = join(here, 'bare-hono.ts');

const children: ChildProcess[] = [];
let dataDir: string | undefined;

/** A free loopback port: the server logs its URL only at info level, and the benchmark runs it at warn. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out };
}

/** Polls `url` until it answers 200, failing early if the child exits. */
async function waitReady(url: string, proc: ReturnType<typeof start>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${what} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not start within 60 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Row {
  endpoint: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statuses: string;
}

async function load(endpoint: 'get' | 'create', target: string, base: string, id: string): Promise<Row> {
  const opts =
    endpoint === 'get'
      ? { url: `${base}/v1/distillation/${id}`, method: 'GET' as const }
      : {
          url: `${base}/v1/distillation`,
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body: CREATE_BODY,
        };
  if (WARMUP > 0) await autocannon({ ...opts, connections: CONNECTIONS, duration: WARMUP });
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION, timeout: 10 });
  const statuses = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}×${(s as { count: number }).count}`)
    .join(' ');
  return {
    endpoint: endpoint === 'get' ? 'GET /v1/distillation/{id}' : 'POST /v1/distillation',
    target,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statuses,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  dataDir = mkdtempSync(join(tmpdir(), 'distillery-bench-'));
  const realPort = await freePort();
  const real = start(
    [CLI, 'serve', '--host', '127.0.0.1', '--port', String(realPort), '--data-dir', dataDir, '--no-worker'],
    { DISTILLERY_RATE_LIMIT: '100000000', LOG_LEVEL: 'warn' },
  );
  const realUrl = `http://127.0.0.1:${realPort}`;
  const barePort = await freePort();
  const bare = start([BARE, String(barePort)], {});
  const bareUrl = `http://127.0.0.1:${barePort}`;
  await waitReady(`${realUrl}/health`, real, 'server');
  await waitReady(`${bareUrl}/v1/distillation/job_x`, bare, 'bare Hono app');

  const created = await fetch(`${realUrl}/v1/distillation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: CREATE_BODY,
  });
  const job = (await created.json()) as { id?: string };
  if (created.status !== 201 || !job.id) {
    throw new Error(`creating the benchmark job answered ${created.status}: ${JSON.stringify(job)}`);
  }

  console.log(
    `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      `${CONNECTIONS} connections, ${DURATION} s per run after ${WARMUP} s warm-up, loopback; ` +
      `server: PGlite in ${dataDir}, --no-worker`,
  );
  const rows: Row[] = [];
  for (const endpoint of ['get', 'create'] as const) {
    for (const [target, base] of [
      ['server', realUrl],
      ['bare Hono', bareUrl],
    ] as const) {
      process.stderr.write(`… ${endpoint} against ${target}\n`);
      rows.push(await load(endpoint, target, base, job.id));
    }
  }

  const fmt = (n: number, digits = 0) => n.toFixed(digits);
  const out: string[][] = [
    [
      'endpoint',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx',
      'errors',
      'req/s ratio',
      'p99 ratio',
    ],
  ];
  for (const row of rows) {
    const bareRow = rows.find((r) => r.endpoint === row.endpoint && r.target === 'bare Hono');
    const isServer = row.target === 'server' && bareRow;
    out.push([
      row.endpoint,
      row.target,
      fmt(row.rps),
      fmt(row.p50, 1),
      fmt(row.p99, 1),
      String(row.total),
      String(row.non2xx),
      String(row.errors),
      isServer ? fmt(row.rps / bareRow.rps, 2) : '',
      isServer ? (bareRow.p99 > 0 ? fmt(row.p99 / bareRow.p99, 1) : '–') : '',
    ]);
  }
  console.log(table(out));
  console.log('ratios are server / bare Hono (req/s: below 1 is slower; p99: above 1 is slower)');

  const bad = rows.filter((r) => r.non2xx > 0 || r.errors > 0);
  for (const r of bad) {
    console.error(
      `${r.endpoint} against ${r.target}: ${r.non2xx} non-2xx, ${r.errors} errors/timeouts (${r.statuses})`,
    );
  }
  if (bad.length > 0) console.error(`server output (last lines):\n${real.output().slice(-4_000)}`);
  return bad.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stopAll();
}
process.exit(code);
