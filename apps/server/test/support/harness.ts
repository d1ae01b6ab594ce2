import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts');

/** Environment for a child server: nothing inherited that would change its behaviour. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LOG_LEVEL: 'info',
  };
  return { ...base, ...env };
}

export function tempDir(prefix = 'distillery-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the real `distillery` CLI (Node 24, TypeScript source) to completion. */
export function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface TestServer {
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as when a machine dies. */
  kill9(): Promise<void>;
}

/** Starts `distillery serve --port 0` in a child process and resolves once it listens. */
export async function startServer(
  opts: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])],
    {
      env: childEnv(opts.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 10 * 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/"url":"(http:\/\/[^"]+)".*"msg":"listening"/);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    dataDir,
    output: () => out,
    stop: () => stopWith('SIGTERM'),
    kill9: () => stopWith('SIGKILL'),
  };
}

/** Starts `distillery worker` in a child process and resolves once it takes jobs. */
export async function startWorkerProcess(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ output(): string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'worker', '--data-dir', dataDir], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}`)), 10 * 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"msg":"worker started"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${out}`)));
  });
  return {
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** fetch against a test server, JSON in and out. */
export function client(base: string, key?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
}

/**
 * Polls until `check` returns a value (not undefined) or the time runs out. The default only stops a
 * hang: what the tests wait for is bounded work, however slowly a loaded machine does it.
 */
export async function until<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10 * 60_000,
  everyMs = 300,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A small labelled mail dataset (spam/ham), JSONL. */
export function mailJsonl(n = 40): string {
  const spam = [
    'Cheap meds online, no prescription',
    'You won a free cruise, claim now',
    'Lowest mortgage rates guaranteed',
  ];
  const ham = [
    'Re: patch for the build script',
    'Meeting notes from Tuesday',
    'Quarterly report draft attached',
  ];
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const isSpam = i % 2 === 1;
    const subject = (isSpam ? spam : ham)[i % 3];
    rows.push(JSON.stringify({ prompt: `Subject: ${subject} #${i}`, label: isSpam ? 'spam' : 'ham' }));
  }
  return `${rows.join('\n')}\n`;
}

/** A server that may create databases on, for the PostgreSQL runs (scripts/test.sh starts one). */
export const postgresAdminUrl = process.env.DISTILLERY_TEST_POSTGRES_URL;
if (!postgresAdminUrl && process.env.CI)
  throw new Error('DISTILLERY_TEST_POSTGRES_URL is not set in CI (see scripts/test.sh)');
// pg resolves anything else relative to postgres://base, which fails later as a DNS error.
if (postgresAdminUrl && !/^postgres(ql)?:\/\/\S+$/.test(postgresAdminUrl))
  throw new Error(
    `DISTILLERY_TEST_POSTGRES_URL must be one postgres:// URL, got ${JSON.stringify(postgresAdminUrl.replace(/:[^:@/]*@/, ':***@'))}`,
  );

export interface Deployment {
  server: TestServer;
  /** The worker processes beside the API, when they run apart from it. */
  workers: Awaited<ReturnType<typeof startWorkerProcess>>[];
  stop(): Promise<void>;
}

/** One process: the API and a worker on PGlite in a temp dir. */
export async function startPgliteDeployment(): Promise<Deployment> {
  const server = await startServer();
  return {
    server,
    workers: [],
    async stop() {
      await server.stop();
      removeDir(server.dataDir);
    },
  };
}

/**
 * A fresh PostgreSQL database, the API without a worker, and two `distillery worker` processes
 * sharing its queue, with one data dir for all three as a shared volume would be.
 */
export async function startPostgresDeployment(
  admin: string,
  extraEnv: Record<string, string> = {},
): Promise<Deployment> {
  const dbName = `distillery_test_${process.pid}_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${dbName}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${dbName}`;
  const env = { DATABASE_URL: u.toString(), ...extraEnv };
  const server = await startServer({ env, args: ['--no-worker'] });
  const workers = await Promise.all([
    startWorkerProcess(server.dataDir, env),
    startWorkerProcess(server.dataDir, env),
  ]);
  return {
    server,
    workers,
    async stop() {
      await Promise.all(workers.map((w) => w.stop()));
      await server.stop();
      removeDir(server.dataDir);
      const admin_ = new pg.Client({ connectionString: admin });
      await admin_.connect();
      await admin_.query(`drop database if exists ${dbName} with (force)`);
      await admin_.end();
    },
  };
}
