import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeDir, startServer, type TestServer, tempDir } from './support/harness.ts';

// Schemathesis against the real server: every check, the examples, coverage, fuzzing and stateful
// phases (the spec's links), on a fixed seed so that a red run can be replayed. Set
// DISTILLERY_SCHEMATHESIS_SEED to explore other inputs.
const here = join(import.meta.dirname, 'schemathesis');
const spec = join(import.meta.dirname, '..', '..', '..', 'openapi', 'distillery.yaml');
const MIN_CASES = 5000;

let server: TestServer;
let adminKey: string;

beforeAll(async () => {
  const venv = spawnSync('bash', [join(here, 'venv.sh')], { encoding: 'utf8' });
  if (venv.status !== 0) throw new Error(`installing Schemathesis failed:\n${venv.stderr}`);
  // An admin key of its own: the run creates and revokes keys through /v1/keys, and a server that
  // has had a key never serves keyless clients again.
  const dataDir = tempDir();
  const key = cli(['keys', 'create', '--data-dir', dataDir, '--scopes', 'admin', '--name', 'schemathesis']);
  if (key.status !== 0) throw new Error(`keys create failed:\n${key.stderr}`);
  adminKey = JSON.parse(key.stdout).key;
  // No worker: jobs stay queued, so the run tests the API, not training. No rate limit to hit.
  server = await startServer({ dataDir, args: ['--no-worker'], env: { DISTILLERY_RATE_LIMIT: '100000000' } });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

function schemathesis(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(here, '.venv', 'bin', 'st'), args, {
      cwd: here,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', COLUMNS: '160' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('Schemathesis', () => {
  it(`finds no server error and no non-conformance in at least ${MIN_CASES} cases`, async () => {
    const run = await schemathesis([
      '--config-file',
      join(here, 'schemathesis.toml'),
      'run',
      spec,
      '--url',
      server.url,
      '--header',
      `Authorization: Bearer ${adminKey}`,
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--max-examples',
      '120',
      // One worker: Python 3.11's ast.parse is not thread-safe ("AST constructor recursion depth
      // mismatch", CPython gh-106905), and Hypothesis parses lambdas while describing strategies.
      '--workers',
      '1',
      '--request-timeout',
      '60',
      '--seed',
      process.env.DISTILLERY_SCHEMATHESIS_SEED ?? '20261203',
    ]);
    const summary = run.output.slice(run.output.lastIndexOf('SUMMARY'));
    console.log(summary);
    const cases = Number(run.output.match(/(\d+) generated/)?.[1] ?? 0);
    expect(run.output).toContain('Selected: ');
    expect(run.code, run.output.slice(-20_000)).toBe(0);
    expect(cases).toBeGreaterThanOrEqual(MIN_CASES);
    expect(server.output()).not.toContain('"msg":"unhandled error"');
  }, 1_500_000);
});
