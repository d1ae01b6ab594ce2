import { mkdir, rm, symlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Phase, Progress } from '@distillery/engine';
import type { Services } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { type BodyOf, openapi } from '../openapi/spec.ts';
import { enqueueTraining, type TrainingMessage } from '../queue/queue.ts';
import { findPreset } from '../services/catalog.ts';
import { estimateDistillation, estimateFineTuning } from '../services/estimate.ts';
import { configuredSecrets, redactor } from '../services/redact.ts';
import { assertWebhookUrl, queueWebhook } from '../services/webhooks.ts';
import { appendEvent, appendLog, type LogLevel } from '../storage/job-records.ts';
import type {
  DistillationJobConfig,
  DistillationJobRow,
  FineTuningJobConfig,
  FineTuningJobRow,
  JobError,
  JobKind,
  JobRow,
  JobRowOf,
} from '../storage/jobs.ts';
import * as store from '../storage/jobs.ts';
import { upsertModel } from '../storage/models.ts';
import { recordArtifacts, recordManifest } from './artifacts.ts';
import { assertWithinBudget, estimateJob } from './billing.ts';
import type { EngineResult, StopReason } from './engine-protocol.ts';
import { jobDir, tenantModelsDir } from './paths.ts';
import { checkDistillationReferences, checkFineTuningReferences } from './references.ts';
import { distillationResults, fineTuningOutcome } from './results.ts';

/**
 * The lifecycle of every job kind, in one place: create, cancel, restart and delete for the routes;
 * claim, phase, progress, complete, fail and stop for the worker. Each transition writes its event,
 * log line and webhook here, so that no caller can forget one, and the state machine
 * (pending → running → completed | failed | cancelled; cancel only while live, restart and delete
 * only once finished) is enforced by the storage queries it calls.
 */

/** The pipeline's order of phases: the spec lists them in the order the engine reports them. */
const PHASES = (openapi.components.schemas.JobPhase as { enum: Phase[] }).enum;

/** Removes credentials (the teacher's URL and key) from text before it is stored, logged or sent. */
export function scrub(s: Services, text: string): string {
  return redactor(configuredSecrets(s.settings))(text);
}

async function log(s: Services, job: JobRow, level: LogLevel, message: string, phase = job.phase) {
  await appendLog(s.db, job.id, level, phase, scrub(s, message));
}

/** A new or restarted job: its status event and log line, then onto the queue. */
async function queued(s: Services, job: JobRow, message: string): Promise<void> {
  await appendEvent(s.db, job, 'status');
  await log(s, job, 'info', message, 'initializing');
  await enqueueTraining(s.boss, job.tenant_id, { job_id: job.id, attempt: job.attempt });
}

/** What a distillation would cost: its models and datasets checked, billed for its real rows. */
export async function estimateDistillationJob(s: Services, tenantId: string, config: DistillationJobConfig) {
  const rows = await checkDistillationReferences(s, tenantId, config);
  return estimateDistillation(s.db, s.settings, tenantId, config, rows);
}

/** What a fine-tuning would cost: its base model and datasets checked, billed for its real rows. */
export async function estimateFineTuningJob(
  s: Services,
  tenantId: string,
  request: Pick<
    FineTuningJobConfig,
    'base_model' | 'training_dataset' | 'validation_dataset' | 'hyperparameters'
  >,
) {
  const training = await checkFineTuningReferences(s, tenantId, request);
  return estimateFineTuning(
    s.db,
    s.settings,
    tenantId,
    request.base_model,
    request.hyperparameters,
    training.row_count,
  );
}

