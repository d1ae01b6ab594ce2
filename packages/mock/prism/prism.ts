/**
 * Prism, started and stopped from code. `startPrismMock` serves the spec's examples (a stateless,
 * language-agnostic mock); `startPrismProxy` sits in front of a real server with `--errors`, so a
 * response that breaks the spec reaches the client as an error instead of passing silently.
 * Prism takes seconds to start: start one per test suite and stop it afterwards.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PrismOptions {
  /** The OpenAPI document (default: the spec this package was generated from). */
  spec?: string;
  host?: string;
  /** Port to listen on (default: a free one). */
  port?: number;
  /** How long to wait for Prism to answer (default 60 s). */
  startTimeoutMs?: number;
  /** Extra CLI arguments, e.g. `['--dynamic']`. */
  args?: string[];
}

export interface PrismServer {
  /** Base URL to point a client at, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Everything Prism printed, for diagnosing a failed request. */
  output(): string;
  /** Stops Prism and waits for it to exit. */
  stop(): Promise<void>;
}

/** The spec shipped with this package: the build copies the contract's JSON into dist/. */
export const defaultSpec = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

function prismBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** `prism mock`: answers every operation with the spec's examples, validating requests. */
export function startPrismMock(options: PrismOptions = {}): Promise<PrismServer> {
  return start(['mock', options.spec ?? defaultSpec], options);
}

/**
 * `prism proxy --errors` in front of `upstreamUrl`: requests and responses are validated against
 * the spec, and a violation turns into an error response. Point e2e tests at the returned URL.
 */
export function startPrismProxy(upstreamUrl: string, options: PrismOptions = {}): Promise<PrismServer> {
  return start(['proxy', options.spec ?? defaultSpec, upstreamUrl, '--errors'], options);
}

const running = new Set<ChildProcess>();
// A test runner that exits without calling stop() must not leave Prism behind.
process.once('exit', () => {
  for (const child of running) kill(child, 'SIGKILL');
});

function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Prism runs in its own process group; signalling the group reaches anything it spawned.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

async function start(command: string[], options: PrismOptions): Promise<PrismServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const child = spawn(
    process.execPath,
    [prismBin(), ...command, '-h', host, '-p', String(port), ...(options.args ?? [])],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = once(child, 'exit');
  const server: PrismServer = {
    url: `http://${host}:${port}`,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        kill(child, 'SIGTERM');
        const timer = setTimeout(() => kill(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited with ${child.exitCode}:\n${output}`);
    // Prism logs this line once it listens; polling the port as well covers quieter versions.
    if (output.includes('Prism is listening') || (await answers(server.url))) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await server.stop();
  throw new Error(`Prism did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${output}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}
