/**
 * `webhook_url` at job creation, as the reference server judges it (apps/server/src/services/
 * webhooks.ts and addresses.ts): http(s) only, and no literal non-public address or `localhost`
 * unless `webhookHosts` allows it. The mock sends no webhooks, so names are never resolved.
 */
import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMock } from '../src/mock';
import { HostPolicy, nonPublicKind, parseIp, webhookUrlProblem } from '../src/util/addresses';
import { apiJson, BASE, useMockServer } from './support/harness';

useMockServer();

type ErrorBody = { error: { code: string; message: string; param?: string } };
const config = { teacher_model: 'openai/gpt-4o-mini', student_model: 'distillery-nano' };

/** The server suite's list, and more of each kind the brief names. */
const REFUSED = [
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
  'http://LOCALHOST./hooks',
  'http://api.localhost/',
];
const ALLOWED = ['https://hooks.example.com/distillery', 'http://8.8.8.8/', 'https://[2606:4700::1111]/'];

describe('webhook_url on job creation', () => {
  it('refuses other schemes and every non-public host form on both job kinds, naming webhook_url', async () => {
    for (const url of REFUSED) {
      const d = await apiJson<ErrorBody>('/v1/distillation', {
        method: 'POST',
        json: { config, webhook_url: url },
      });
      expect(d.status, url).toBe(400);
      expect(d.body.error, url).toMatchObject({ code: 'invalid_request', param: 'webhook_url' });
      // Checked before the dataset is looked up, as on the server.
      const f = await apiJson<ErrorBody>('/v1/fine-tuning/jobs', {
        method: 'POST',
        json: {
          name: 'x',
          base_model: 'distillery-nano',
          training_dataset: 'ds_doesnotexist',
          webhook_url: url,
        },
      });
      expect(f.status, url).toBe(400);
      expect(f.body.error, url).toMatchObject({ code: 'invalid_request', param: 'webhook_url' });
    }
    const message = await apiJson<ErrorBody>('/v1/distillation', {
      method: 'POST',
      json: { config, webhook_url: 'http://2130706433/' },
    });
    expect(message.body.error.message).toBe(
      'webhook_url: 127.0.0.1 is a loopback address; webhookHosts does not cover it',
    );
    expect((await apiJson<{ total: number }>('/v1/distillation')).body.total, 'nothing was created').toBe(0);
  });

  it('accepts public hosts and keeps the URL on the job', async () => {
    for (const url of ALLOWED) {
      const d = await apiJson<{ webhook_url: string }>('/v1/distillation', {
        method: 'POST',
        json: { config, webhook_url: url },
      });
      expect(d.status, url).toBe(201);
      expect(d.body.webhook_url).toBe(url);
    }
  });

  it('allows what webhookHosts lists, and only that once it lists anything', async () => {
    const mock = createMock({
      webhookHosts: ['127.0.0.1', 'hooks.example.com', '*.corp.example', '10.1.0.0/16'],
    });
    const create = async (url: string) => {
      const request = new Request(`${BASE}/v1/distillation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ config, webhook_url: url }),
      });
      const response = (await getResponse(mock.handlers, request))!;
      return { status: response.status, body: (await response.json()) as ErrorBody };
    };
    for (const url of [
      'http://127.0.0.1:9000/hooks',
      'http://2130706433:9000/hooks',
      'http://[::ffff:127.0.0.1]/',
      'http://10.1.2.3/',
      'https://hooks.example.com/x',
      'https://a.corp.example/x',
    ]) {
      expect((await create(url)).status, url).toBe(201);
    }
    for (const url of ['http://10.2.0.1/', 'http://127.0.0.2/', 'https://other.example.com/']) {
      const refused = await create(url);
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.message, url).toContain('is not in webhookHosts');
    }
    expect((await create('file:///etc/passwd')).body.error.message).toContain('http or https');
    expect(() => createMock({ webhookHosts: ['hooks.example.com', 'not a host'] })).toThrow(/webhookHosts/);
    expect(() => createMock({ webhookHosts: ['10.0.0.0/40'] })).toThrow(/CIDR/);
  });
});

describe('the address rules', () => {
  it('match the reference server on the forms it tests', () => {
    const open = new HostPolicy([]);
    for (const url of [...REFUSED, 'not a url']) expect(webhookUrlProblem(url, open), url).not.toBeNull();
    for (const url of ALLOWED) expect(webhookUrlProblem(url, open), url).toBeNull();
    expect(nonPublicKind('::ffff:10.0.0.1')).toBe('private');
    expect(nonPublicKind('64:ff9b::7f00:1')).toBe('loopback');
    expect(nonPublicKind('2002:a9fe:a9fe::')).toBe('link-local');
    expect(nonPublicKind('100.64.0.1')).toBe('shared (carrier-grade NAT)');
    expect(nonPublicKind('fd00::1')).toBe('unique-local');
    expect(nonPublicKind('8.8.8.8')).toBeNull();
  });

  it('parse only IP literals', () => {
    expect(parseIp('127.0.0.1')).toEqual(Uint8Array.from([127, 0, 0, 1]));
    expect(parseIp('[::1]')?.at(15)).toBe(1);
    for (const text of [
      '127.0.0.1.nip.io',
      '127.1',
      '256.0.0.1',
      '01.2.3.4',
      '1::2::3',
      'example.com',
      ':::',
    ])
      expect(parseIp(text), text).toBeUndefined();
  });
});
