// The real reference server (apps/server, built) for the tests that run against it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

export const serverCli = join(import.meta.dirname, '..', '..', '..', 'apps', 'server', 'dist', 'cli.js');

/** Child processes get no DISTILLERY_* of the caller's: only the base URL the test chose. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('DISTILLERY_')),
  );
  return { ...env, ...extra };
}

/** `distillery serve --port 0` on an empty data folder; resolves with its URL once it listens. */
// Limits here only stop a hung run: the work is bounded, and a loaded machine may take minutes.
export async function startReferenceServer(
  work: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [serverCli, 'serve', '--port', '0', '--data-dir', await mkdtemp(join(work, 'data-'))],
    { env: cleanEnv({ LOG_LEVEL: 'info' }), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 240_000);
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
      reject(new Error(`the server exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
