import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PgBoss } from 'pg-boss';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { WEBHOOK_QUEUE, WEBHOOK_RETRY_LIMIT, type WebhookMessage } from '../queue/queue.ts';
import type { JobRow } from '../storage/jobs.ts';
import { checkedLookup, type HostPolicy } from './addresses.ts';
import { redactUrl } from './redact.ts';

export type WebhookType = 'job.completed' | 'job.failed' | 'job.cancelled' | 'job.phase_changed';

/** The HMAC key of a Standard Webhooks secret: `whsec_<base64>` decodes, anything else is raw text. */
function secretKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, per the Standard Webhooks spec. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Why a `webhook_url` may not be used, or null when it may: only http(s), and only a host the
 * operator's policy allows. Names are resolved (and checked again) at delivery.
 */
export function webhookUrlProblem(raw: string, policy: HostPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook_url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `webhook_url must be an http or https URL, not ${url.protocol}`;
  if (!url.hostname) return 'webhook_url has no host';
  const refused = policy.refuseHost(url.hostname);
  return refused ? `webhook_url: ${refused}` : null;
}

/** 400 `invalid_request` naming `webhook_url` when the URL may not receive webhooks. */
export function assertWebhookUrl(raw: string | null | undefined, policy: HostPolicy): void {
  if (raw === null || raw === undefined) return;
  const problem = webhookUrlProblem(raw, policy);
  if (problem) throw new ApiError(400, 'invalid_request', problem, { param: 'webhook_url' });
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
  const message: WebhookMessage = {
    message_id: newId('msg', 16),
    url: job.webhook_url,
    body,
    job_id: job.id,
    type,
  };
  await boss.send(WEBHOOK_QUEUE, message);
}

/** A delivery the policy forbids: final, never retried. */
export class WebhookRefused extends Error {
  readonly code = 'EWEBHOOKREFUSED';
}

/** One POST, no redirects followed: answers the status code. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  policy: HostPolicy,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const refused = policy.refuseHost(url.hostname);
    if (refused) {
      reject(new WebhookRefused(refused));
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: checkedLookup(policy, (message) => new WebhookRefused(message)),
        // A fresh connection each attempt, so each one resolves and checks the host again.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** What a message is about, for the log: from its own fields, else from its body. */
function describe(message: WebhookMessage): { job_id?: string; event?: string } {
  if (message.job_id && message.type) return { job_id: message.job_id, event: message.type };
  try {
    const parsed = JSON.parse(message.body) as { type?: string; data?: { job_id?: string } };
    return {
      ...(parsed.data?.job_id ? { job_id: parsed.data.job_id } : {}),
      ...(parsed.type ? { event: parsed.type } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Delivers one webhook attempt and logs it (job, event, attempt, status or error; never the secret
 * or the signature, and the URL without credentials or query). A 2xx is delivered; any other
 * answer, a redirect included, or a network error throws so that pg-boss retries it later; a URL
 * the policy forbids (checked again here, after DNS) is logged and dropped.
 */
export async function deliverWebhook(
  message: WebhookMessage,
  opts: { secret: string; logger: Logger; policy: HostPolicy; attempt?: number; timeoutMs?: number },
): Promise<void> {
  const attempt = opts.attempt ?? 1;
  const context = {
    ...describe(message),
    webhook_id: message.message_id,
    attempt,
    url: redactUrl(message.url),
  };
  const retrying = attempt <= WEBHOOK_RETRY_LIMIT;
  let url: URL;
  try {
    url = new URL(message.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookRefused('not http(s)');
  } catch (err) {
    opts.logger.warn({ ...context, error: (err as Error).message }, 'webhook refused: not an http(s) URL');
    return;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let status: number;
  try {
    status = await post(
      url,
      {
        'content-type': 'application/json',
        'user-agent': 'distillery-webhooks/1',
        'webhook-id': message.message_id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(opts.secret, message.message_id, timestamp, message.body),
      },
      message.body,
      opts.policy,
      opts.timeoutMs ?? 10_000,
    );
  } catch (err) {
    const e = err as Error & { code?: string };
    if (err instanceof WebhookRefused || e.code === 'EWEBHOOKREFUSED') {
      opts.logger.warn(
        { ...context, error: e.message },
        'webhook refused by DISTILLERY_WEBHOOK_HOSTS; not retried',
      );
      return;
    }
    const error = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : (e.code ?? e.message);
    opts.logger.warn(
      { ...context, error },
      retrying ? 'webhook delivery failed; will retry' : 'webhook delivery failed; giving up',
    );
    throw new Error(`webhook ${message.message_id} failed: ${error}`);
  }
  const ms = Math.round(performance.now() - started);
  if (status >= 200 && status < 300) {
    opts.logger.info({ ...context, status, ms }, 'webhook delivered');
    return;
  }
  const what = status >= 300 && status < 400 ? 'answered a redirect, which is not followed' : 'was refused';
  opts.logger.warn(
    { ...context, status, ms },
    `webhook delivery ${what}; ${retrying ? 'will retry' : 'giving up'}`,
  );
  throw new Error(`webhook ${message.message_id} answered ${status}`);
}
