import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import pkg from '../package.json' with { type: 'json' };
import { createApp } from './app.ts';
import type { Services } from './context.ts';
import { startWorker } from './jobs/worker.ts';
import { createLogger } from './logger.ts';
import { openQueue } from './queue/queue.ts';
import { isLoopbackHost } from './services/addresses.ts';
import { Metrics } from './services/metrics.ts';
import { removeStaleImports } from './services/model-import.ts';
import { configuredSecrets } from './services/redact.ts';
import { Serving } from './serving/service.ts';
import type { Settings } from './settings.ts';
import { openDb } from './storage/db.ts';
import { keyCount } from './storage/keys.ts';
import { migrate } from './storage/migrations.ts';

/** Opens storage (running migrations) and the queue: what `serve`, `worker` and the CLI share. */
export async function openServices(settings: Settings): Promise<Services> {
  mkdirSync(settings.dataDir, { recursive: true });
  const logger = createLogger(undefined, configuredSecrets(settings));
  const db = await openDb({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  await migrate(db);
  const boss = await openQueue(db, settings);
  boss.on('error', (err) => logger.error({ err }, 'queue error'));
  const serving = new Serving(db, settings.serving, logger);
  return {
    db,
    boss,
    settings,
    logger,
    metrics: new Metrics(),
    serving,
    startedAt: Date.now(),
    version: pkg.version,
  };
}

export async function closeServices(s: Services): Promise<void> {
  await s.serving.close().catch(() => {});
  await s.boss.stop({ graceful: false }).catch(() => {});
  await s.db.close();
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** `distillery serve`: the API and (unless disabled) one worker in this process. */
export async function startServer(
  settings: Settings,
  options: { worker?: boolean } = {},
): Promise<RunningServer> {
  const s = await openServices(settings);
  // Only a loopback IP or the name `localhost` counts: `127.0.0.1.nip.io` is a name anyone can point anywhere.
  if (!isLoopbackHost(settings.host) && (await keyCount(s.db)) === 0) {
    await closeServices(s);
    throw new Error(
      `refusing to listen on ${settings.host}: no API key exists, so the server only serves loopback clients. Create one with \`distillery keys create\` or listen on 127.0.0.1`,
    );
  }
  const worker = options.worker === false ? null : await startWorker(s);
  const app = createApp(s);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const srv = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, () => resolve(srv));
  });
  // Longer than the idle timeout of the proxies and load balancers usually put in front (60 s), so
  // that a proxy never reuses a connection this server is closing at the same moment.
  // A model import's request lasts as long as its upload (gigabytes) and its conversion: an hour at
  // most, instead of Node's five minutes for a whole request.
  Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 3_600_000 });
  void removeStaleImports(s).catch((err: unknown) => s.logger.warn({ err }, 'could not clear old imports'));
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host}:${port}`;
  s.logger.info({ url, storage: s.db.kind, data_dir: settings.dataDir }, 'listening');
  return {
    url,
    async close() {
      // Event streams never end on their own; close them with the listener.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closed;
      await worker?.stop();
      await closeServices(s);
    },
  };
}
