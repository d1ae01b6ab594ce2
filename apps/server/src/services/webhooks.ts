import { createHmac } from 'node:crypto';
import type { PgBoss } from 'pg-boss';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { WEBHOOK_QUEUE, type WebhookMessage } from '../queue/queue.ts';
import type { JobRow } from '../storage/jobs.ts';

export type WebhookType = 'job.completed' | 'job.failed' | 'job.cancelled' | 'job.phase_changed';

/** The HMAC key of a Standard Webhooks secret: `whsec_<base64>` decodes, anything else is raw text. */
function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, per the Standard Webhooks spec. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Queues a job event for its webhook_url; pg-boss retries the delivery with back-off. */
export async function queueWebhook(boss: PgBoss, job: JobRow, type: WebhookType): Promise<void> {
  if (!job.webhook_url) return;
  const body = JSON.stringify({
    type,
    timestamp: new Date().toISOString(),
    data: {
      job_id: job.id,
      job_type: job.kind,
      status: job.status,
      phase: job.phase,
      ...(Object.keys(job.results).length ? { results: job.results } : {}),
      error: job.error,
    },
  });
  const message: WebhookMessage = { message_id: newId('msg', 16), url: job.webhook_url, body };
  await boss.send(WEBHOOK_QUEUE, message);
}

/** Delivers one webhook attempt; a non-2xx answer throws so pg-boss retries it later. */
export async function deliverWebhook(message: WebhookMessage, secret: string, logger: Logger): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(message.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'distillery-webhooks/1',
      'webhook-id': message.message_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, message.message_id, timestamp, message.body),
    },
    body: message.body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.body?.cancel();
  if (!res.ok) {
    logger.warn(
      { webhook_id: message.message_id, status: res.status },
      'webhook delivery refused; will retry',
    );
    throw new Error(`webhook ${message.message_id} answered ${res.status}`);
  }
}
