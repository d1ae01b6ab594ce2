// Outbound requests and secrets: webhook URLs the operator does not allow are refused at job
// creation, at restart and again after DNS at delivery; redirects are not followed; every delivery
// attempt is logged without the secret; and a teacher endpoint's credentials never reach a job's
// error, its logs, a webhook or the server's own log.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.ts';
import { HostPolicy, nonPublicKind } from '../src/services/addresses.ts';
import { redactor, redactUrl } from '../src/services/redact.ts';
import { deliverWebhook, webhookUrlProblem } from '../src/services/webhooks.ts';
import { client, removeDir, startServer, type TestServer, until } from './support/harness.ts';

const SECRET = `whsec_${Buffer.from('webhook-secret-for-redaction-tests').toString('base64')}`;

/** A receiver on loopback that records what it gets and answers `status` (a redirect with 3xx). */
async function receiver(status = 200) {
  const received: Array<{ url: string; headers: IncomingHttpHeaders; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.statusCode = status;
      if (status >= 300 && status < 400) res.setHeader('location', `${base}/followed`);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    port,
    base,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A pino logger whose lines land in an array. */
function captureLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream) as unknown as Logger, lines: () => lines };
}

const message = (url: string) => ({
  message_id: 'msg_test0000000001',
  url,
  body: JSON.stringify({ type: 'job.failed', data: { job_id: 'job_abc123' } }),
  job_id: 'job_abc123',
  type: 'job.failed',
});

describe('webhook URL rules', () => {
  const open = new HostPolicy('');

  it('refuses other schemes and every non-public address form by default', () => {
    for (const url of [
      'file:///etc/passwd',
      'gopher://example.com/',
      'ftp://example.com/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://017700000001/',
      'http://127.1/',
      'http://0.0.0.0:8000/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fe80::1]/',
      'http://[fd12:3456::1]/',
      'http://10.0.0.5/',
      'http://172.16.1.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://localhost:8000/',
      'http://api.localhost/',
      'not a url',
    ])
      expect(webhookUrlProblem(url, open), url).not.toBeNull();
    for (const url of [
      'https://hooks.example.com/distillery',
      'http://8.8.8.8/',
      'https://[2606:4700::1111]/',
    ])
      expect(webhookUrlProblem(url, open), url).toBeNull();
    expect(nonPublicKind('::ffff:10.0.0.1')).toBe('private');
    expect(nonPublicKind('64:ff9b::7f00:1')).toBe('loopback');
    expect(nonPublicKind('2002:a9fe:a9fe::')).toBe('link-local');
  });

  it('allows only the listed hosts once DISTILLERY_WEBHOOK_HOSTS names some', () => {
    const listed = new HostPolicy('127.0.0.1, hooks.example.com, *.corp.example, 10.1.0.0/16');
    expect(webhookUrlProblem('http://127.0.0.1:9000/hooks', listed)).toBeNull();
    expect(webhookUrlProblem('http://2130706433:9000/hooks', listed)).toBeNull();
    expect(webhookUrlProblem('http://[::ffff:127.0.0.1]/', listed)).toBeNull();
    expect(webhookUrlProblem('http://10.1.2.3/', listed)).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/x', listed)).toBeNull();
    expect(webhookUrlProblem('https://a.corp.example/x', listed)).toBeNull();
    expect(webhookUrlProblem('http://10.2.0.1/', listed)).toContain('not in DISTILLERY_WEBHOOK_HOSTS');
    expect(webhookUrlProblem('http://127.0.0.2/', listed)).toContain('not in DISTILLERY_WEBHOOK_HOSTS');
    expect(webhookUrlProblem('https://other.example.com/', listed)).toContain(
      'not in DISTILLERY_WEBHOOK_HOSTS',
    );
    expect(webhookUrlProblem('file:///etc/passwd', listed)).toContain('http or https');
    // A listed name is still checked after DNS: its private addresses need an IP or CIDR entry.
    expect(listed.refuseAddress('192.168.0.9')).toContain('private');
    expect(listed.refuseAddress('10.1.9.9')).toBeNull();
    expect(() => new HostPolicy('hooks.example.com, not a host')).toThrow(/DISTILLERY_WEBHOOK_HOSTS/);
    expect(() => new HostPolicy('10.0.0.0/40')).toThrow(/CIDR/);
  });
});

