import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Distillery, verifyWebhook, WebhookVerificationError } from '../src/index.js';

const key = Buffer.from('a 32-byte signing key for tests!');
const secret = `whsec_${key.toString('base64')}`;
const payload = JSON.stringify({
  type: 'job.completed',
  timestamp: '2026-04-19T12:41:09Z',
  data: { job_id: 'job_abc123', job_type: 'distillation', status: 'completed', phase: 'done' },
});
const now = Date.parse('2026-04-19T12:41:10Z');
const timestamp = String(Math.floor(now / 1000));

function sign(id: string, ts: string, body: string, signingKey = key): string {
  return `v1,${createHmac('sha256', signingKey).update(`${id}.${ts}.${body}`).digest('base64')}`;
}

const headers = {
  'webhook-id': 'msg_1',
  'webhook-timestamp': timestamp,
  'webhook-signature': sign('msg_1', timestamp, payload),
};

describe('webhooks.verify', () => {
  it('returns the parsed event for a valid signature, from Headers or a plain record', async () => {
    const client = new Distillery({ baseUrl: 'http://unused.test' });
    const event = await client.webhooks.verify(payload, new Headers(headers), secret, { now });
    expect(event.data.job_id).toBe('job_abc123');
    const fromNode = await verifyWebhook(new TextEncoder().encode(payload), { ...headers }, secret, { now });
    expect(fromNode.type).toBe('job.completed');
  });

  it('accepts a rotated secret: any one of several signatures may match', async () => {
    const other = sign('msg_1', timestamp, payload, Buffer.from('an old key'));
    const rotated = { ...headers, 'webhook-signature': `${other} ${headers['webhook-signature']}` };
    await expect(verifyWebhook(payload, rotated, secret, { now })).resolves.toMatchObject({
      type: 'job.completed',
    });
  });

  it('rejects a tampered body', async () => {
    const tampered = payload.replace('completed', 'failed');
    await expect(verifyWebhook(tampered, headers, secret, { now })).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('rejects another secret', async () => {
    const wrong = `whsec_${Buffer.from('another key').toString('base64')}`;
    await expect(verifyWebhook(payload, headers, wrong, { now })).rejects.toThrow(
      /No webhook signature matches/,
    );
  });

  it('rejects a replay outside the five-minute tolerance', async () => {
    await expect(verifyWebhook(payload, headers, secret, { now: now + 6 * 60_000 })).rejects.toThrow(
      /tolerance/,
    );
  });

  it('rejects a delivery without the signature headers', async () => {
    const { 'webhook-signature': _, ...unsigned } = headers;
    await expect(verifyWebhook(payload, unsigned, secret, { now })).rejects.toThrow(/Missing/);
  });
});
