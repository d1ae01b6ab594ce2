/**
 * `/v1/keys`, as the reference server answers it (apps/server/src/routes/keys.ts): admin only (the
 * spec's scope; a loopback caller of a mock without keys is admin), on every tenant unless
 * `tenant_id` narrows it. A created key answers its secret once and authenticates from the next
 * request on; creating one turns authentication on for good (until `mock.reset()`).
 */
import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError } from '../http/errors';
import { endpoint } from '../http/pipeline';
import { ALL_SCOPES } from '../options';
import type { paths, Schemas } from '../spec';
import { toApiKey } from '../state/keys';
import { pageOf } from './common';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;
type CreateRequest = Schemas['CreateApiKeyRequest'];

const keyNotFound = (id: string) =>
  new ApiError(404, 'key_not_found', `No API key ${id}`, { param: 'key_id' });

export function keyHandlers(http: Http, ctx: MockContext) {
  return [
    http.get(
      '/v1/keys',
      endpoint(ctx, 'listApiKeys', ({ response }, call) => {
        const keys = ctx.state.keys.list(call.url.searchParams.get('tenant_id'));
        const { page, total, has_more } = pageOf(keys, call.url);
        return response(200).json({ keys: page.map(toApiKey), total, has_more });
      }),
    ),

    http.post(
      '/v1/keys',
      endpoint(ctx, 'createApiKey', ({ response }, call) => {
        const body = call.body as CreateRequest;
        const record = ctx.state.keys.create({
          tenant: call.tenant,
          ...(body.name !== undefined ? { name: body.name } : {}),
          scopes: body.scopes ?? [...ALL_SCOPES],
          mode: body.mode ?? 'live',
          now: call.now,
        });
        if (body.budget !== undefined) ctx.state.budgets.set(call.tenant, body.budget);
        return response(201).json({ ...toApiKey(record), key: record.secret });
      }),
    ),

    http.delete(
      '/v1/keys/{key_id}',
      endpoint(ctx, 'revokeApiKey', ({ params, response }, call) => {
        const named = call.url.searchParams.get('tenant_id');
        const record = ctx.state.keys.get(params.key_id);
        if (!record || (named && record.tenant !== named)) throw keyNotFound(params.key_id);
        return response(200).json(toApiKey(ctx.state.keys.revoke(record, call.now)));
      }),
    ),
  ];
}
