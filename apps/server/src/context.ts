import type { HttpBindings } from '@hono/node-server';
import type { PgBoss } from 'pg-boss';
import type { Logger } from './logger.ts';
import type { Metrics } from './services/metrics.ts';
import type { Serving } from './serving/service.ts';
import type { Settings } from './settings.ts';
import type { Db } from './storage/db.ts';

/** What every route and middleware shares for the life of the process. */
export interface Services {
  db: Db;
  boss: PgBoss;
  settings: Settings;
  logger: Logger;
  metrics: Metrics;
  /** Loaded models and their decoders (a thread started on the first inference request). */
  serving: Serving;
  startedAt: number;
  version: string;
}

export interface AuthContext {
  /** The key's tenant, or `default` for a loopback client when no key exists. */
  tenantId: string;
  scopes: ReadonlySet<string>;
  keyId: string | null;
  /** `admin` keys (and loopback mode) may act on any tenant. */
  admin: boolean;
}

export type AppEnv = {
  Bindings: HttpBindings;
  Variables: { requestId: string; auth: AuthContext; logger: Logger };
};
