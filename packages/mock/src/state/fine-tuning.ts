/**
 * Fine-tuning jobs: the same state machine as distillation without the teacher phases, sized by
 * the training dataset, producing a `local/ft-…` model on completion.
 */
import type { MockContext } from '../context';
import { ApiError, datasetNotFound } from '../http/errors';
import type { NextJobScenario } from '../scenarios';
import type { Schemas } from '../spec';
import { randomId, seededRandom } from '../util/crypto';
import { PRESETS, presetParameters } from './catalogue';
import { withDefaults } from './defaults';
import { checkBudget, checkWebhookUrl, tenantBudget, updatedAt } from './distillation';
import { newJobRecord } from './jobs';
import { localModelParameters, resultModelId } from './models';
import type { FineTuningRecord } from './store';
import { type Plan, planRun, round } from './timeline';

type CreateRequest = Schemas['CreateFineTuningJobRequest'];
type Hyperparameters = Required<Schemas['FineTuningHyperparameters']>;

interface Resolved {
  hyperparameters: Hyperparameters;
  rows: number;
  stepsTotal: number;
  baseParameters?: number;
}

function resolve(ctx: MockContext, tenant: string, input: CreateRequest, now: number): Resolved {
  const hyperparameters = withDefaults<Hyperparameters>(
    'FineTuningHyperparameters',
    input.hyperparameters ?? {},
  );
  let baseParameters: number | undefined;
  if (PRESETS.some((m) => m.id === input.base_model)) {
    baseParameters = presetParameters(input.base_model);
  } else {
    const local = localModelParameters(ctx, tenant, input.base_model, now);
    if (!local.known || !input.base_model.startsWith('local/')) {
      throw new ApiError(400, 'invalid_config', `Unknown base model ${input.base_model}`, {
        param: 'base_model',
      });
    }
    baseParameters = local.parameters ?? undefined;
  }
  const training = ctx.state.datasets.get(input.training_dataset);
  if (!training || training.tenant !== tenant)
    throw datasetNotFound(input.training_dataset, 'training_dataset');
  if (input.validation_dataset !== undefined) {
    const validation = ctx.state.datasets.get(input.validation_dataset);
    if (!validation || validation.tenant !== tenant) {
      throw datasetNotFound(input.validation_dataset, 'validation_dataset');
    }
  }
  const rows = training.rows.length;
  const stepsTotal = hyperparameters.epochs * Math.max(1, Math.ceil(rows / hyperparameters.batch_size));
  return { hyperparameters, rows, stepsTotal, ...(baseParameters !== undefined ? { baseParameters } : {}) };
}

function estimateOf(ctx: MockContext, resolved: Resolved) {
  const t = ctx.options.timings;
  const seconds = (t.initializing + t.training + t.evaluation + t.export) / 1000;
  const tokens = resolved.stepsTotal * resolved.hyperparameters.batch_size * resolved.hyperparameters.seq_len;
  const flops = 6 * (resolved.baseParameters ?? 6815744) * tokens;
  return { seconds, tokens, flops, cost: round(seconds * 0.01 + tokens / 1e8, 4) };
}

function plan(
  ctx: MockContext,
  resolved: Resolved,
  queuedAt: number,
  seed: string,
  scenario: NextJobScenario,
): Plan {
  const random = seededRandom(seed);
  return planRun({
    kind: 'fine_tuning',
    queuedAt,
    timings: ctx.options.timings,
    slowdown: scenario.slowdown ?? 1,
    stepsTotal: resolved.stepsTotal,
    teacherAccuracy: scenario.teacherAccuracy ?? round(0.94 + random() * 0.04, 4),
    accuracyDelta: scenario.accuracyDelta ?? 0,
    evalRows: Math.max(1, Math.round(resolved.rows * 0.1)),
    ...(scenario.evaluated === false ? { evaluated: false } : {}),
    exports: [],
    ...(scenario.failIn
      ? {
          failure: {
            phase: scenario.failIn,
            code: scenario.errorCode ?? 'training_error',
            message: scenario.errorMessage ?? `Simulated failure during ${scenario.failIn}`,
          },
        }
      : {}),
  });
}

