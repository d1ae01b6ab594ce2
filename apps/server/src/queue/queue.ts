import { PgBoss } from 'pg-boss';
import type { Settings } from '../settings.ts';
import type { Db } from '../storage/db.ts';

export const TRAINING_QUEUE = 'training';
export const WEBHOOK_QUEUE = 'webhooks';

export interface TrainingMessage {
  job_id: string;
  /** The job's attempt when queued; a message from before a restart is stale and skipped. */
  attempt: number;
}

export interface WebhookMessage {
  message_id: string;
  url: string;
  body: string;
  /** The job and event, for the delivery log (messages queued before they were added lack them). */
  job_id?: string;
  type?: string;
}

/** Retries after a webhook's first attempt (a 3xx, 4xx, 5xx, timeout or connection error). */
export const WEBHOOK_RETRY_LIMIT = 8;

/** pg-boss on the application's database (PGlite through its adapter, or PostgreSQL). */
export async function openQueue(db: Db, settings: Settings): Promise<PgBoss> {
  const boss = new PgBoss({
    ...db.boss,
    backend: db.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: 'pgboss',
    monitorIntervalSeconds: settings.monitorSeconds,
    superviseIntervalSeconds: settings.monitorSeconds,
    registerInstance: false,
  });
  await boss.start();
  await boss.createQueue(TRAINING_QUEUE, {
    // A worker that dies stops its heartbeat; pg-boss then hands the job to another worker, which
    // resumes it from its checkpoint. Engine failures are recorded on the job, never retried here.
    heartbeatSeconds: settings.heartbeatSeconds,
    // pg-boss caps a run at 24 h; a longer one is handed on and resumes from its checkpoint.
    expireInSeconds: 24 * 3600,
    retryLimit: 20,
    retryDelay: 1,
  });
  await boss.createQueue(WEBHOOK_QUEUE, {
    retryLimit: WEBHOOK_RETRY_LIMIT,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 600,
  });
  return boss;
}

export function enqueueTraining(
  boss: PgBoss,
  tenantId: string,
  message: TrainingMessage,
): Promise<string | null> {
  // The group makes pg-boss hold a tenant to its concurrency limit across every worker.
  return boss.send(TRAINING_QUEUE, message, { group: { id: tenantId } });
}