export async function createDistillationJob(
  s: Services,
  tenantId: string,
  body: BodyOf<'createDistillationJob'>,
): Promise<DistillationJobRow> {
  assertWebhookUrl(body.webhook_url, s.settings.webhookHosts);
  const estimate = await estimateDistillationJob(s, tenantId, body.config);
  assertWithinBudget(tenantId, estimate);
  const job = await store.insertJob(s.db, {
    id: newId('job'),
    kind: 'distillation',
    tenant_id: tenantId,
    name: body.name ?? null,
    description: body.description ?? null,
    // Validation filled in every default: this is the config the job runs and is billed by.
    config: body.config,
    metadata: body.metadata ?? {},
    webhook_url: body.webhook_url ?? null,
    estimated_cost: estimate.estimated_cost,
  });
  await queued(s, job, `queued: teacher ${body.config.teacher_model}, student ${body.config.student_model}`);
  return job;
}

export async function createFineTuningJob(
  s: Services,
  tenantId: string,
  body: BodyOf<'createFineTuningJob'>,
): Promise<FineTuningJobRow> {
  assertWebhookUrl(body.webhook_url, s.settings.webhookHosts);
  const estimate = await estimateFineTuningJob(s, tenantId, body);
  assertWithinBudget(tenantId, estimate);
  // Validation filled in every default: this is the config the job trains and is billed by.
  const config: FineTuningJobConfig = {
    base_model: body.base_model,
    training_dataset: body.training_dataset,
    ...(body.validation_dataset ? { validation_dataset: body.validation_dataset } : {}),
    hyperparameters: body.hyperparameters,
    ...(body.suffix ? { suffix: body.suffix } : {}),
    backend: body.backend,
  };
  const job = await store.insertJob(s.db, {
    id: newId('ftjob'),
    kind: 'fine_tuning',
    tenant_id: tenantId,
    name: body.name,
    description: body.description ?? null,
    config,
    metadata: body.metadata ?? {},
    webhook_url: body.webhook_url ?? null,
    estimated_cost: estimate.estimated_cost,
  });
  await queued(s, job, `queued: fine-tune ${body.base_model} on ${body.training_dataset}`);
  return job;
}

/** A tenant's job of one kind, else 404 `job_not_found`. */
export async function findJob<K extends JobKind>(
  s: Services,
  tenantId: string,
  kind: K,
  id: string,
): Promise<JobRowOf<K>> {
  const job = await store.getJob(s.db, tenantId, kind, id);
  if (!job) throw notFound('job_not_found', `No job ${id}`, 'job_id');
  return job;
}

export async function cancelJob<K extends JobKind>(
  s: Services,
  tenantId: string,
  kind: K,
  id: string,
): Promise<JobRowOf<K>> {
  const r = await store.cancelJob(s.db, tenantId, kind, id);
  if (!r) throw notFound('job_not_found', `No job ${id}`, 'job_id');
  if (!r.changed) throw new ApiError(409, 'job_terminal', `Job ${id} is already ${r.row.status}`);
  // A running job's worker sees the status within a second and aborts the engine.
  await appendEvent(s.db, r.row, 'status');
  await log(s, r.row, 'warn', 'cancelled by request');
  await queueWebhook(s.boss, r.row, 'job.cancelled');
  return r.row;
}

export async function restartJob<K extends JobKind>(
  s: Services,
  tenantId: string,
  kind: K,
  id: string,
): Promise<JobRowOf<K>> {
  const current = await findJob(s, tenantId, kind, id);
  if (!store.TERMINAL_STATUSES.includes(current.status)) {
    throw new ApiError(409, 'job_already_running', `Job ${current.id} is ${current.status}; cancel it first`);
  }
  // The operator's webhook rules may have changed since the job was created.
  assertWebhookUrl(current.webhook_url, s.settings.webhookHosts);
  // Billed as at creation: the stored config and the rows it names.
  assertWithinBudget(current.tenant_id, await estimateJob(s, current));
  const r = await store.restartJob(s.db, current.tenant_id, kind, current.id);
  if (!r) throw notFound('job_not_found', `No job ${current.id}`, 'job_id');
  if (!r.changed)
    throw new ApiError(409, 'job_already_running', `Job ${current.id} is ${r.row.status}; cancel it first`);
  // From the start: checkpoints of the previous attempt must not be resumed.
  await rm(join(jobDir(s, r.row), 'work'), { recursive: true, force: true });
  await queued(s, r.row, `restarted (attempt ${r.row.attempt + 1})`);
  return r.row;
}

