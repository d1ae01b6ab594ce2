import type { Services } from '../context.ts';
import { TRAINING_QUEUE, type TrainingMessage, WEBHOOK_QUEUE, type WebhookMessage } from '../queue/queue.ts';
import { deliverWebhook } from '../services/webhooks.ts';
import { runJob } from './run-job.ts';

/**
 * Takes training jobs from the queue: at most `maxJobsPerWorker` at once in this process and
 * `maxJobsPerTenant` per tenant across all workers (pg-boss group concurrency). Also delivers
 * webhooks when a secret is configured.
 */
export async function startWorker(s: Services): Promise<{ stop(): Promise<void> }> {
  // On shutdown, running jobs stop their engine and stay `running`: pg-boss hands them to another
  // worker (or this one, restarted), which resumes them from their checkpoint.
  const shutdown = new AbortController();
  await s.boss.work<TrainingMessage>(
    TRAINING_QUEUE,
    {
      localConcurrency: s.settings.maxJobsPerWorker,
      groupConcurrency: s.settings.maxJobsPerTenant,
      pollingIntervalSeconds: 1,
    },
    async ([job]) => {
      if (job) await runJob(s, job.data, AbortSignal.any([job.signal, shutdown.signal]));
    },
  );
  const secret = s.settings.webhookSecret;
  if (secret) {
    await s.boss.work<WebhookMessage>(
      WEBHOOK_QUEUE,
      { pollingIntervalSeconds: 1, localConcurrency: 2 },
      async ([m]) => {
        if (m)
          await deliverWebhook(m.data, {
            secret,
            logger: s.logger,
            policy: s.settings.webhookHosts,
            attempt: m.retryCount + 1,
          });
      },
    );
  } else {
    s.logger.warn(
      'DISTILLERY_WEBHOOK_SECRET is not set: webhooks stay queued until a worker with a secret delivers them',
    );
  }
  s.logger.info(
    { concurrency: s.settings.maxJobsPerWorker, per_tenant: s.settings.maxJobsPerTenant },
    'worker started',
  );
  return {
    async stop() {
      shutdown.abort();
      await s.boss.offWork(TRAINING_QUEUE);
      if (secret) await s.boss.offWork(WEBHOOK_QUEUE);
    },
  };
}
