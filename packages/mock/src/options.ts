import type { Clock, ClockOptions } from './clock';
import type { Schemas } from './spec';
import { DEFAULT_TIMINGS, type PhaseTimings } from './state/timeline';
import { HostPolicy } from './util/addresses';
import { seededRandom } from './util/crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** What a key may do (the spec's `ApiKeyScope`); `admin` is every scope on every tenant. */
export type Scope = Schemas['ApiKeyScope'];

/** Every scope but `admin`: what a key gets when none are named, as on the reference server. */
export const ALL_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'datasets:read',
  'datasets:write',
  'models:read',
  'models:write',
  'inference',
];

export interface ApiKeyConfig {
  /** The secret, e.g. `dk_test_alice`. Sent as `Authorization: Bearer …` or `X-API-Key`. */
  key: string;
  /** The tenant the key belongs to (default `default`). */
  tenant?: string;
  /** Scopes the key carries (default every scope except `admin`). */
  scopes?: Scope[];
  /** Its id in `/v1/keys` (`key_…`; default derived from the secret, the same on every run). */
  id?: string;
  /** Its label in `/v1/keys` (default none). */
  name?: string;
}

export interface ResolvedKey {
  key: string;
  tenant: string;
  scopes: Scope[];
  id: string;
  name: string | null;
}

export interface MockOptions {
  /** Origin (and optional path) the handlers answer on; default `http://localhost:8000`. */
  baseUrl?: string;
  /** A clock to share, or options for a new one (default: manual). */
  clock?: Clock | ClockOptions;
  /**
   * API keys the server starts with. With none (the default) the mock behaves like a server in
   * loopback mode: no credentials needed, requests act as tenant `default` and may name any tenant,
   * until a key is created with `POST /v1/keys`; from then on every request needs a key.
   */
  keys?: ApiKeyConfig[];
  /** Credit budget per tenant; absent or `null` is unlimited. Over-budget creates answer 402. */
  budgets?: Record<string, number | null>;
  /** Requests per window per key (default 600 per 60 s of mock time); `false` disables limiting. */
  rateLimit?: { limit: number; windowSeconds: number } | false;
  /** Largest accepted request body in bytes (default 52428800); larger bodies answer 413. */
  maxBodyBytes?: number;
  /** Duration of each stage of a job in mock milliseconds (defaults: about 40 s per job). */
  timings?: Partial<PhaseTimings>;
  /** Whether `openai/…` teachers are accepted, as if an OpenAI-compatible endpoint were configured (default true). */
  openaiTeacher?: boolean;
  /**
   * The reference server's `DISTILLERY_WEBHOOK_HOSTS`: host names (`hooks.example.com`, or
   * `*.example.com` for its subdomains), IP addresses and CIDR ranges a `webhook_url` may name.
   * Empty (the default) allows any host but loopback, private, link-local and other non-public
   * addresses and `localhost`; non-empty allows only the hosts listed. The mock sends no webhooks.
   */
  webhookHosts?: string[];
  /**
   * The reference server's `DISTILLERY_IMPORT_HOSTS`: the hosts a model import's `source_url` may
   * name (same syntax as `webhookHosts`). Empty (the default): none, so `source_url` is refused.
   * The mock fetches nothing; an allowed URL answers a plausible model.
   */
  importHosts?: string[];
  /** Largest model import (`POST /v1/models` multipart body) in bytes (default 16 GiB); larger answer 413. */
  maxImportBytes?: number;
}

export interface ResolvedOptions {
  baseUrl: string;
  keys: ResolvedKey[];
  budgets: Record<string, number | null>;
  rateLimit: { limit: number; windowSeconds: number } | false;
  maxBodyBytes: number;
  timings: PhaseTimings;
  openaiTeacher: boolean;
  webhookHosts: HostPolicy;
  importHosts: HostPolicy;
  maxImportBytes: number;
}

export function resolveOptions(options: MockOptions): ResolvedOptions {
  return {
    baseUrl: (options.baseUrl ?? 'http://localhost:8000').replace(/\/$/, ''),
    keys: resolveKeys(options.keys ?? []),
    budgets: options.budgets ?? {},
    rateLimit: options.rateLimit ?? { limit: 600, windowSeconds: 60 },
    maxBodyBytes: options.maxBodyBytes ?? 52428800,
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    openaiTeacher: options.openaiTeacher ?? true,
    webhookHosts: new HostPolicy(options.webhookHosts ?? []),
    importHosts: new HostPolicy(options.importHosts ?? [], 'importHosts'),
    maxImportBytes: options.maxImportBytes ?? 16 * 1024 ** 3,
  };
}

function resolveKeys(keys: ApiKeyConfig[]): ResolvedKey[] {
  const resolved = keys.map(resolveKey);
  const ids = new Set(resolved.map((k) => k.id));
  if (ids.size !== resolved.length)
    throw new RangeError('keys: two keys have the same id (or the same secret)');
  return resolved;
}

function resolveKey(k: ApiKeyConfig): ResolvedKey {
  if (k.id !== undefined && !/^key_[A-Za-z0-9]+$/.test(k.id)) {
    throw new RangeError(`keys: id ${k.id} does not match ^key_[A-Za-z0-9]+$`);
  }
  return {
    key: k.key,
    tenant: k.tenant ?? 'default',
    scopes: k.scopes ?? [...ALL_SCOPES],
    id: k.id ?? derivedKeyId(k.key),
    name: k.name ?? null,
  };
}

/** A stable id for a configured key: the same secret always gets the same id, which does not reveal it. */
function derivedKeyId(secret: string): string {
  const random = seededRandom(`api-key:${secret}`);
  let id = 'key_';
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
  return id;
}