export async function deleteJob(s: Services, tenantId: string, kind: JobKind, id: string): Promise<void> {
  const r = await store.deleteJob(s.db, tenantId, kind, id);
  if (!r) throw notFound('job_not_found', `No job ${id}`, 'job_id');
  if (r !== 'deleted')
    throw new ApiError(409, 'job_already_running', `Job ${id} is ${r.status}; cancel it first`);
  await rm(jobDir(s, { id, kind }), { recursive: true, force: true });
}

/**
 * pending → running for the queued attempt, or a running job picked up again after its worker
 * died; undefined when the message is stale (restarted, cancelled, deleted since).
 */
export async function claimJob(s: Services, msg: TrainingMessage): Promise<JobRow | undefined> {
  const before = await store.getJobById(s.db, msg.job_id);
  if (!before || before.attempt !== msg.attempt || !store.LIVE_STATUSES.includes(before.status)) return;
  const resumed = before.status === 'running';
  const job = await store.claimJob(s.db, msg.job_id, msg.attempt);
  if (!job) return;
  const where = `${hostname()} (pid ${process.pid})`;
  await log(s, job, 'info', resumed ? `resumed on ${where} after its worker stopped` : `started on ${where}`);
  if (!resumed) await appendEvent(s.db, job, 'status');
  return job;
}

/**
 * The job's phase moves forward: event, log line and webhook. `done` is the server's to set, once
 * results and artifacts are recorded (a job must never read `running` in phase `done`), and a
 * resumed attempt replays the phases before its checkpoint, which must not move the job backwards.
 */
export async function changePhase(s: Services, job: JobRow, phase: Phase): Promise<JobRow | undefined> {
  if (phase === 'done' || PHASES.indexOf(phase) <= PHASES.indexOf(job.phase)) return;
  const updated = await store.updateRunningJob(s.db, job.id, job.attempt, { phase });
  if (!updated) return;
  await appendEvent(s.db, updated, 'phase');
  await log(s, updated, 'info', `phase ${phase}`);
  await queueWebhook(s.boss, updated, 'job.phase_changed');
  return updated;
}

/** Progress so far, and the cost accrued with it (the estimate, pro rata of the training steps). */
export async function recordProgress(
  s: Services,
  job: JobRow,
  progress: Progress,
): Promise<JobRow | undefined> {
  const merged = { ...job.progress, ...progress };
  const fraction = merged.training_steps_total
    ? (merged.training_step ?? 0) / merged.training_steps_total
    : 0;
  const updated = await store.updateRunningJob(s.db, job.id, job.attempt, {
    progress: merged,
    cost_accrued: Math.round(job.estimated_cost * fraction * 1e4) / 1e4,
  });
  if (updated) await appendEvent(s.db, updated, 'progress');
  return updated;
}

/** A line of the engine's own log. */
export function engineLog(s: Services, job: JobRow, message: string): Promise<void> {
  return log(s, job, 'info', message);
}

/** The run finished: results, artifacts and the model it made are recorded, then the job completes. */
export async function completeJob(s: Services, job: JobRow, outcome: EngineResult): Promise<void> {
  const dir = jobDir(s, job);
  await recordArtifacts(s.db, job.id, dir);
  if (outcome.result.resumed_from_step > 0)
    await log(s, job, 'info', `resumed from the checkpoint at step ${outcome.result.resumed_from_step}`);
  const recorded =
    outcome.kind === 'distillation' && job.kind === 'distillation'
      ? await recordDistillation(s, job, outcome.result)
      : outcome.kind === 'fine_tuning' && job.kind === 'fine_tuning'
        ? await recordFineTuning(s, job, outcome.result)
        : false;
  if (!recorded) return;
  const done = await store.finishJob(s.db, job.id, job.attempt, 'completed', { phase: 'done' });
  if (!done) return;
  await log(s, done, 'info', 'completed', 'done');
  await appendEvent(s.db, done, 'status');
  await queueWebhook(s.boss, done, 'job.completed');
}

