import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendKind, Progress } from '@distillery/engine';
import type { Services } from '../context.ts';
import type { TrainingMessage } from '../queue/queue.ts';
import { hardware } from '../services/hardware.ts';
import { recordMetric } from '../storage/job-records.ts';
import { getJobById, type JobRow } from '../storage/jobs.ts';
import { recordArtifacts } from './artifacts.ts';
import { engineDistillationConfig, engineFineTuningConfig } from './configs.ts';
import { type EngineOutcome, type EngineRun, startEngine } from './engine-client.ts';
import type { EngineRequest, StopReason } from './engine-protocol.ts';
import { JobFailure } from './failure.ts';
import { jobDir, tenantModelsDir } from './paths.ts';
import { datasetRows, type PromptRow } from './rows.ts';
import {
  changePhase,
  claimJob,
  completeJob,
  engineLog,
  failJob,
  jobStopped,
  recordProgress,
} from './service.ts';

/** How often a running job checks whether it was cancelled. */
const CANCEL_POLL_MS = 1000;
/** Progress is written at most this often; phases, logs and metrics are written as they come. */
const PROGRESS_EVERY_MS = 500;

/**
 * `auto` becomes a concrete backend here, from the adapters this process probed once: an engine
 * thread then loads Dawn only when it really trains on WebGPU. (A thread terminated while Dawn is
 * loaded, as a cancelled job's thread can be, takes the whole process down with it.)
 */
async function concreteBackend(requested: BackendKind): Promise<'cpu' | 'webgpu'> {
  if (requested === 'cpu' || requested === 'webgpu') return requested;
  return (await hardware()).default_backend;
}

/** What the engine needs for this job: its config and the rows, read from the tenant's datasets. */
async function engineRequest(s: Services, job: JobRow, workDir: string): Promise<EngineRequest> {
  const modelsDir = tenantModelsDir(s, job.tenant_id);
  if (job.kind === 'fine_tuning') {
    const c = job.config;
    const rows = await datasetRows(s.db, job.tenant_id, c.training_dataset);
    const validationRows = c.validation_dataset
      ? await datasetRows(s.db, job.tenant_id, c.validation_dataset)
      : undefined;
    const resultModel = `ft-${c.suffix ?? job.id.replace(/^ftjob_/, '')}`;
    return {
      kind: 'fine_tuning',
      config: engineFineTuningConfig(c, await concreteBackend(c.backend), resultModel),
      options: { dataDir: workDir, modelsDir, rows, ...(validationRows ? { validationRows } : {}) },
    };
  }
  const c = job.config;
  if (c.teacher_model.startsWith('openai/') && !s.settings.openaiBaseUrl) {
    throw new JobFailure(
      'teacher_unreachable',
      `teacher ${c.teacher_model}: no OpenAI-compatible endpoint is configured on this server (set OPENAI_BASE_URL and OPENAI_API_KEY), so no teacher samples can be generated`,
    );
  }
  const rows: PromptRow[] = c.dataset_id
    ? await datasetRows(s.db, job.tenant_id, c.dataset_id)
    : (c.prompts ?? []).map((p) => (typeof p === 'string' ? { prompt: p } : p));
  if (rows.length === 0)
    throw new JobFailure(
      'invalid_config',
      'config has neither dataset_id nor prompts: there is nothing to distil on',
    );
  const evalRows = c.eval_dataset_id ? await datasetRows(s.db, job.tenant_id, c.eval_dataset_id) : undefined;
  return {
    kind: 'distillation',
    config: engineDistillationConfig(c, await concreteBackend(c.backend)),
    options: {
      dataDir: workDir,
      modelsDir,
      rows,
      ...(evalRows ? { evalRows } : {}),
      ...(s.settings.openaiBaseUrl
        ? { openai: { baseUrl: s.settings.openaiBaseUrl, apiKey: s.settings.openaiApiKey } }
        : {}),
    },
  };
}

/**
 * Runs one queued job through the engine, writing its status, phase, progress, logs, metrics,
 * results and artifacts as they happen. Returns normally whatever the job's outcome (the outcome
 * lives on the job row); throws only when this worker could not finish it, so pg-boss retries.
 */
