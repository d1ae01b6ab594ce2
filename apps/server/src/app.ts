import { Hono } from 'hono';
import type { AppEnv, Services } from './context.ts';
import { auth, authModeCache } from './middleware/auth.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { errorHandler, notFoundHandler } from './middleware/error-handler.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestId } from './middleware/request-id.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { distillationRoutes } from './routes/distillation.ts';
import { fineTuningRoutes } from './routes/fine-tuning.ts';
import { inferenceRoutes } from './routes/inference.ts';
import { keyRoutes } from './routes/keys.ts';
import { isModelUpload, modelRoutes } from './routes/models.ts';
import { systemRoutes } from './routes/system.ts';

/** The HTTP API: middleware in the order a request meets it, then one route module per tag. */
export function createApp(s: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const mode = authModeCache(s);
  app.onError(errorHandler);
  app.notFound(notFoundHandler);
  app.use(requestId(s));
  app.use(auth(s, mode));
  app.use(rateLimit(s.settings.rateLimitPerMinute));
  app.use(bodyLimit(s.settings.maxBodyBytes, isModelUpload));
  distillationRoutes(app, s);
  fineTuningRoutes(app, s);
  datasetRoutes(app, s);
  modelRoutes(app, s);
  inferenceRoutes(app, s);
  keyRoutes(app, s, mode);
  systemRoutes(app, s, mode);
  return app;
}