export function estimateFineTuning(ctx: MockContext, tenant: string, input: CreateRequest, now: number) {
  const resolved = resolve(ctx, tenant, input, now);
  const estimate = estimateOf(ctx, resolved);
  const budget = tenantBudget(ctx, tenant);
  const left = budget === null ? null : budget - ctx.state.spent(tenant, now);
  const body: Schemas['Estimate'] = {
    estimated_cost: estimate.cost,
    currency: 'credits',
    estimated_seconds: estimate.seconds,
    flops: estimate.flops,
    tokens: estimate.tokens,
    ...(resolved.baseParameters !== undefined ? { student_parameters: resolved.baseParameters } : {}),
    backend: 'cpu',
    within_budget: left === null || estimate.cost <= left,
  };
  return body;
}

export function createFineTuning(ctx: MockContext, tenant: string, input: CreateRequest, now: number) {
  checkWebhookUrl(ctx, input.webhook_url);
  const resolved = resolve(ctx, tenant, input, now);
  const estimate = estimateOf(ctx, resolved);
  checkBudget(ctx, tenant, estimate.cost, now);
  const id = randomId('ftjob_');
  const job: FineTuningRecord = {
    ...newJobRecord({
      kind: 'fine_tuning',
      id,
      tenant,
      name: input.name,
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      webhookUrl: input.webhook_url ?? null,
      resultModel: resultModelId(ctx, tenant, `ft-${input.suffix ?? input.name}`),
      createdAt: now,
      plan: plan(ctx, resolved, now, id, ctx.scenarios.takeNextJob()),
      estimatedCost: estimate.cost,
    }),
    kind: 'fine_tuning',
    baseModel: input.base_model,
    trainingDataset: input.training_dataset,
    validationDataset: input.validation_dataset ?? null,
    hyperparameters: resolved.hyperparameters,
    suffix: input.suffix ?? null,
    backend: input.backend ?? 'auto',
    rows: resolved.rows,
    tokensPerStep: resolved.hyperparameters.batch_size * resolved.hyperparameters.seq_len,
    ...(resolved.baseParameters !== undefined ? { baseParameters: resolved.baseParameters } : {}),
  };
  ctx.state.jobs.set(id, job);
  return job;
}

export function replanFineTuning(ctx: MockContext, job: FineTuningRecord, now: number): Plan {
  const resolved: Resolved = {
    hyperparameters: job.hyperparameters,
    rows: job.rows,
    stepsTotal: job.plan.stepsTotal,
    ...(job.baseParameters !== undefined ? { baseParameters: job.baseParameters } : {}),
  };
  checkBudget(ctx, job.tenant, estimateOf(ctx, resolved).cost, now);
  return plan(ctx, resolved, now, `${job.id}:${job.run + 1}`, ctx.scenarios.takeNextJob());
}

export function toFineTuningJob(job: FineTuningRecord): Schemas['FineTuningJob'] {
  const s = job.last;
  const step = s.progress.training_step ?? 0;
  const stepsPerEpoch = job.plan.stepsTotal / job.hyperparameters.epochs;
  const metrics: Schemas['FineTuningMetrics'] = {};
  if (s.progress.loss !== undefined) {
    metrics.training_loss = s.progress.loss;
    metrics.epoch = round(step / stepsPerEpoch, 2);
  }
  if (s.results) {
    metrics.validation_loss = round((s.progress.loss ?? 0) * 1.25, 4);
    // Nothing scored, no accuracy: the server leaves the field out.
    if (s.results.teacher_accuracy !== undefined) metrics.validation_accuracy = s.results.teacher_accuracy;
  }
  return {
    id: job.id,
    tenant_id: job.tenant,
    name: job.name,
    description: job.description,
    base_model: job.baseModel,
    training_dataset: job.trainingDataset,
    validation_dataset: job.validationDataset,
    hyperparameters: job.hyperparameters,
    suffix: job.suffix,
    result_model: s.status === 'completed' ? job.resultModel : null,
    status: s.status,
    phase: s.phase,
    progress: s.progress,
    metrics,
    trained_tokens: step * job.tokensPerStep,
    error: s.error ?? null,
    cost_accrued: round(job.estimatedCost * s.fraction, 4),
    metadata: job.metadata,
    webhook_url: job.webhookUrl,
    created_at: new Date(job.createdAt).toISOString(),
    updated_at: new Date(updatedAt(job)).toISOString(),
    started_at: s.startedAt === null ? null : new Date(s.startedAt).toISOString(),
    finished_at: s.finishedAt === null ? null : new Date(s.finishedAt).toISOString(),
  };
}
