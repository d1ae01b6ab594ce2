/**
 * Everything the simulated server holds, per mock instance: API keys, datasets, jobs, budgets set
 * through the API, idempotency records, rate-limit windows and request counters. `reset()` empties
 * it between tests (back to the configured keys and budgets).
 */
import type { ResolvedKey } from '../options';
import type { Schemas } from '../spec';
import { ArtifactCache } from './artifacts';
import { type JobRecord, syncJob } from './jobs';
import type { Row } from './jsonl';
import { KeyRing } from './keys';
import { ServingState } from './serving';
import type { Status } from './timeline';

export interface DatasetRecord {
  id: string;
  tenant: string;
  name: string;
  format: Schemas['Dataset']['format'];
  rows: Row[];
  sizeBytes: number;
  checksum: string;
  labelCounts?: Record<string, number>;
  createdAt: number;
}

export interface ImportedModelRecord {
  tenant: string;
  model: Schemas['Model'];
}

export interface DistillationRecord extends JobRecord {
  kind: 'distillation';
  config: Schemas['DistillationConfig'];
  teacherParameters?: number;
  studentParameters: number;
}

export interface FineTuningRecord extends JobRecord {
  kind: 'fine_tuning';
  baseModel: string;
  trainingDataset: string;
  validationDataset: string | null;
  hyperparameters: Required<Schemas['FineTuningHyperparameters']>;
  suffix: string | null;
  backend: 'auto' | 'webgpu' | 'cpu';
  baseParameters?: number;
  /** Rows of the training dataset when the job was created (a restart re-runs on the same rows). */
  rows: number;
  tokensPerStep: number;
}

export type AnyJob = DistillationRecord | FineTuningRecord;

interface IdempotencyRecord {
  fingerprint: string;
  resourceId: string;
  expiresAt: number;
}

/** How long an Idempotency-Key is remembered, as the spec says. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export class MockState {
  /** API keys: the configured ones, then those created through `/v1/keys`. */
  readonly keys: KeyRing;
  /** Tenant budgets set by `POST /v1/keys` (`budget`), over the configured `budgets`. */
  readonly budgets = new Map<string, number>();
  readonly datasets = new Map<string, DatasetRecord>();
  /** Models imported with `POST /v1/models`, by `tenant/id`, in import order. */
  readonly importedModels = new Map<string, ImportedModelRecord>();
  /** Models a job produced that `DELETE /v1/models/{id}` removed, as `tenant/id`. */
  readonly deletedModels = new Set<string>();
  readonly jobs = new Map<string, AnyJob>();
  readonly artifacts = new ArtifactCache();
  /** Loaded models, recent inference requests and decode figures. */
  readonly serving = new ServingState();
  /** Requests served, by `METHOD route status`, for the Prometheus endpoint. */
  readonly requestCounts = new Map<string, number>();
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly listeners = new Set<() => void>();

  /** `keys`: the configured API keys, made at `startedAt` (the clock's start). */
  constructor(keys: readonly ResolvedKey[] = [], startedAt = 0) {
    this.keys = new KeyRing(keys, startedAt);
  }

  /** Called after a mutation that event streams should see at once (cancel, restart, delete). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed() {
    for (const listener of [...this.listeners]) listener();
  }

  job<K extends AnyJob['kind']>(kind: K, id: string, tenant: string, now: number) {
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind || job.tenant !== tenant) return undefined;
    syncJob(job, now);
    return job as Extract<AnyJob, { kind: K }>;
  }

  tenantJobs<K extends AnyJob['kind']>(kind: K, tenant: string, now: number) {
    const jobs: Array<Extract<AnyJob, { kind: K }>> = [];
    for (const job of this.jobs.values()) {
      if (job.kind !== kind || job.tenant !== tenant) continue;
      syncJob(job, now);
      jobs.push(job as Extract<AnyJob, { kind: K }>);
    }
    return jobs;
  }

  countByStatus(jobs: JobRecord[]): Schemas['StatusCounts'] {
    const counts: Record<Status, number> = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
    for (const job of jobs) counts[job.last.status] += 1;
    return counts;
  }

  /** Credits the tenant has spent so far, across both job kinds. */
  spent(tenant: string, now: number): number {
    let total = 0;
    for (const kind of ['distillation', 'fine_tuning'] as const) {
      for (const job of this.tenantJobs(kind, tenant, now)) total += job.estimatedCost * job.last.fraction;
    }
    return total;
  }

  runningJobs(now: number): number {
    let running = 0;
    for (const job of this.jobs.values()) {
      syncJob(job, now);
      if (job.last.status === 'running') running += 1;
    }
    return running;
  }

  /**
   * Looks up an Idempotency-Key: `undefined` when unseen (or expired), else whether the body
   * matches and the resource created the first time.
   */
  recall(scope: string, key: string, fingerprint: string, now: number) {
    const record = this.idempotency.get(`${scope}\n${key}`);
    if (!record || record.expiresAt <= now) return undefined;
    return { sameBody: record.fingerprint === fingerprint, resourceId: record.resourceId };
  }

  remember(scope: string, key: string, fingerprint: string, resourceId: string, now: number) {
    this.idempotency.set(`${scope}\n${key}`, {
      fingerprint,
      resourceId,
      expiresAt: now + IDEMPOTENCY_TTL_MS,
    });
  }

  /** Counts a request against its key's fixed window; returns the window's figures. */
  hit(principal: string, limit: number, windowMs: number, now: number) {
    let window = this.windows.get(principal);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(principal, window);
    }
    window.count += 1;
    return {
      allowed: window.count <= limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(0, Math.ceil((window.start + windowMs - now) / 1000)),
    };
  }

  count(route: string) {
    this.requestCounts.set(route, (this.requestCounts.get(route) ?? 0) + 1);
  }

  reset() {
    this.keys.reset();
    this.budgets.clear();
    this.datasets.clear();
    this.importedModels.clear();
    this.deletedModels.clear();
    this.jobs.clear();
    this.artifacts.clear();
    this.serving.reset();
    this.requestCounts.clear();
    this.idempotency.clear();
    this.windows.clear();
    // Open event streams see their job gone and end.
    this.changed();
  }
}

/** A stable fingerprint of a JSON body: key order does not matter, values do. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(canonical(value));
}
