/**
 * Distillation jobs: checking a config against what this server holds, planning the run, the
 * estimate, and the job and artifacts as the API returns them.
 */
import type { MockContext } from '../context';
import { ApiError } from '../http/errors';
import type { NextJobScenario } from '../scenarios';
import type { Schemas } from '../spec';
import { webhookUrlProblem } from '../util/addresses';
import { randomId, seededRandom } from '../util/crypto';
import { type ArtifactFile, type ArtifactSource, jobDir, plannedArtifacts } from './artifacts';
import { presetParameters, STUDENT_MODELS } from './catalogue';
import { withDefaults } from './defaults';
import { newJobRecord } from './jobs';
import { localModelParameters, resultModelId } from './models';
import type { DistillationRecord } from './store';
import { type Plan, planRun, round } from './timeline';

type CreateRequest = Schemas['CreateDistillationJobRequest'];
type Config = Schemas['DistillationConfig'];

/** What a create or estimate resolves its config to before planning. */
interface Resolved {
  config: Config;
  teacherParameters?: number;
  studentParameters: number;
  promptsTotal: number;
}

function resolveConfig(ctx: MockContext, tenant: string, input: CreateRequest, now: number): Resolved {
  const config = withDefaults<Config>('DistillationConfig', input.config);
  const invalid = (param: string, message: string) => new ApiError(400, 'invalid_config', message, { param });

  const [provider] = config.teacher_model.split('/');
  let teacherParameters: number | undefined;
  if (provider === 'local') {
    const teacher = localModelParameters(ctx, tenant, config.teacher_model, now);
    if (!teacher.known)
      throw invalid('config.teacher_model', `Unknown teacher model ${config.teacher_model}`);
    teacherParameters = teacher.parameters ?? undefined;
  } else if (provider !== 'openai' || !ctx.options.openaiTeacher) {
    throw invalid(
      'config.teacher_model',
      `No teacher provider ${provider} is configured on this server (use local/… or openai/…)`,
    );
  }

  const studentParameters = presetParameters(config.student_model);
  if (studentParameters === undefined || config.student_model.startsWith('local/')) {
    throw invalid(
      'config.student_model',
      `Unknown model ${config.student_model}; expected one of ${STUDENT_MODELS.join(', ')}`,
    );
  }

  let rows: number | undefined;
  for (const field of ['dataset_id', 'eval_dataset_id'] as const) {
    const id = config[field];
    if (id === undefined) continue;
    const dataset = ctx.state.datasets.get(id);
    if (!dataset || dataset.tenant !== tenant) throw invalid(`config.${field}`, `No dataset ${id}`);
    if (field === 'dataset_id') rows = dataset.rows.length;
  }
  if (config.dataset_id !== undefined && config.prompts !== undefined) {
    throw invalid('config.prompts', 'Give either config.dataset_id or config.prompts, not both');
  }
  rows ??= config.prompts?.length;
  // Without an eval dataset, eval_split of the rows is held out and the rest feeds the teacher.
  const available =
    rows === undefined
      ? undefined
      : Math.max(1, Math.floor(rows * (1 - (config.eval_dataset_id ? 0 : config.eval_split))));
  const promptsTotal = Math.min(
    config.num_prompts ?? available ?? 100,
    available ?? Number.POSITIVE_INFINITY,
  );

  return {
    config,
    promptsTotal,
    ...(teacherParameters !== undefined ? { teacherParameters } : {}),
    studentParameters,
  };
}

