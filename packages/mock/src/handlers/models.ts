import type { createOpenApiHttp } from 'openapi-msw';
import type { MockContext } from '../context';
import { ApiError } from '../http/errors';
import { endpoint } from '../http/pipeline';
import type { paths } from '../spec';
import { tenantModels } from '../state/models';

type Http = ReturnType<typeof createOpenApiHttp<paths>>;

export function modelHandlers(http: Http, ctx: MockContext) {
  return [
    http.get(
      '/v1/models',
      endpoint(ctx, 'listModels', ({ response }, call) =>
        response(200).json({ object: 'list', data: tenantModels(ctx, call.tenant, call.now) }),
      ),
    ),

    http.get(
      '/v1/models/{model_id}',
      endpoint(ctx, 'getModel', ({ params, response }, call) => {
        // Provider-prefixed ids arrive URL-encoded (`local%2Fft-spam-teacher`).
        const id = decodeURIComponent(params.model_id);
        const model = tenantModels(ctx, call.tenant, call.now).find((m) => m.id === id);
        if (!model) throw new ApiError(404, 'model_not_found', `No model ${id}`, { param: 'model_id' });
        return response(200).json(model);
      }),
    ),
  ];
}
