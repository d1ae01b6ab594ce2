import { totalmem } from 'node:os';
import { resolve } from 'node:path';
import { HostPolicy } from './services/addresses.ts';

/** Everything the server and worker run with, read from the environment (flags override it). */
export interface Settings {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  maxBodyBytes: number;
  /**
   * The largest model import (`POST /v1/models`): the upload's body, a `source_url` download and the
   * files an archive unpacks to are each capped at this (`DISTILLERY_MAX_IMPORT_BYTES`, default 16 GiB).
   */
  maxImportBytes: number;
  /**
   * Hosts a model import's `source_url` may be fetched from (`DISTILLERY_IMPORT_HOSTS`: names,
   * `*.domain`, IPs, CIDRs). Empty, the default: none, so `source_url` is refused.
   */
  importHosts: HostPolicy;
  rateLimitPerMinute: number;
  /** Failed authentications (unknown or revoked keys) per client address per minute. */
  authFailuresPerMinute: number;
  maxJobsPerWorker: number;
  maxJobsPerTenant: number;
  /** Standard Webhooks secret (`whsec_<base64>` or raw text); webhooks are not sent without it. */
  webhookSecret: string | undefined;
  /**
   * Hosts webhooks may be delivered to (`DISTILLERY_WEBHOOK_HOSTS`: names, `*.domain`, IPs, CIDRs).
   * Empty: any host whose addresses are public. Loopback, private, link-local, unique-local and
   * unspecified addresses are reached only when an IP or CIDR entry covers them.
   */
  webhookHosts: HostPolicy;
  openaiBaseUrl: string | undefined;
  openaiApiKey: string | undefined;
  /** Credit budget of a tenant without its own; null is unlimited. */
  defaultBudget: number | null;
  /** How often pg-boss looks for jobs whose worker died (seconds). */
  monitorSeconds: number;
  /** Seconds without a heartbeat after which a running job counts as abandoned. */
  heartbeatSeconds: number;
  /** How inference is served (serving/): see ServingSettings. */
  serving: ServingSettings;
}

export interface ServingSettings {
  /**
   * Bytes the loaded models may take, weights and KV caches together (`DISTILLERY_SERVING_MEMORY_BYTES`,
   * default a quarter of the machine's memory, at most 4 GiB: the CPU kernels' WebAssembly memory).
   */
  memoryBytes: number;
  /** Sequences one model decodes together, its KV-cache slots (`DISTILLERY_SERVING_MAX_BATCH`, 16). */
  maxBatch: number;
  /** Context served per sequence, capped by each model's own (`DISTILLERY_SERVING_MAX_CONTEXT`, 2048). */
  maxContext: number;
  /** Sequences that may wait for a slot of one model before requests are refused (`DISTILLERY_SERVING_MAX_QUEUE`, 256). */
  maxQueue: number;
  /** A request generating longer is stopped (`DISTILLERY_SERVING_TIMEOUT_SECONDS`, 600). */
  timeoutSeconds: number;
  /** Threads of the serving thread's CPU kernels (`DISTILLERY_SERVING_THREADS`, else `DISTILLERY_THREADS`; 0: every core). */
  threads: number;
  /** The model a request without `model` gets (`DISTILLERY_SERVING_DEFAULT_MODEL`), else the tenant's only one. */
  defaultModel: string | undefined;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got '${raw}'`);
  return n;
}

export function settingsFromEnv(overrides: Partial<Settings> = {}): Settings {
  const budget = process.env.DISTILLERY_BUDGET;
  return {
    host: process.env.DISTILLERY_HOST ?? '127.0.0.1',
    port: int('PORT', int('DISTILLERY_PORT', 8000)),
    dataDir: resolve(process.env.DISTILLERY_DATA_DIR ?? './distillery-data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    maxBodyBytes: int('DISTILLERY_MAX_BODY_BYTES', 50 * 1024 * 1024),
    maxImportBytes: int('DISTILLERY_MAX_IMPORT_BYTES', 16 * 1024 ** 3),
    importHosts: new HostPolicy(process.env.DISTILLERY_IMPORT_HOSTS, 'DISTILLERY_IMPORT_HOSTS'),
    rateLimitPerMinute: int('DISTILLERY_RATE_LIMIT', 600),
    authFailuresPerMinute: int('DISTILLERY_AUTH_FAILURE_LIMIT', 20),
    maxJobsPerWorker: int('DISTILLERY_WORKER_CONCURRENCY', 1),
    maxJobsPerTenant: int('DISTILLERY_TENANT_CONCURRENCY', 2),
    webhookSecret: process.env.DISTILLERY_WEBHOOK_SECRET || undefined,
    webhookHosts: new HostPolicy(process.env.DISTILLERY_WEBHOOK_HOSTS),
    openaiBaseUrl: process.env.OPENAI_BASE_URL || undefined,
    openaiApiKey: process.env.OPENAI_API_KEY || undefined,
    defaultBudget: budget ? Number(budget) : null,
    monitorSeconds: int('DISTILLERY_MONITOR_SECONDS', 5),
    heartbeatSeconds: int('DISTILLERY_HEARTBEAT_SECONDS', 10),
    serving: {
      memoryBytes: int(
        'DISTILLERY_SERVING_MEMORY_BYTES',
        Math.min(4 * 1024 ** 3, Math.floor(totalmem() / 4)),
      ),
      maxBatch: int('DISTILLERY_SERVING_MAX_BATCH', 16),
      maxContext: int('DISTILLERY_SERVING_MAX_CONTEXT', 2048),
      maxQueue: int('DISTILLERY_SERVING_MAX_QUEUE', 256),
      timeoutSeconds: int('DISTILLERY_SERVING_TIMEOUT_SECONDS', 600),
      threads: int('DISTILLERY_SERVING_THREADS', int('DISTILLERY_THREADS', 0)),
      defaultModel: process.env.DISTILLERY_SERVING_DEFAULT_MODEL || undefined,
    },
    ...overrides,
  };
}