describe('webhook delivery', () => {
  it('refuses a name that resolves to a loopback address, after DNS, without retrying', async () => {
    const r = await receiver();
    const { logger, lines } = captureLogger();
    try {
      await deliverWebhook(message(`http://localhost:${r.port}/hooks`), {
        secret: SECRET,
        logger,
        policy: new HostPolicy('localhost'),
      });
      expect(r.received).toHaveLength(0);
      const line = JSON.parse(lines().at(-1) as string);
      expect(line).toMatchObject({ job_id: 'job_abc123', event: 'job.failed', attempt: 1 });
      expect(line.msg).toContain('not retried');
      expect(line.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
      // With the loopback addresses allowed too, the same URL is delivered.
      await deliverWebhook(message(`http://localhost:${r.port}/hooks`), {
        secret: SECRET,
        logger,
        policy: new HostPolicy('localhost, 127.0.0.1, ::1'),
      });
      expect(r.received).toHaveLength(1);
    } finally {
      await r.close();
    }
  });

  it('does not follow a redirect: a 3xx is a failed attempt, logged, and retried later', async () => {
    const r = await receiver(302);
    const { logger, lines } = captureLogger();
    try {
      await expect(
        deliverWebhook(message(`${r.base}/hooks`), {
          secret: SECRET,
          logger,
          policy: new HostPolicy('127.0.0.1'),
          attempt: 3,
        }),
      ).rejects.toThrow(/answered 302/);
      expect(r.received.map((x) => x.url)).toEqual(['/hooks']);
      const line = JSON.parse(lines().at(-1) as string);
      expect(line).toMatchObject({ job_id: 'job_abc123', event: 'job.failed', attempt: 3, status: 302 });
      expect(line.msg).toContain('redirect');
    } finally {
      await r.close();
    }
  });

  it('logs every attempt (delivered, refused, unreachable) without the secret or the signature', async () => {
    const ok = await receiver(200);
    const failing = await receiver(500);
    const { logger, lines } = captureLogger();
    const policy = new HostPolicy('127.0.0.1');
    try {
      await deliverWebhook(message(`${ok.base}/hooks?token=url-secret-123456`), {
        secret: SECRET,
        logger,
        policy,
      });
      await expect(
        deliverWebhook(message(`${failing.base}/hooks`), { secret: SECRET, logger, policy, attempt: 9 }),
      ).rejects.toThrow(/answered 500/);
      const closedPort = failing.port;
      await failing.close();
      await expect(
        deliverWebhook(message(`http://127.0.0.1:${closedPort}/hooks`), { secret: SECRET, logger, policy }),
      ).rejects.toThrow(/ECONNREFUSED/);
      const parsed = lines().map((l) => JSON.parse(l));
      expect(parsed.map((l) => [l.msg, l.status ?? l.error])).toEqual([
        ['webhook delivered', 200],
        ['webhook delivery was refused; giving up', 500],
        ['webhook delivery failed; will retry', 'ECONNREFUSED'],
      ]);
      for (const l of parsed) expect(l).toMatchObject({ job_id: 'job_abc123', event: 'job.failed' });
      expect(parsed[0].url).toBe(`${ok.base}/hooks?[redacted]`);
      const signature = ok.received[0]?.headers['webhook-signature'] as string;
      expect(signature).toMatch(/^v1,/);
      const all = lines().join('\n');
      for (const secret of [SECRET, SECRET.slice(6), signature, signature.slice(3), 'url-secret-123456'])
        expect(all).not.toContain(secret);
    } finally {
      await ok.close();
    }
  });
});

describe('redaction', () => {
  it('strips userinfo and query strings from URLs and configured secrets from text', () => {
    expect(redactUrl('https://user:pass@host.example/v1?key=k')).toBe(
      'https://[redacted]@host.example/v1?[redacted]',
    );
    expect(redactUrl('https://host.example/v1')).toBe('https://host.example/v1');
    const scrub = redactor(['sk-live-abcdef123456']);
    expect(
      scrub('fetch https://a:b@h.example/v1/chat?api_key=zzz failed; sent Bearer sk-live-abcdef123456'),
    ).toBe('fetch https://[redacted]@h.example/v1/chat?[redacted] failed; sent Bearer [redacted]');
  });
});

describe('a server whose teacher endpoint has credentials', () => {
  const PASSWORD = 'hunter2-server-password';
  const QUERY_SECRET = 'query-secret-server-4567';
  const API_KEY = 'sk-server-test-key-0123456789';
  let server: TestServer;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let jobId: string;

  beforeAll(async () => {
    hooks = await receiver();
    server = await startServer({
      env: {
        // Unreachable (port 9), with a password in its userinfo and a key in its query.
        OPENAI_BASE_URL: `http://alice:${PASSWORD}@127.0.0.1:9/v1?api-key=${QUERY_SECRET}`,
        OPENAI_API_KEY: API_KEY,
        DISTILLERY_WEBHOOK_SECRET: SECRET,
        DISTILLERY_WEBHOOK_HOSTS: '127.0.0.1',
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await hooks?.close();
    if (server) removeDir(server.dataDir);
  });

  it('refuses a webhook_url outside DISTILLERY_WEBHOOK_HOSTS on both job kinds, naming webhook_url', async () => {
    const api = client(server.url);
    const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-nano' };
    for (const url of [
      'file:///etc/passwd',
      'gopher://127.0.0.1:70/',
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706434/',
      'http://0x7f000002/',
      'http://localhost:8000/',
      'https://hooks.example.com/',
    ]) {
      const d = await api('POST', '/v1/distillation', { config, webhook_url: url });
      expect(d.status, url).toBe(400);
      expect(d.json.error, url).toMatchObject({ code: 'invalid_request', param: 'webhook_url' });
      const f = await api('POST', '/v1/fine-tuning/jobs', {
        name: 'x',
        base_model: 'distillery-nano',
        training_dataset: 'ds_doesnotexist',
        webhook_url: url,
      });
      expect(f.status, url).toBe(400);
      expect(f.json.error, url).toMatchObject({ code: 'invalid_request', param: 'webhook_url' });
    }
  });

  it('fails the job without the password, the query key or the API key anywhere', async () => {
    const api = client(server.url);
    const created = await api('POST', '/v1/distillation', {
      name: 'credentialed teacher',
      config: {
        teacher_model: 'openai/gpt-4o-mini',
        student_model: 'distillery-nano',
        prompts: ['Subject: Cheap meds online', 'Subject: Meeting notes from Tuesday'],
        backend: 'cpu',
      },
      webhook_url: `${hooks.base}/hooks`,
    });
    expect(created.status, created.text).toBe(201);
    jobId = created.json.id;
    const job = await until(async () => {
      const r = await api('GET', `/v1/distillation/${jobId}`);
      return r.json.status === 'failed' ? r : undefined;
    });
    expect(job.json.error.code).toBe('teacher_unreachable');
    expect(job.json.error.message).toContain('http://[redacted]@127.0.0.1:9/v1?[redacted]');
    const webhook = await until(async () =>
      hooks.received.find((h) => JSON.parse(h.body).type === 'job.failed'),
    );
    const logs = await api('GET', `/v1/distillation/${jobId}/logs?lines=1000`);
    expect(logs.json.lines.at(-1).message).toContain('teacher_unreachable');
    // The server logs the delivery attempt.
    await until(async () => (server.output().includes('"msg":"webhook delivered"') ? true : undefined));
    const deliveries = server
      .output()
      .split('\n')
      .filter((l) => l.includes('"msg":"webhook delivered"'))
      .map((l) => JSON.parse(l));
    expect(deliveries.some((d) => d.job_id === jobId && d.event === 'job.failed' && d.attempt === 1)).toBe(
      true,
    );
    for (const [where, text] of [
      ['job', job.text],
      ['logs', logs.text],
      ['webhook', webhook.body],
      ['server output', server.output()],
    ] as const) {
      for (const secret of [PASSWORD, QUERY_SECRET, API_KEY, SECRET.slice(6)])
        expect(text, `${where} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('refuses to restart a job whose webhook_url the operator no longer allows', async () => {
    await server.stop();
    server = await startServer({ dataDir: server.dataDir });
    const r = await client(server.url)('POST', `/v1/distillation/${jobId}/restart`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'invalid_request', param: 'webhook_url' });
    expect(r.json.error.message).toContain('127.0.0.1');
  });
});
