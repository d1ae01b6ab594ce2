import type { Clock, ClockOptions } from './clock';
import { DEFAULT_TIMINGS, type PhaseTimings } from './state/timeline';

export type Scope =
  | 'jobs:read'
  | 'jobs:write'
  | 'datasets:read'
  | 'datasets:write'
  | 'models:read'
  | 'models:write'
  | 'admin';

export const ALL_SCOPES: readonly Scope[] = [
  'jobs:read',
  'jobs:write',
  'datasets:read',
  'datasets:write',
  'models:read',
  'models:write',
];

export interface ApiKeyConfig {
  /** The secret, e.g. `dk_test_alice`. Sent as `Authorization: Bearer …` or `X-API-Key`. */
  key: string;
  /** The tenant the key belongs to (default `default`). */
  tenant?: string;
  /** Scopes the key carries (default every scope except `admin`). */
  scopes?: Scope[];
}

export interface MockOptions {
  /** Origin (and optional path) the handlers answer on; default `http://localhost:8000`. */
  baseUrl?: string;
  /** A clock to share, or options for a new one (default: manual). */
  clock?: Clock | ClockOptions;
  /**
   * API keys. With none (the default) the mock behaves like a server in loopback mode: no
   * credentials needed, requests act as tenant `default` and may name any tenant.
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
}

export interface ResolvedOptions {
  baseUrl: string;
  keys: Array<Required<ApiKeyConfig>>;
  budgets: Record<string, number | null>;
  rateLimit: { limit: number; windowSeconds: number } | false;
  maxBodyBytes: number;
  timings: PhaseTimings;
  openaiTeacher: boolean;
}

export function resolveOptions(options: MockOptions): ResolvedOptions {
  return {
    baseUrl: (options.baseUrl ?? 'http://localhost:8000').replace(/\/$/, ''),
    keys: (options.keys ?? []).map((k) => ({
      key: k.key,
      tenant: k.tenant ?? 'default',
      scopes: k.scopes ?? [...ALL_SCOPES],
    })),
    budgets: options.budgets ?? {},
    rateLimit: options.rateLimit ?? { limit: 600, windowSeconds: 60 },
    maxBodyBytes: options.maxBodyBytes ?? 52428800,
    timings: { ...DEFAULT_TIMINGS, ...options.timings },
    openaiTeacher: options.openaiTeacher ?? true,
  };
}