function plan(
  ctx: MockContext,
  resolved: Resolved,
  queuedAt: number,
  seed: string,
  scenario: NextJobScenario,
): Plan {
  const { config } = resolved;
  const random = seededRandom(seed);
  const exports =
    config.export_gguf && config.output_formats.includes('gguf') ? [...config.quantization_types] : [];
  return planRun({
    kind: 'distillation',
    queuedAt,
    timings: ctx.options.timings,
    slowdown: scenario.slowdown ?? 1,
    promptsTotal: resolved.promptsTotal,
    stepsTotal: config.training_steps,
    teacherAccuracy: scenario.teacherAccuracy ?? round(0.93 + random() * 0.05, 4),
    accuracyDelta: scenario.accuracyDelta ?? round(-0.02 + random() * 0.015, 4),
    evalRows: Math.max(1, Math.round(resolved.promptsTotal * (config.eval_split || 0.1))),
    ...(scenario.evaluated === false ? { evaluated: false } : {}),
    exports,
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

/** Predicted figures for a config; `seconds` matches the simulated run's length. */
function estimateOf(ctx: MockContext, resolved: Resolved) {
  const { config } = resolved;
  const t = ctx.options.timings;
  const seconds =
    (t.initializing + t.data_generation + t.curation + t.training + t.evaluation + t.export) / 1000;
  const tokens = config.training_steps * config.batch_size * config.seq_len;
  const student = resolved.studentParameters;
  const generated = resolved.promptsTotal * config.n_samples * config.seq_len;
  const flops = 6 * student * tokens + 2 * (resolved.teacherParameters ?? student * 8) * generated;
  return { seconds, tokens, flops, cost: round(seconds * 0.01 + tokens / 1e8, 4) };
}

/** The tenant's credit budget: set through `POST /v1/keys`, else configured; null is unlimited. */
export function tenantBudget(ctx: MockContext, tenant: string): number | null {
  return ctx.state.budgets.get(tenant) ?? ctx.options.budgets[tenant] ?? null;
}

function budgetLeft(ctx: MockContext, tenant: string, now: number): number | null {
  const budget = tenantBudget(ctx, tenant);
  if (budget === null) return null;
  return Math.max(0, budget - ctx.state.spent(tenant, now));
}

/** 402 when the run would cost more than the tenant has left. */
export function checkBudget(ctx: MockContext, tenant: string, cost: number, now: number) {
  const left = budgetLeft(ctx, tenant, now);
  if (left === null || cost <= left) return;
  throw new ApiError(
    402,
    'insufficient_credits',
    `Estimated cost ${cost.toFixed(2)} exceeds the remaining budget ${left.toFixed(2)} of tenant ${tenant}`,
    { details: { estimated_cost: cost, remaining_budget: round(left, 4) } },
  );
}

export function estimateDistillation(ctx: MockContext, tenant: string, input: CreateRequest, now: number) {
  const resolved = resolveConfig(ctx, tenant, input, now);
  const estimate = estimateOf(ctx, resolved);
  const left = budgetLeft(ctx, tenant, now);
  const body: Schemas['Estimate'] = {
    estimated_cost: estimate.cost,
    currency: 'credits',
    estimated_seconds: estimate.seconds,
    flops: estimate.flops,
    tokens: estimate.tokens,
    ...(resolved.teacherParameters !== undefined ? { teacher_parameters: resolved.teacherParameters } : {}),
    student_parameters: resolved.studentParameters,
    backend: 'cpu',
    within_budget: left === null || estimate.cost <= left,
  };
  return body;
}

/**
 * 400 `invalid_request` naming `webhook_url` when it is not http(s) or names a host the
 * `webhookHosts` policy refuses: checked first at creation, as the reference server does.
 */
export function checkWebhookUrl(ctx: MockContext, url: string | null | undefined) {
  if (url === null || url === undefined) return;
  const problem = webhookUrlProblem(url, ctx.options.webhookHosts);
  if (problem) throw new ApiError(400, 'invalid_request', problem, { param: 'webhook_url' });
}

export function createDistillation(ctx: MockContext, tenant: string, input: CreateRequest, now: number) {
  checkWebhookUrl(ctx, input.webhook_url);
  const resolved = resolveConfig(ctx, tenant, input, now);
  const estimate = estimateOf(ctx, resolved);
  checkBudget(ctx, tenant, estimate.cost, now);
  const id = randomId('job_');
  const job: DistillationRecord = {
    ...newJobRecord({
      kind: 'distillation',
      id,
      tenant,
      name: input.name ?? id,
      description: input.description ?? null,
      metadata: input.metadata ?? {},
      webhookUrl: input.webhook_url ?? null,
      resultModel: resultModelId(ctx, tenant, `${input.name ?? id}-student`),
      createdAt: now,
      plan: plan(ctx, resolved, now, id, ctx.scenarios.takeNextJob()),
      estimatedCost: estimate.cost,
    }),
    kind: 'distillation',
    config: resolved.config,
    ...(resolved.teacherParameters !== undefined ? { teacherParameters: resolved.teacherParameters } : {}),
    studentParameters: resolved.studentParameters,
  };
  ctx.state.jobs.set(id, job);
  return job;
}

/** A new plan for the same config, starting now; the scenario queue applies as for a new job. */
export function replanDistillation(ctx: MockContext, job: DistillationRecord, now: number): Plan {
  const resolved: Resolved = {
    config: job.config,
    promptsTotal: job.plan.promptsTotal ?? 100,
    ...(job.teacherParameters !== undefined ? { teacherParameters: job.teacherParameters } : {}),
    studentParameters: job.studentParameters,
  };
  checkBudget(ctx, job.tenant, estimateOf(ctx, resolved).cost, now);
  return plan(ctx, resolved, now, `${job.id}:${job.run + 1}`, ctx.scenarios.takeNextJob());
}

export function toDistillationJob(job: DistillationRecord): Schemas['DistillationJob'] {
  const s = job.last;
  const results: Schemas['JobResults'] = { ...s.results };
  if (s.results) {
    if (job.teacherParameters !== undefined) results.teacher_parameters = job.teacherParameters;
    results.student_parameters = job.studentParameters;
    if (job.teacherParameters !== undefined) {
      results.compression_ratio = round(job.teacherParameters / job.studentParameters, 2);
      // Sizes as the engine reports them: the teacher's f32 weights, the student's smallest export.
      results.teacher_size_bytes = job.teacherParameters * 4;
      results.student_size_bytes = Math.round(
        job.studentParameters * Math.min(...job.plan.exports.map(bytesPerWeight), 4),
      );
      results.size_compression_ratio = round(results.teacher_size_bytes / results.student_size_bytes, 2);
    }
    // A job that could not be evaluated never passes: nothing shows the student kept the accuracy.
    results.threshold_passed =
      s.results.evaluated !== false &&
      s.results.accuracy_delta !== undefined &&
      s.results.accuracy_delta >= job.config.accuracy_threshold;
  }
  return {
    id: job.id,
    tenant_id: job.tenant,
    name: job.name,
    description: job.description,
    status: s.status,
    phase: s.phase,
    config: job.config,
    progress: s.progress,
    results,
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

/** The last instant anything about the job changed: while running, progress moves continuously. */
export function updatedAt(job: { last: { at: number; status: string }; plan: Plan }) {
  return job.last.status === 'pending' ? job.plan.queuedAt : job.last.at;
}

export function artifactSource(job: DistillationRecord): ArtifactSource {
  return {
    id: job.id,
    run: job.run,
    name: job.name,
    config: job.config as unknown as Record<string, unknown>,
    plan: job.plan,
    outputFormats: job.config.output_formats,
  };
}

/** The files written by the run so far (cancelled and failed runs keep what they wrote). */
export function writtenArtifacts(job: DistillationRecord): ArtifactFile[] {
  return plannedArtifacts(artifactSource(job)).filter((file) => file.writtenAt <= job.last.at);
}

export function artifactsBody(
  ctx: MockContext,
  job: DistillationRecord,
  files: Array<ArtifactFile & { size: number; sha256: string }>,
): Schemas['JobArtifacts'] {
  const find = (format: string) => files.find((f) => f.format === format)?.path ?? null;
  const gguf: Record<string, string> = {};
  for (const file of files) if (file.quantization) gguf[file.quantization] = file.path;
  const hasModel = find('safetensors') !== null;
  return {
    job_id: job.id,
    adapter_path: hasModel ? `${jobDir(job.id)}/model/` : null,
    safetensors_path: find('safetensors'),
    gguf_paths: gguf as Schemas['JobArtifacts']['gguf_paths'],
    tokenizer_path: find('tokenizer'),
    config_path: find('config'),
    artifacts: files.map((file) => ({
      format: file.format,
      path: file.path,
      size_bytes: file.size,
      checksum_sha256: file.sha256,
      download_url: `${ctx.options.baseUrl}/v1/distillation/${job.id}/artifacts/${file.format}/download`,
      ...(file.quantization ? { quantization: file.quantization as Schemas['QuantizationType'] } : {}),
    })),
  };
}

/** Storage per weight of a GGUF tensor type (blocks of 32 or 256 weights with their scales). */
function bytesPerWeight(quantization: string): number {
  return { f32: 4, f16: 2, q8_0: 34 / 32, q4_0: 18 / 32, q4_k_m: 144 / 256 }[quantization] ?? 4;
}
