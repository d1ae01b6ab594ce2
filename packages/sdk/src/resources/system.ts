import type { RequestOptions } from '../core/options.js';
import { type Transport, unwrap, type WithRequestId } from '../core/transport.js';
import type {
  DecodeStats,
  Hardware as HardwareInfo,
  Health as HealthStatus,
  RecentRequestList,
  RecentRequestsParams,
  ServerConfig,
  Stats as TenantStats,
} from '../types.js';

/** Compute backends the server detected: `/v1/hardware`. */
export class Hardware {
  constructor(private readonly transport: Transport) {}

  async get(options?: RequestOptions): Promise<WithRequestId<HardwareInfo>> {
    return unwrap(await this.transport.api.GET('/v1/hardware', this.transport.init(options)));
  }
}

/** Job, dataset, model and cost totals for the tenant (`/v1/stats`), and the serving figures under it. */
export class Stats {
  constructor(private readonly transport: Transport) {}

  async get(options?: RequestOptions): Promise<WithRequestId<TenantStats>> {
    return unwrap(
      await this.transport.api.GET('/v1/stats', {
        params: { query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /**
   * Live serving figures (`/v1/stats/decode`): tokens per second over the last minute, time to
   * first token and inter-token latency percentiles, queue depth and batch sizes, and the state of
   * each of the tenant's loaded models.
   */
  async decode(options?: RequestOptions): Promise<WithRequestId<DecodeStats>> {
    return unwrap(
      await this.transport.api.GET('/v1/stats/decode', {
        params: { query: this.transport.tenant() },
        ...this.transport.init(options),
      }),
    );
  }

  /**
   * The tenant's latest inference requests, newest first (`/v1/stats/recent-requests`, `limit`
   * default 50, at most 256): model, endpoint, how each ended, tokens and timings. `data` holds them.
   */
  async recentRequests(
    params: RecentRequestsParams = {},
    options?: RequestOptions,
  ): Promise<WithRequestId<RecentRequestList>> {
    return unwrap(
      await this.transport.api.GET('/v1/stats/recent-requests', {
        params: { query: { ...this.transport.tenant(), ...params } },
        ...this.transport.init(options),
      }),
    );
  }
}

/** What the server accepts and runs with, secrets excluded: `/v1/config`. */
export class Config {
  constructor(private readonly transport: Transport) {}

  async get(options?: RequestOptions): Promise<WithRequestId<ServerConfig>> {
    return unwrap(await this.transport.api.GET('/v1/config', this.transport.init(options)));
  }
}

/** Liveness and readiness: `/v1/health`. An unhealthy server answers 503, thrown as `InternalServerError`. */
export class Health {
  constructor(private readonly transport: Transport) {}

  async get(options?: RequestOptions): Promise<WithRequestId<HealthStatus>> {
    return unwrap(await this.transport.api.GET('/v1/health', this.transport.init(options)));
  }
}