export async function runJob(s: Services, msg: TrainingMessage, queueSignal: AbortSignal): Promise<void> {
  queueSignal.throwIfAborted();
  const claimed = await claimJob(s, msg);
  if (!claimed) return;
  let job: JobRow = claimed;

  const dir = jobDir(s, job);
  const workDir = join(dir, 'work');
  await mkdir(workDir, { recursive: true });
  // The config the job runs by, as stored and returned (defaults filled in), downloadable as the
  // `config` artifact.
  await writeFile(
    join(dir, 'train_config.json'),
    `${JSON.stringify({ kind: job.kind, config: job.config }, null, 2)}\n`,
  );
  await recordArtifacts(s.db, job.id, dir);
  s.metrics.training.set(job.id, { step: 0, loss: undefined, tokensPerSecond: undefined });

  // What the engine reports is applied in order, one at a time, each to the latest row.
  let chain: Promise<unknown> = Promise.resolve();
  const apply = (fn: () => Promise<unknown>) => {
    chain = chain
      .then(fn)
      .catch((err) => s.logger.error({ err, job_id: msg.job_id }, 'recording job progress failed'));
    return chain;
  };
  /** A transition of the row: the next one starts from the row it returns. */
  const transition = (fn: (current: JobRow) => Promise<JobRow | undefined>) =>
    apply(async () => {
      job = (await fn(job)) ?? job;
    });

  let run: EngineRun | null = null;
  let stopReason: StopReason | null = null;
  const stop = (reason: StopReason) => {
    stopReason ??= reason;
    run?.stop(reason);
  };
  const onQueueAbort = () => stop('shutdown');
  queueSignal.addEventListener('abort', onQueueAbort, { once: true });
  const poll = setInterval(() => {
    // A failed read (a busy or closing database) only delays the check: it must never become an
    // unhandled rejection, which would bring the whole server down.
    getJobById(s.db, msg.job_id).then(
      (now) => {
        if (!now) stop('deleted');
        else if (now.status === 'cancelled') stop('cancelled');
        else if (now.status !== 'running' || now.attempt !== msg.attempt) stop('superseded');
      },
      (err) => s.logger.warn({ err, job_id: msg.job_id }, 'cancellation check failed'),
    );
  }, CANCEL_POLL_MS);

  try {
    const request = await engineRequest(s, job, workDir);
    let lastProgress = 0;
    let pendingProgress: Progress | null = null;
    const flushProgress = () => {
      const progress = pendingProgress;
      pendingProgress = null;
      if (progress) transition((current) => recordProgress(s, current, progress));
    };
    const gauge = () => s.metrics.training.get(msg.job_id);
    run = startEngine(request, {
      onPhase(phase) {
        flushProgress();
        transition((current) => changePhase(s, current, phase));
      },
      onProgress(progress) {
        pendingProgress = { ...pendingProgress, ...progress };
        const g = gauge();
        if (g && progress.training_step !== undefined) g.step = progress.training_step;
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          flushProgress();
        }
      },
      onLog(message) {
        apply(() => engineLog(s, job, message));
      },
      onMetric(metric) {
        const g = gauge();
        if (g)
          Object.assign(g, {
            step: metric.step,
            loss: metric.loss,
            tokensPerSecond: metric.tokens_per_second,
          });
        const { grad_norm: _g, ...point } = metric;
        apply(() => recordMetric(s.db, msg.job_id, { ...point, timestamp: new Date().toISOString() }));
      },
    });
    if (stopReason) run.stop(stopReason);
    const outcome: EngineOutcome = await run.outcome;
    flushProgress();
    await chain;
    if (outcome.type === 'done') await completeJob(s, job, outcome);
    else if (outcome.type === 'stopped') await jobStopped(s, job, outcome.reason);
    else await failJob(s, job, { code: outcome.code, message: outcome.message });
  } catch (err) {
    await chain;
    if (queueSignal.aborted) throw err;
    if (err instanceof JobFailure && err.code === 'teacher_unreachable') {
      // The teacher is first needed to generate samples: that is the phase that failed.
      const moved = await changePhase(s, job, 'data_generation');
      if (moved) job = moved;
    }
    await failJob(s, job, {
      code: err instanceof JobFailure ? err.code : 'training_error',
      message: (err as Error).message,
    });
  } finally {
    clearInterval(poll);
    queueSignal.removeEventListener('abort', onQueueAbort);
    s.metrics.training.delete(msg.job_id);
    await (run as EngineRun | null)?.terminate();
  }
  // Leave the job to another worker when this one is shutting down mid-run: it resumes from its checkpoint.
  if (stopReason === 'shutdown') throw new Error('worker stopped before the job finished');
}