async function recordDistillation(
  s: Services,
  job: DistillationJobRow,
  r: Extract<EngineResult, { kind: 'distillation' }>['result'],
): Promise<boolean> {
  // The engine's own manifest is authoritative: it hashed the files as it wrote them.
  await recordManifest(s.db, job.id, r.artifacts);
  const updated = await store.updateRunningJob(s.db, job.id, job.attempt, {
    results: distillationResults(r),
    cost_accrued: job.estimated_cost,
    phase: 'export',
  });
  if (!updated) return false;
  // Linked into the tenant's models directory, the student can be the teacher of a later job.
  const modelsDir = tenantModelsDir(s, job.tenant_id);
  await mkdir(modelsDir, { recursive: true });
  await rm(join(modelsDir, job.id), { force: true, recursive: true });
  await symlink(r.student_model_dir, join(modelsDir, job.id), 'dir');
  const preset = findPreset(r.student_model);
  await upsertModel(s.db, {
    tenant_id: job.tenant_id,
    id: `local/${job.id}`,
    kind: 'distilled',
    base_model: r.student_model,
    source_job_id: job.id,
    parameters: r.student_parameters,
    context_length: preset?.context_length ?? null,
    architecture: preset?.architecture ?? null,
    path: r.student_model_dir,
  });
  await appendEvent(s.db, updated, 'results');
  return true;
}

async function recordFineTuning(
  s: Services,
  job: FineTuningJobRow,
  r: Extract<EngineResult, { kind: 'fine_tuning' }>['result'],
): Promise<boolean> {
  const modelId = `local/${r.model_id}`;
  const { metrics, trainedTokens } = fineTuningOutcome(r, job.config);
  const updated = await store.updateRunningJob(s.db, job.id, job.attempt, {
    metrics,
    result_model: modelId,
    trained_tokens: trainedTokens,
    cost_accrued: job.estimated_cost,
  });
  if (!updated) return false;
  await upsertModel(s.db, {
    tenant_id: job.tenant_id,
    id: modelId,
    kind: 'fine_tuned',
    base_model: job.config.base_model,
    source_job_id: job.id,
    parameters: r.parameters,
    context_length: findPreset(job.config.base_model)?.context_length ?? null,
    architecture: null,
    path: r.model_dir,
  });
  return true;
}

/** The job failed: what it exported so far is kept, the error is stored, logged and sent. */
export async function failJob(s: Services, job: JobRow, raw: JobError): Promise<void> {
  const error = { ...raw, message: scrub(s, raw.message) };
  await recordArtifacts(s.db, job.id, jobDir(s, job));
  const current = (await store.getJobById(s.db, job.id)) ?? job;
  const failed = await store.finishJob(s.db, job.id, job.attempt, 'failed', {
    error: { ...error, phase: current.phase },
  });
  if (!failed) return;
  await log(s, failed, 'error', `failed (${error.code}): ${error.message}`);
  await appendEvent(s.db, failed, 'status');
  await queueWebhook(s.boss, failed, 'job.failed');
}

const STOPPED_BECAUSE: Record<StopReason, string> = {
  cancelled: 'the job was cancelled',
  deleted: 'the job was deleted',
  superseded: 'the job was restarted',
  shutdown: 'the worker is shutting down',
};

/**
 * The engine stopped before the run ended. Cancelled or restarted: what was exported so far is
 * kept. Shut down: the job stays `running` for another worker to resume from its checkpoint.
 */
export async function jobStopped(s: Services, job: JobRow, reason: StopReason): Promise<void> {
  if (!(await store.getJobById(s.db, job.id))) return;
  await recordArtifacts(s.db, job.id, jobDir(s, job));
  await log(s, job, 'info', `engine stopped: ${STOPPED_BECAUSE[reason]}`);
}
