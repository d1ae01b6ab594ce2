import { DistilleryError } from './errors.js';

/** Anything console-like; every method is optional. */
export interface Logger {
  debug?(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
  warn?(message: string, context?: Record<string, unknown>): void;
  error?(message: string, context?: Record<string, unknown>): void;
}

export type Fetch = (input: Request) => Promise<Response>;

export interface ClientOptions {
  /** Defaults to `DISTILLERY_BASE_URL`, then `http://localhost:8000`. */
  baseUrl?: string | undefined;
  /** Sent as `Authorization: Bearer …`. Defaults to `DISTILLERY_API_KEY`; omit for a loopback server. */
  apiKey?: string | undefined;
  /** Tenant to act on (admin keys only); defaults to the key's own tenant. */
  tenantId?: string | undefined;
  /** Milliseconds to wait for response headers, per attempt. Default 60 000. */
  timeout?: number | undefined;
  /** Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx. Default 2. */
  maxRetries?: number | undefined;
  /** A `fetch` implementation, e.g. for a proxy or tests. Defaults to `globalThis.fetch`. */
  fetch?: Fetch | undefined;
  logger?: Logger | undefined;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string> | undefined;
}

/** Per-call overrides accepted as the last argument of every resource method. */
export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  headers?: Record<string, string> | undefined;
}

export interface ResolvedOptions {
  baseUrl: string;
  apiKey: string | undefined;
  tenantId: string | undefined;
  timeout: number;
  maxRetries: number;
  fetch: Fetch;
  logger: Logger | undefined;
  defaultHeaders: Record<string, string>;
}

export const DEFAULT_BASE_URL = 'http://localhost:8000';

function readEnv(name: string): string | undefined {
  // Bun, Deno 2 and Node all expose `process.env`; browsers have no environment.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value === '' ? undefined : value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new DistilleryError(`${name} must be a non-negative number, got ${value}`);
  }
  return value;
}

export function resolveOptions(options: ClientOptions): ResolvedOptions {
  const fetchImpl = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!fetchImpl) throw new DistilleryError('No fetch implementation: pass `fetch` in the client options');
  return {
    baseUrl: (options.baseUrl ?? readEnv('DISTILLERY_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    apiKey: options.apiKey ?? readEnv('DISTILLERY_API_KEY'),
    tenantId: options.tenantId,
    timeout: nonNegativeInteger('timeout', options.timeout ?? 60_000),
    maxRetries: Math.floor(nonNegativeInteger('maxRetries', options.maxRetries ?? 2)),
    fetch: fetchImpl,
    logger: options.logger,
    defaultHeaders: options.defaultHeaders ?? {},
  };
}
